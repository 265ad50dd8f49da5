// What `hgj init` puts in a new street's content folder: a site.toml commented in
// Chinese, the ledger workbook 台账.xlsx with one example row per sheet, and 说明.md.
// Together they pass `hgj check` and build as they are.
#pragma once

#include <string>

namespace hgj {

// The file names, relative to the content folder.
inline constexpr const char* starter_site_file = "site.toml";
inline constexpr const char* starter_ledger_file = "台账.xlsx";
inline constexpr const char* starter_readme_file = "说明.md";

// Writes the three files into `dir` (an empty folder). Returns an empty string or why not.
std::string write_starter_folder(const std::string& dir);

}  // namespace hgj
