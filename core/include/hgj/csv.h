// An RFC 4180 CSV reader for what Excel and WPS export: quoted fields with commas,
// quotes and newlines; CRLF or LF. Works on decoded UTF-8 text (see encoding.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hgj {

struct CsvCell {
  std::string value;
  int line = 0;    // 1-based line where the cell starts
  int offset = 0;  // byte offset of the cell in that line (0-based)
};

struct CsvRow {
  int line = 0;      // 1-based line where the row starts
  int end_line = 0;  // last line of the row (rows with quoted newlines span several)
  std::vector<CsvCell> cells;
  bool blank() const;  // every cell empty, as Excel leaves after the data
};

struct CsvProblem {
  int line = 0;
  int column = 0;  // field number, 1-based
  std::string message;
};

struct CsvTable {
  std::vector<CsvRow> rows;          // the header is rows[0]
  std::vector<std::string> lines;    // the text split into lines, for excerpts
  std::vector<CsvProblem> problems;  // e.g. an unclosed quote
};

// Parses the whole text. Never throws; problems are collected.
CsvTable parse_csv(std::string_view text);

}  // namespace hgj
