// Excel workbooks (.xlsx) as a second source of table rows: a sheet becomes the same
// CsvTable a CSV export of it would, so header mapping, private columns, validation and
// every later stage are the CSV's. A row's "line" is its Excel row number, a cell's column
// its Excel column, and the excerpt line is the row's cells joined by commas.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "hgj/csv.h"
#include "hgj/diagnostics.h"

namespace hgj {

struct XlsxSheetInfo {
  std::string name;
  bool hidden = false;  // state="hidden" or "veryHidden"
};

struct XlsxLimits {
  // Uncompressed bytes of one XML part: declared sizes past it are refused before
  // reading, and reading stops past it whatever the zip says (a zip bomb).
  std::size_t part_bytes = std::size_t{512} << 20;
};

// The sheets of the workbook at `file` (shown as `display`), in order. When it cannot be
// opened as a workbook: an error reported, `ok` false and no sheets.
std::vector<XlsxSheetInfo> xlsx_sheets(const std::string& file, const std::string& display,
                                       DiagnosticSink& sink, bool& ok);

// The rows of sheet `sheet`. Diagnostics name `display[sheet]`. Hidden rows are left
// out with a warning; merged cells are filled across the cells they span (on rows that
// hold data); a title merged across the first row, above the header, is left out.
CsvTable xlsx_table(const std::string& file, const std::string& display, const std::string& sheet,
                    DiagnosticSink& sink, const XlsxLimits& limits = {});

// `display[sheet]`: the file name diagnostics print for a sheet (format_heading then
// writes the cell as !C7).
std::string xlsx_sheet_path(const std::string& display, const std::string& sheet);

}  // namespace hgj
