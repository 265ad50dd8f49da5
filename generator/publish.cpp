#include "publish.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <system_error>

namespace hgj {

namespace fs = std::filesystem;

namespace {

// Folders left beside the target by runs that were killed: `<name>.staging-*`.
void remove_leftovers(const fs::path& target) {
  std::error_code ec;
  const fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  const std::string prefix = target.filename().string() + ".staging-";
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    if (entry.path().filename().string().starts_with(prefix)) fs::remove_all(entry.path(), ec);
  }
}

}  // namespace

Staging::Staging(fs::path target) : target_(std::move(target)) {
  while (!target_.empty() && !target_.has_filename()) target_ = target_.parent_path();
  remove_leftovers(target_);
  staged_ = target_;
  staged_ += ".staging-" + std::to_string(::getpid());
  fs::create_directories(staged_);
}

Staging::~Staging() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(staged_, ec);
}

void Staging::commit() {
  std::error_code ec;
  if (fs::exists(target_, ec)) {
    // Exchanging the two names is atomic: readers see the old tree or the new one.
    if (::renameat2(AT_FDCWD, staged_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) != 0) {
      throw fs::filesystem_error("cannot swap in the new output", staged_, target_,
                                 std::error_code(errno, std::generic_category()));
    }
    committed_ = true;
    fs::remove_all(staged_, ec);  // now holds the previous output
    return;
  }
  fs::rename(staged_, target_);
  committed_ = true;
}

void write_file(const fs::path& path, std::string_view bytes) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    throw fs::filesystem_error("cannot write", path,
                               std::error_code(errno, std::generic_category()));
  }
}

}  // namespace hgj
