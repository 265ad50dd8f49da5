// A private folder under the system's temporary folder, removed with everything in it
// when the object goes: a git revision's files for `hgj diff`, the workbench's PDFs.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "hgj/language.h"

namespace hgj {

class TempFolder {
 public:
  explicit TempFolder(const std::string& prefix = "hgj") {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr)
      throw std::runtime_error(say("无法建立临时文件夹", "cannot make a temporary folder"));
    path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace hgj
