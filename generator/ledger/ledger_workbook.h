// The staff's ledger as one Excel workbook (台账.xlsx), written with libxlsxwriter for
// `hgj init` (a template with example rows) and `hgj export` (the content's tables). One
// layout for both: an instructions sheet (说明), a sheet per collection named as the
// loader reads it (社区, 网格, 楼栋, 红管家, 问题台账), columns in the schema's order under
// their Chinese labels, and a sheet of drop-down lists (选项).
#pragma once

#include <string>
#include <vector>

namespace hgj {

struct LedgerSheet {
  std::string collection;  // stewards
  // Columns after the schema's fields, as the source headed them: private (_家庭住址)
  // and unknown ones, kept because the ledger is the staff's own.
  std::vector<std::string> extra_headers;
  // Per row: one text per schema field (in the spec's order), then one per extra header.
  std::vector<std::vector<std::string>> rows;
};

struct LedgerBook {
  std::vector<LedgerSheet> sheets;
  std::vector<std::string> categories;  // site.toml's, for the 类别 drop-down
  bool example_rows = false;            // the rows are examples: shown in grey italics
  std::string mark;                     // the custom property `hgj` (who wrote the file)
};

// The sheet name of a collection's table in the workbook: 红管家, or the English name for
// a collection without a ledger name (events).
std::string ledger_sheet(const std::string& collection);

// Writes `book` to `file` (created or replaced). Returns an empty string, or why not.
std::string write_ledger(const std::string& file, const LedgerBook& book);

}  // namespace hgj
