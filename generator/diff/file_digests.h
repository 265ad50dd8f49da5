// SHA-256 of files, each read once per run: hgj diff looks at a steward's photo for the
// content version, for every board it is on and for the kiosk bundle — at city scale
// 6,000 photos, 60 MB, read three times over without this.
#pragma once

#include <filesystem>
#include <string>
#include <unordered_map>

#include "hgj/sha256.h"

namespace hgj {

class FileDigests {
 public:
  // 64 hex digits; throws std::runtime_error naming a file that cannot be read.
  const std::string& of(const std::filesystem::path& file) {
    const std::string key = std::filesystem::absolute(file).lexically_normal().string();
    auto it = seen_.find(key);
    if (it == seen_.end()) it = seen_.emplace(key, sha256_file(file)).first;
    return it->second;
  }

 private:
  std::unordered_map<std::string, std::string> seen_;
};

}  // namespace hgj
