// The find-my-building box's matching rule, on the build's side: how a building's name,
// address and community are written into search.json, so that the ways residents type
// a building (德平坝 3幢, 德平坝3栋, 德平坝小区３幢, dpb) find it. The page folds what is
// typed with the same table (search_folds(), handed to site.js in the home page's data),
// so the rule lives here once.
#pragma once

#include <string>
#include <string_view>

namespace hgj::site {

// What a resident may write differently and still mean the same: 幢 = 栋 = 号楼 = 号,
// and 小区 / 社区 may be left out. As "from=to;…", longest first, for the page.
std::string search_folds();

// Text as the box compares it: NFKC (full-width digits and letters to ASCII), lower
// case, the folds above, no white space. "德平坝小区３幢" → "德平坝3栋".
std::string search_fold(std::string_view text);

// The first letter of the pinyin of each Han character (ICU's Han-Latin), other
// letters and digits as they are, of already folded text: "德平坝3栋" → "dpb3d".
std::string pinyin_initials(std::string_view folded);

// What search.json gives the box to match a building against: its name, address and
// community folded, then the pinyin initials of the name and of the community, '|'
// between them (a typed word never spans two). 德平坝小区3幢 of 天平巷社区 →
// "德平坝3栋|天平巷德平坝3栋|天平巷|dpb3d|tpx".
std::string search_haystack(std::string_view name, std::string_view address,
                            std::string_view community);

}  // namespace hgj::site
