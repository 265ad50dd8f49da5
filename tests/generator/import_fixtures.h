// Uploads for the ledger import tests, made the way staff make them: the demo content's
// tables exported as `hgj export` writes its 台账.xlsx (then edited, as in Excel), small
// workbooks written with libxlsxwriter, and a copy of the demo content to import into.
#pragma once

#include <xlsxwriter.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "../temp_folder.h"
#include "hgj/loader.h"
#include "ledger/ledger_tables.h"
#include "ledger/ledger_workbook.h"

namespace hgj::testing {

// A copy of the demo content folder under `folder`/content.
inline std::filesystem::path demo_copy(const TempFolder& folder) {
  const std::filesystem::path content = folder.path() / "content";
  std::filesystem::copy(HGJ_SOURCE_DIR "/content", content,
                        std::filesystem::copy_options::recursive);
  return content;
}

// The content's tables as `hgj export` writes them, after `edit` (Excel's part), as bytes.
inline std::string exported_workbook(const std::filesystem::path& content,
                                     const std::function<void(LedgerBook&)>& edit = {}) {
  DiagnosticSink sink;
  LedgerTables tables = read_ledger_tables(content.string(), sink);
  LedgerBook book;
  book.categories = tables.categories;
  book.sheets = ledger_sheets(std::move(tables.tables));
  if (edit) edit(book);
  TempFolder out;
  const std::string file = (out.path() / "export.xlsx").string();
  if (!write_ledger(file, book).empty()) return {};
  return slurp(file);
}

// The row of `sheet` whose id (the first field) is `id`.
inline std::vector<std::string>& ledger_row(LedgerBook& book, const std::string& collection,
                                            const std::string& id) {
  LedgerSheet& sheet =
      *std::find_if(book.sheets.begin(), book.sheets.end(),
                    [&](const LedgerSheet& s) { return s.collection == collection; });
  return *std::find_if(sheet.rows.begin(), sheet.rows.end(),
                       [&](const std::vector<std::string>& row) { return row.front() == id; });
}

// A workbook of text cells: sheet name → rows (the first is the header).
using SheetRows = std::pair<std::string, std::vector<std::vector<std::string>>>;
inline std::string small_workbook(const std::vector<SheetRows>& sheets) {
  TempFolder out;
  const std::string file = (out.path() / "book.xlsx").string();
  lxw_workbook* book = workbook_new(file.c_str());
  for (const auto& [name, rows] : sheets) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, name.c_str());
    for (std::size_t r = 0; r < rows.size(); ++r) {
      for (std::size_t c = 0; c < rows[r].size(); ++c)
        worksheet_write_string(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                               rows[r][c].c_str(), nullptr);
    }
  }
  workbook_close(book);
  return slurp(file);
}

}  // namespace hgj::testing
