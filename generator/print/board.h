// The 公示牌: one building's notice board, laid out to fit the paper. Type shrinks in
// steps, then the steward cards turn compact (print/layout.h: board_fits) until the
// board fits on one page; past the last way the content flows onto further pages,
// each with a running header and the QR footer.
#pragma once

#include <vector>

#include "print/page.h"

namespace hgj::print {

struct BoardPages {
  std::vector<Page> pages;
  double shrink = 1;          // the step used
  bool compact = false;       // compact steward cards, honours in their own section
  std::size_t oversized = 0;  // blocks taller than a page (clipped)
};

BoardPages render_board(const BoardData& data, const Paper& paper, const RenderEnv& env);

}  // namespace hgj::print
