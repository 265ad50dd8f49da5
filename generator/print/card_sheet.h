// The 联户卡: 90×54 mm contact cards handed to every household, ten to an A4 sheet with
// crop marks. A building's sheet set has one card per steward, repeated to fill the
// sheet; a building without stewards gets its grid's contacts instead.
#pragma once

#include <vector>

#include "print/page.h"

namespace hgj::print {

// Who a card names: a steward, or a stand-in contact.
struct CardPerson {
  std::string name;
  std::string meta;   // 编号 HF-001 · 党员 / 网格长
  std::string phone;  // grouped
  std::string units;  // 负责1–2单元
};
std::vector<CardPerson> card_people(const BoardData& data);

std::vector<Page> render_cards(const BoardData& data, const RenderEnv& env);

}  // namespace hgj::print
