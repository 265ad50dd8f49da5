#include "content_paths.h"

#include <sys/stat.h>

#include <algorithm>

namespace hgj {

namespace fs = std::filesystem;

ContentPaths::ContentPaths(std::string content_root) : root_(std::move(content_root)) {}

fs::path ContentPaths::real_folder(const fs::path& relative) const {
  const std::lock_guard lock(mutex_);
  std::error_code ec;
  if (!real_root_) real_root_ = fs::weakly_canonical(root_, ec);
  if (relative.empty()) return *real_root_;
  auto [at, fresh] = folders_.try_emplace(relative.generic_string());
  if (fresh) at->second = fs::weakly_canonical(fs::path(root_) / relative, ec);
  return at->second;
}

std::optional<fs::path> ContentPaths::inside(const fs::path& relative) const {
  if (relative.is_absolute() || relative.has_root_name() || relative.empty() ||
      *relative.begin() == "..") {
    return std::nullopt;
  }
  const fs::path root = real_folder({});
  fs::path full = real_folder(relative.parent_path()) / relative.filename();
  // Only a link as the last component still needs following; most files are none.
  struct stat st {};
  if (::lstat(full.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    std::error_code ec;
    full = fs::weakly_canonical(full, ec);
  }
  const auto [root_end, unused] = std::mismatch(root.begin(), root.end(), full.begin(), full.end());
  if (root_end != root.end()) return std::nullopt;
  return full;
}

}  // namespace hgj
