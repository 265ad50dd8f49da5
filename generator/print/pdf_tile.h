// Pages made of other pages: each page of a cairo PDF becomes a form XObject, drawn
// once and placed wherever a new page shows it. A sheet of ten 联户卡 for two stewards
// is then two cards of content placed ten times; cairo draws, formats and compresses
// each card once (cairo 1.16 itself cannot: a recording surface painted into a PDF is
// never freed, see page.h).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "print/layout.h"

namespace hgj::print {

// Page `page` of the source (0-based) with its top-left corner at (x, y), in points
// from the top-left corner of the new page.
struct Placement {
  std::size_t page = 0;
  double x = 0, y = 0;
};
struct TiledPage {
  Paper paper;
  std::vector<Placement> placements;  // drawn in order
};

// A PDF of `pages` built from the pages of `source` (a pdf_document() file), keeping
// its metadata. Throws std::runtime_error for a source not written that way or a
// placement of a page it does not have.
std::string tile_pages(const std::string& source, const std::vector<TiledPage>& pages);

}  // namespace hgj::print
