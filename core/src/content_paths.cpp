#include "content_paths.h"

#include <sys/stat.h>

#include <algorithm>

namespace hgj {

namespace fs = std::filesystem;

namespace {

fs::path real_path(const fs::path& path) {
  std::error_code ec;
  return fs::weakly_canonical(path, ec);
}

}  // namespace

ContentPaths::ContentPaths(std::string content_root)
    : root_(std::move(content_root)), real_root_(real_path(root_)) {}

fs::path ContentPaths::real_folder(const fs::path& relative) const {
  if (relative.empty()) return real_root_;
  const std::lock_guard lock(mutex_);
  auto [at, fresh] = folders_.try_emplace(relative.generic_string());
  if (fresh) at->second = real_path(fs::path(root_) / relative);
  return at->second;
}

std::optional<fs::path> ContentPaths::inside(const fs::path& relative) const {
  if (relative.is_absolute() || relative.has_root_name() || relative.empty() ||
      *relative.begin() == "..") {
    return std::nullopt;
  }
  fs::path full = real_folder(relative.parent_path()) / relative.filename();
  // Only a link as the last component still needs following; most files are none.
  struct stat st {};
  if (::lstat(full.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) full = real_path(full);
  const auto [root_end, unused] =
      std::mismatch(real_root_.begin(), real_root_.end(), full.begin(), full.end());
  if (root_end != real_root_.end()) return std::nullopt;
  return full;
}

}  // namespace hgj
