// The content's tables (read_ledger_tables) laid out as the ledger workbook's sheets:
// each header mapped to its field the way the loader maps it (site.toml's [columns],
// then the labels), private and unknown columns kept after the fields under their own
// headers, and a collection's several tables (a CSV and a workbook sheet) in one sheet.
#pragma once

#include <vector>

#include "hgj/loader.h"
#include "ledger/ledger_workbook.h"

namespace hgj {

// Consumes `tables`: their cells move into the sheets.
std::vector<LedgerSheet> ledger_sheets(std::vector<LedgerTable>&& tables);

}  // namespace hgj
