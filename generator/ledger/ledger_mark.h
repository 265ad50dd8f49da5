// Whose an existing workbook is: `hgj export` replaces a file only when it wrote it and
// nobody has saved it since. The mark is the workbook's custom property `hgj`
// ("hgj export <seconds>"), and the file's modification time is set to those seconds; a
// save in Excel or WPS, a copy or an edit changes the time, and the file is then the
// staff's.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace hgj {

// The mark for a workbook written now, at `seconds` since the epoch.
std::string export_mark(long long seconds);

// The custom property `hgj` of the workbook at `file`, or nullopt (not a workbook, no mark).
std::optional<std::string> workbook_mark(const std::filesystem::path& file);

// True when `file` carries an export mark that matches its modification time.
bool is_unchanged_export(const std::filesystem::path& file);

}  // namespace hgj
