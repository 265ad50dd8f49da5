// The .xlsx reader alone, for bench/xlsx_bench: one sheet of a workbook to CSV through
// hgj's own reader (xlsx.h: libzip + libxml2, merged cells filled, numbers and dates as
// Excel stores them), doing what Debian's xlsx2csv does with the same file.
//   hgj_xlsx_read WORKBOOK.xlsx OUT.csv
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "hgj/diagnostics.h"
#include "hgj/xlsx.h"

namespace {

void write_field(std::ostream& out, const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) {
    out << value;
    return;
  }
  out << '"';
  for (const char c : value) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: hgj_xlsx_read WORKBOOK.xlsx OUT.csv\n";
    return 2;
  }
  hgj::DiagnosticSink sink;
  bool ok = false;
  const auto sheets = hgj::xlsx_sheets(argv[1], argv[1], sink, ok);
  if (!ok || sheets.empty()) {
    hgj::print_diagnostics(std::cerr, sink);
    return 1;
  }
  const hgj::CsvTable table = hgj::xlsx_table(argv[1], argv[1], sheets.front().name, sink);
  if (sink.error_count() > 0) {
    hgj::print_diagnostics(std::cerr, sink);
    return 1;
  }
  std::ofstream out(argv[2], std::ios::binary);
  for (const hgj::CsvRow& row : table.rows) {
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      if (i > 0) out << ',';
      write_field(out, row.cells[i].value);
    }
    out << "\r\n";
  }
  return out ? 0 : 1;
}
