#include <doctest/doctest.h>

#include "print/layout.h"
#include "print/print_theme.h"

using namespace hgj::print;

namespace {

// Page numbers and the items of each column on every part of every page, e.g.
// "p0 r0[0,2) | p1 r0[2,3)".
std::string describe(const Pagination& p) {
  std::string out;
  for (std::size_t page = 0; page < p.pages.size(); ++page) {
    for (const RowPart& part : p.pages[page].parts) {
      if (!out.empty()) out += " | ";
      out += "p" + std::to_string(page) + " r" + std::to_string(part.row);
      for (std::size_t c = 0; c < part.first.size(); ++c) {
        out += "[" + std::to_string(part.first[c]) + "," + std::to_string(part.last[c]) + ")";
      }
    }
  }
  return out;
}

Row column(std::vector<double> heights) {
  Row row;
  row.columns.emplace_back();
  for (double h : heights) row.columns[0].push_back({h, false});
  return row;
}

auto pages_of(double height) {
  return [height](std::size_t) { return height; };
}

}  // namespace

TEST_CASE("print layout: paper sizes are exactly ISO A3 and A4 portrait in points") {
  auto a3 = paper_named("A3");
  auto a4 = paper_named("a4");
  REQUIRE(a3);
  REQUIRE(a4);
  CHECK(a3->width == doctest::Approx(841.89).epsilon(1e-5));
  CHECK(a3->height == doctest::Approx(1190.55).epsilon(1e-5));
  CHECK(a4->width == doctest::Approx(595.28).epsilon(1e-5));
  CHECK(a4->height == doctest::Approx(841.89).epsilon(1e-5));
  CHECK(a4->scale() == doctest::Approx(0.7071).epsilon(1e-3));
  CHECK_FALSE(paper_named("A5"));
  CHECK_FALSE(paper_named("letter"));
}

TEST_CASE("print layout: shrink steps go down from full size and stop at three quarters") {
  const auto& steps = shrink_steps();
  REQUIRE(steps.size() >= 2);
  CHECK(steps.front() == 1.0);
  CHECK(steps.back() == 0.75);
  CHECK(std::is_sorted(steps.rbegin(), steps.rend()));
}

TEST_CASE(
    "print layout: board fits: full cards at every step, then compact ones, body text never under "
    "12 pt") {
  for (const char* name : {"A3", "A4"}) {
    INFO(name);
    const Paper paper = *paper_named(name);
    const std::vector<std::vector<Fit>> ways = board_fits(paper);
    REQUIRE(ways.size() == 3);
    // First exactly the old steps with full cards: a board that fit that way prints as before.
    REQUIRE(ways[0].size() == shrink_steps().size());
    for (std::size_t i = 0; i < ways[0].size(); ++i) {
      CHECK(ways[0][i] == Fit{shrink_steps()[i], false, 0});
    }
    CHECK(ways[1].front() == Fit{1, true, 0});
    CHECK(ways[2].front() == Fit{1, true, 3});
    for (std::size_t w = 1; w < ways.size(); ++w) {
      CHECK(std::is_sorted(ways[w].rbegin(), ways[w].rend(),
                           [](const Fit& a, const Fit& b) { return a.shrink < b.shrink; }));
      for (const Fit& fit : ways[w]) {
        CHECK(fit.compact);
        CHECK(body_text_pt(paper, fit) >= 12 - 1e-9);
      }
      // Down to the floor itself.
      CHECK(body_text_pt(paper, ways[w].back()) == doctest::Approx(12));
    }
  }
  // A3 compact cards go below the last full step (12.75 pt) to 12 pt; A4 never shrinks
  // them: 17 pt × 0.707 is 12.02 pt at 100 %.
  CHECK(board_fits(*paper_named("A3"))[1].back().shrink == doctest::Approx(12.0 / 17));
  CHECK(body_text_pt(*paper_named("A4"), {1, true, 0}) == doctest::Approx(12.02).epsilon(0.001));
  CHECK(board_fits(*paper_named("A4"))[1].size() == 2);  // 100 % and the floor, 99.8 %
}

TEST_CASE("print layout: fit_size picks the largest size whose measure fits, else the minimum") {
  auto width = [](double size) { return size * 10; };  // ten characters wide
  CHECK(fit_size(width, 1000, 48, 10) == 48);
  CHECK(fit_size(width, 300, 48, 10) == 30);
  CHECK(fit_size(width, 50, 48, 10) == 10);
}

TEST_CASE("print layout: paginate keeps a row on one page when it fits") {
  const Pagination p = paginate({column({100, 100}), column({50})}, pages_of(400), 10, 20);
  CHECK(describe(p) == "p0 r0[0,2) | p0 r1[0,1)");
  REQUIRE(p.pages[0].parts.size() == 2);
  CHECK(p.pages[0].parts[0].height == 210);
  CHECK(p.pages[0].parts[1].y == 230);
  CHECK(p.oversized == 0);
}

TEST_CASE("print layout: paginate splits a column between items and continues on the next page") {
  const Pagination p = paginate({column({150, 150, 150})}, pages_of(400), 10, 20);
  CHECK(describe(p) == "p0 r0[0,2) | p1 r0[2,3)");
}

TEST_CASE("print layout: paginate never leaves a section title at the bottom of a page") {
  Row row = column({300, 40, 100});
  row.columns[0][1].keep_with_next = true;  // title of the 100-high block
  const Pagination p = paginate({row}, pages_of(400), 10, 20);
  CHECK(describe(p) == "p0 r0[0,1) | p1 r0[1,3)");
}

TEST_CASE("print layout: paginate splits two columns independently") {
  Row row;
  row.columns = {{{100, false}, {100, false}, {100, false}}, {{250, false}}};
  const Pagination p = paginate({column({100}), row}, pages_of(330), 0, 10);
  // 220 left under the first row: two items of the left column, none of the right.
  CHECK(describe(p) == "p0 r0[0,1) | p0 r1[0,2)[0,0) | p1 r1[2,3)[0,1)");
}

TEST_CASE("print layout: paginate places an item taller than a page alone and counts it") {
  const Pagination p = paginate({column({50, 900, 50})}, pages_of(400), 10, 20);
  CHECK(describe(p) == "p0 r0[0,1) | p1 r0[1,2) | p2 r0[2,3)");
  CHECK(p.oversized == 1);
}

TEST_CASE("print layout: paginate uses each page's own body height") {
  auto heights = [](std::size_t page) { return page == 0 ? 100.0 : 300.0; };
  const Pagination p = paginate({column({90, 90, 90})}, heights, 10, 20);
  CHECK(describe(p) == "p0 r0[0,1) | p1 r0[1,3)");
}

TEST_CASE("print layout: balanced_split evens out two columns and keeps titles with their block") {
  CHECK(balanced_split({{100, false}, {100, false}, {100, false}, {100, false}}, 0) == 2);
  CHECK(balanced_split({{300, false}, {100, false}, {100, false}}, 0) == 1);
  CHECK(balanced_split({{10, true}, {100, false}, {10, true}, {100, false}}, 0) == 2);
  // Splitting after the title would be best by height, but is not allowed.
  CHECK(balanced_split({{50, false}, {10, true}, {100, false}}, 0) == 1);
  CHECK(balanced_split({{100, false}}, 0) == 1);
}

TEST_CASE("print layout: card slots: ten 90x54 mm cards inside A4, none overlapping") {
  const Paper a4 = *paper_named("A4");
  const std::vector<Rect> slots = card_slots(a4);
  REQUIRE(slots.size() == 10);
  const Rect page{0, 0, a4.width, a4.height};
  for (std::size_t i = 0; i < slots.size(); ++i) {
    CHECK(slots[i].width == doctest::Approx(mm(90)));
    CHECK(slots[i].height == doctest::Approx(mm(54)));
    CHECK(page.contains(slots[i]));
    for (std::size_t j = i + 1; j < slots.size(); ++j) CHECK_FALSE(slots[i].overlaps(slots[j]));
  }
  // Centred: equal margins left and right.
  CHECK(slots[0].x == doctest::Approx(a4.width - slots[1].right()));
}

TEST_CASE("print layout: crop marks continue every cut line, inside the page and off the cards") {
  const Paper a4 = *paper_named("A4");
  const std::vector<Line> marks = crop_marks(a4);
  CHECK(marks.size() == 2 * 3 + 2 * 6);  // 3 vertical cuts, 6 horizontal, both ends
  const Rect page{0, 0, a4.width, a4.height};
  for (const Line& l : marks) {
    const Rect box{std::min(l.x1, l.x2), std::min(l.y1, l.y2), std::abs(l.x2 - l.x1),
                   std::abs(l.y2 - l.y1)};
    CHECK(page.contains(box));
    for (const Rect& card : card_slots(a4)) CHECK_FALSE(card.overlaps(box));
  }
}

TEST_CASE("print layout: card assignment keeps each person's cards together, in reading order") {
  CHECK(card_assignment({}).empty());
  CHECK(card_assignment({4, 3, 3}) == std::vector<std::size_t>{0, 0, 0, 0, 1, 1, 1, 2, 2, 2});
  CHECK(card_assignment({24, 0, 2}).size() == 26);
  CHECK(card_assignment({24, 0, 2})[23] == 0);
  CHECK(card_assignment({24, 0, 2})[24] == 2);
  // Without household counts: one card each, the sheets that takes filled evenly.
  CHECK(fill_sheets(0).empty());
  CHECK(fill_sheets(1) == std::vector<std::size_t>{10});
  CHECK(fill_sheets(3) == std::vector<std::size_t>{4, 3, 3});
  CHECK(fill_sheets(6) == std::vector<std::size_t>{2, 2, 2, 2, 1, 1});
  CHECK(fill_sheets(12) == std::vector<std::size_t>{2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1});
}

TEST_CASE("print layout: print theme colours are #RRGGBB or #RGB") {
  CHECK(parse_colour("#FF0000") == Colour{1, 0, 0});
  CHECK(parse_colour("#0f0") == Colour{0, 1, 0});
  CHECK_FALSE(parse_colour("red"));
  CHECK_FALSE(parse_colour("#12345"));
  CHECK_FALSE(parse_colour("#GG0000"));
}
