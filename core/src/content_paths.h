// Content files (site.toml, the tables, the Markdown files and their folders) and the files
// the content names (photos, WeChat QR images), checked against the content folder by one
// rule: a path stays inside it once every symbolic link is followed. The real path of the folder
// and of each sub-folder is worked out once: a city names 11,000 pictures in two folders,
// and following links component by component is most of the cost.
#pragma once

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace hgj {

class ContentPaths {
 public:
  explicit ContentPaths(std::string content_root);

  // The real path of `relative` (already lexically normal) when it stays inside the
  // content folder, nullopt when it is absolute, climbs out with "..", or leads out
  // through a symbolic link. The file need not exist. Thread-safe.
  std::optional<std::filesystem::path> inside(const std::filesystem::path& relative) const;

 private:
  // The real path of a folder under the root (weakly canonical), cached.
  std::filesystem::path real_folder(const std::filesystem::path& relative) const;

  std::string root_;
  std::filesystem::path real_root_;
  mutable std::mutex mutex_;
  mutable std::unordered_map<std::string, std::filesystem::path> folders_;
};

}  // namespace hgj
