// Where themes come from, the same for build, print and serve: a theme named with --theme
// or in site.toml is looked up under --themes-dir, else under the first of
// <content>/../themes, ./themes and hgj's own themes/ (hgj/data_dir.h) that holds it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "hgj/diagnostics.h"

namespace hgj {

// The folders theme names are looked up in, in order.
std::vector<std::filesystem::path> theme_search_path(const std::string& themes_dir,
                                                     const std::string& content_dir);

// Whether --theme `name` is a folder rather than a name: it has a slash, or it is an
// existing folder other than "default".
bool is_theme_path(const std::string& name);

// The folder of theme `name` (empty: "default"): the name itself when is_theme_path(),
// else the first folder on the search path that holds it, else hgj's own for "default",
// else the last one's (so a message names a real place).
std::filesystem::path theme_folder(std::string name, const std::string& themes_dir,
                                   const std::string& content_dir);

// False, with an error on `sink`, when the default theme is hgj's own (not the user's
// beside the content or under --themes-dir) and missing: the package is broken.
bool check_installed_theme(const std::filesystem::path& default_theme_dir, DiagnosticSink& sink);

}  // namespace hgj
