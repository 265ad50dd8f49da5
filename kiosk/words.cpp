#include "words.h"

#include <toml++/toml.h>

#include <cstdlib>
#include <filesystem>
#include <map>

#include "hgj/data_dir.h"

namespace hgj::kiosk {

namespace {

namespace fs = std::filesystem;

// Read once: a theme file the kiosk cannot read leaves the words the bundle carries.
const std::map<std::string, std::string>& own_words() {
  static const std::map<std::string, std::string> words = [] {
    std::map<std::string, std::string> out;
    std::vector<fs::path> files{data_dir() / "themes" / "default" / "strings.toml"};
    if (const char* dir = std::getenv("HGJ_KIOSK_THEME_DIR"); dir && *dir)
      files.push_back(fs::path(dir) / "strings.toml");
    for (const fs::path& file : files) {
      std::error_code ec;
      if (!fs::exists(file, ec)) continue;
      try {
        const toml::table table = toml::parse_file(file.string());
        for (const auto& [key, value] : table) {
          if (auto s = value.value<std::string>()) out[std::string(key.str())] = *s;
        }
      } catch (const toml::parse_error&) {
      }
    }
    return out;
  }();
  return words;
}

}  // namespace

const std::string& word(const Bundle* bundle, const std::string& key) {
  if (bundle) {
    if (auto it = bundle->strings.find(key); it != bundle->strings.end()) return it->second;
  }
  static const std::string none;
  const auto& own = own_words();
  auto it = own.find(key);
  return it == own.end() ? none : it->second;
}

}  // namespace hgj::kiosk
