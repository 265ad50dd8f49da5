// The 联户卡: 90×54 mm contact cards handed to every household, ten to an A4 sheet with
// crop marks. A building's sheet set has a card of each steward for every household the
// steward serves, one steward's cards together; a building without stewards gets its
// grid's contacts instead.
#pragma once

#include <string>
#include <vector>

#include "print/page.h"
#include "print/pdf_tile.h"
#include "print/pdf_writer.h"

namespace hgj::print {

// Who a card names: a steward, or a stand-in contact.
struct CardPerson {
  std::string name;
  std::string meta;   // 编号 HF-001 · 党员 / 网格长
  std::string phone;  // grouped
  std::string units;  // 负责1–2单元
};
std::vector<CardPerson> card_people(const BoardData& data);

// How many cards each of card_people(data) gets: a steward one per household served
// (StewardEntry::households); stand-ins share the building's 户数. When the building
// has no 户数, one card each and the rest of the sheet shared out (fill_sheets).
std::vector<std::size_t> card_counts(const BoardData& data);

// A building's sheets as they are written: each different card drawn once, and the
// crop marks once, then placed on the sheets (pdf_tile.h).
struct CardSheets {
  std::vector<Page> faces;        // [0] the crop marks, a whole sheet; then a card per person
  std::vector<TiledPage> sheets;  // what goes where on each sheet
};
CardSheets card_sheets(const BoardData& data, const RenderEnv& env);

// The sheets' PDF.
std::string card_sheets_pdf(const CardSheets& sheets, const PdfInfo& info);

// Each sheet drawn whole as one page, the same placements (for checks: ink inside the
// paper and the cards).
std::vector<Page> render_cards(const BoardData& data, const RenderEnv& env);

}  // namespace hgj::print
