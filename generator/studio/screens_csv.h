// Pairing a screen from the workbench writes one row into screens.csv (issue #24 item 1:
// staff put the code against a building "in screens.csv (or in the workbench)"). The file
// is the staff's: it is changed as text — every byte already there stays as it is, the new
// row is written in the file's encoding (UTF-8 with or without BOM, or GB18030 as Excel
// saves it) and line ending, its cells under the header's 屏幕编号 and 楼栋 columns
// whatever they are called (site.toml's [columns.screens] too) — and replaced whole.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include "hgj/record.h"

namespace hgj::studio {

// Why a row could not be added, for staff; nothing was written.
struct ScreensCsvProblem : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The header of a screens.csv the workbench makes: the Chinese labels, every column.
inline constexpr const char* screens_csv_header = "屏幕编号,楼栋,方向,尺寸,夜间开始,夜间结束,备注";

// The bytes of screens.csv with a row for `screen` in `building` after the others.
// `existing` is the file as it is; nullopt or empty: a new file, the header above in UTF-8
// with a BOM (what Excel's “CSV UTF-8” saves, so Excel shows the Chinese). Throws
// ScreensCsvProblem when the file cannot be decoded, has a broken row (an unclosed quote
// would swallow the new row), or its header lacks either column.
std::string screens_csv_with_row(const std::optional<std::string>& existing,
                                 const std::string& screen, const std::string& building,
                                 const ColumnMap* columns);

// Adds the row to `<content_dir>/screens.csv` (made when missing). Throws
// ScreensCsvProblem saying where to add it by hand when the screens are kept elsewhere (a
// workbook's sheet, screens/*.md) or screens.csv is a symbolic link, and
// std::filesystem::filesystem_error when it cannot be written.
void add_screen_row(const std::filesystem::path& content_dir, const std::string& screen,
                    const std::string& building);

}  // namespace hgj::studio
