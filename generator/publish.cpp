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
  // Plain system calls: an ofstream per file costs a locale and a buffer, and a build
  // writes tens of thousands of files from several threads.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0 && errno == ENOENT && path.has_parent_path()) {
    fs::create_directories(path.parent_path());
    fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  }
  const auto fail = [&path](int error) {
    throw fs::filesystem_error("cannot write", path, std::error_code(error, std::generic_category()));
  };
  if (fd < 0) fail(errno);
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      fail(error);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) fail(errno);
}

bool replace_file(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  if (fs::file_size(path, ec) == bytes.size() && !ec) {
    std::ifstream in(path, std::ios::binary);
    std::string old(bytes.size(), '\0');
    if (in.read(old.data(), static_cast<std::streamsize>(old.size())) && old == bytes) return false;
  }
  fs::path temporary = path;
  temporary += ".hgj-new";
  write_file(temporary, bytes);
  fs::rename(temporary, path);
  return true;
}

}  // namespace hgj
