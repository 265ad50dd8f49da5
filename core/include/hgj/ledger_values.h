// Values as staff ledgers and platform exports write them (issue #22), beside the
// parsers of values.h: full-width forms, number-typed phones, 政治面貌.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "hgj/values.h"

namespace hgj {

// Full-width digits, letters and punctuation folded to ASCII (ICU NFKC): for ids,
// phones, numbers and dates only, never names or free text.
std::string normalize_width(std::string text);

// A landline that lost its leading 0 in a number-typed cell (5708012345 for
// 0570-8012345): the likely number, when putting the 0 back makes one.
std::optional<Phone> landline_without_zero(std::string_view text);

// 政治面貌 as ledgers write it: 中共党员 and 中共预备党员 (also 党员, 预备党员) are party
// members; any other value (群众, 共青团员, 民主党派…) is not. 是/否 read as parse_bool.
bool parse_party_status(std::string_view text);

}  // namespace hgj
