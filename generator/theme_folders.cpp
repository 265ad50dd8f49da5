#include "theme_folders.h"

#include "hgj/data_dir.h"

namespace hgj {

namespace fs = std::filesystem;

std::vector<fs::path> theme_search_path(const std::string& themes_dir,
                                        const std::string& content_dir) {
  if (!themes_dir.empty()) return {themes_dir};
  return {fs::path(content_dir).parent_path() / "themes", "themes", data_dir() / "themes"};
}

bool is_theme_path(const std::string& name) {
  std::error_code ec;
  return name.find('/') != std::string::npos || (name != "default" && fs::is_directory(name, ec));
}

fs::path theme_folder(std::string name, const std::string& themes_dir,
                      const std::string& content_dir) {
  if (name.empty()) name = "default";
  if (is_theme_path(name)) return name;
  const std::vector<fs::path> folders = theme_search_path(themes_dir, content_dir);
  std::error_code ec;
  for (const fs::path& dir : folders) {
    if (fs::is_directory(dir / name, ec)) return dir / name;
  }
  // A --themes-dir of the user's own themes need not hold a copy of the default one.
  if (name == "default") return data_dir() / "themes" / name;
  return folders.back() / name;
}

bool check_installed_theme(const fs::path& default_theme_dir, DiagnosticSink& sink) {
  std::error_code ec;
  if (!is_in_data_dir(default_theme_dir) || fs::is_directory(default_theme_dir, ec)) return true;
  sink.error({default_theme_dir.string(), 0, 0}, missing_data_message("hgj"));
  return false;
}

}  // namespace hgj
