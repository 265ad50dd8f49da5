#include "ledger/ledger_tables.h"

#include <algorithm>

#include "hgj/schema.h"
#include "hgj/values.h"

namespace hgj {

namespace {

// The column of the sheet each of the table's columns goes to.
std::vector<std::size_t> place_columns(const LedgerTable& table, const CollectionSpec& spec,
                                       LedgerSheet& sheet) {
  std::vector<std::size_t> place;
  std::vector<bool> taken(spec.fields.size());
  constexpr std::size_t nowhere = static_cast<std::size_t>(-1);
  for (const CsvCell& cell : table.rows.rows.front().cells) {
    const std::string header(trim(cell.value));
    std::size_t at = nowhere;
    if (!header.empty() && !is_private_field(header)) {
      std::string key;
      if (const auto mapped = table.columns.find(header); mapped != table.columns.end()) {
        key = mapped->second;
      } else if (const FieldSpec* field = spec.find(header)) {
        key = field->key;
      }
      for (std::size_t f = 0; f < spec.fields.size(); ++f) {
        if (spec.fields[f].key == key && !taken[f]) {
          taken[f] = true;
          at = f;
        }
      }
    }
    if (at == nowhere && !header.empty()) {
      // Private, unknown or a second column for a field: kept under its own header.
      auto extra = std::find(sheet.extra_headers.begin(), sheet.extra_headers.end(), header);
      if (extra == sheet.extra_headers.end()) extra = sheet.extra_headers.insert(extra, header);
      at = spec.fields.size() + static_cast<std::size_t>(extra - sheet.extra_headers.begin());
    }
    place.push_back(at);
  }
  return place;
}

}  // namespace

std::vector<LedgerSheet> ledger_sheets(std::vector<LedgerTable>&& tables) {
  std::vector<LedgerSheet> sheets;
  for (LedgerTable& table : tables) {
    if (table.rows.rows.empty()) continue;
    const CollectionSpec& spec = collection_spec(table.collection);
    auto sheet = std::find_if(sheets.begin(), sheets.end(), [&](const LedgerSheet& s) {
      return s.collection == table.collection;
    });
    if (sheet == sheets.end())
      sheet = sheets.insert(sheets.end(), LedgerSheet{table.collection, {}, {}});
    const std::vector<std::size_t> place = place_columns(table, spec, *sheet);
    for (std::size_t r = 1; r < table.rows.rows.size(); ++r) {
      CsvRow& row = table.rows.rows[r];
      if (row.blank()) continue;
      std::vector<std::string> cells(spec.fields.size() + sheet->extra_headers.size());
      for (std::size_t c = 0; c < row.cells.size() && c < place.size(); ++c) {
        if (place[c] < cells.size()) cells[place[c]] = std::move(row.cells[c].value);
      }
      sheet->rows.push_back(std::move(cells));
    }
    table.rows = {};  // a city's issues are 100,000 rows: held once, not twice
  }
  // Rows of an earlier table are as wide as the extras known then: pad them.
  for (LedgerSheet& sheet : sheets) {
    const std::size_t width =
        collection_spec(sheet.collection).fields.size() + sheet.extra_headers.size();
    for (std::vector<std::string>& row : sheet.rows) row.resize(width);
  }
  return sheets;
}

}  // namespace hgj
