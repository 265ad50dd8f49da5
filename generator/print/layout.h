// Geometry for the print stage that needs no fonts: paper sizes, the shrink steps,
// paginating stacked blocks, the 联户卡 sheet grid and its crop marks. All lengths are
// PDF points (1/72 inch).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hgj::print {

constexpr double points_per_mm = 72.0 / 25.4;
constexpr double mm(double millimetres) { return millimetres * points_per_mm; }

struct Rect {
  double x = 0, y = 0, width = 0, height = 0;
  double right() const { return x + width; }
  double bottom() const { return y + height; }
  bool contains(const Rect& r) const;
  bool overlaps(const Rect& r) const;
};

struct Paper {
  std::string name;  // A3 | A4
  double width = 0;  // portrait
  double height = 0;
  // Lengths on the board are designed for A3; everything scales by this for A4.
  double scale() const;
};

// A3 or A4 (case-insensitive); nullopt for anything else.
std::optional<Paper> paper_named(const std::string& name);

// The type sizes tried, largest first, until a board fits on one page; a board that
// does not fit at the last one flows onto more pages at that size.
const std::vector<double>& shrink_steps();

// How a board is fitted to its sheet: the type step, and whether the steward cards are
// compact (smaller photo, WeChat QR beside the text, honours in a section of their own).
struct Fit {
  double shrink = 1;
  bool compact = false;
  int across = 0;  // steward cards side by side; 0: one for up to two stewards, else two
  bool operator==(const Fit&) const = default;
};

// The board's running text (duty groups, event titles, contact names) is set at this
// size on A3 at 100 %, scaled with the paper and the shrink step; it never goes below
// kMinBodyTextPt (A4 at 100 %: 17 × 0.707 = 12.02 pt).
constexpr double kBodyTextPt = 17;
constexpr double kMinBodyTextPt = 12;
double body_text_pt(const Paper& paper, const Fit& fit);

// The ways a board is fitted, tried in order until one fits a page: first the shrink
// steps with full steward cards (what fits that way stays as it always printed), then
// compact cards two across, then three across (A4 is the A3 design scaled, so a card
// three across on A4 is the card of A3 at the same type size); the compact ways
// from the largest step down to the step that sets body text at kMinBodyTextPt (A3:
// 0.706; A4: none below 100 %). Each inner list runs from the largest type to the
// smallest.
std::vector<std::vector<Fit>> board_fits(const Paper& paper);

// The largest `size` in [min_size, max_size] (stepping down by `step`) for which
// `measure(size)` is at most `limit`; min_size when none is.
double fit_size(const std::function<double(double size)>& measure, double limit, double max_size,
                double min_size, double step = 0.5);

// Pagination of a board: a page holds rows one under another; a row holds one or
// more columns side by side; a column is a stack of items. A row that does not fit
// is split between items (never inside one), each column continuing on the next page.
struct Item {
  double height = 0;
  bool keep_with_next = false;  // a section title stays with what follows
};
struct Row {
  std::vector<std::vector<Item>> columns;
};
// Where a part of a row went: items [first[c], last[c]) of each column c.
struct RowPart {
  std::size_t row = 0;
  std::vector<std::size_t> first, last;
  double y = 0;       // from the top of the page body
  double height = 0;  // the tallest column of the part
};
struct PageLayout {
  std::vector<RowPart> parts;
};
struct Pagination {
  std::vector<PageLayout> pages;
  // Items taller than an empty page: placed anyway (the renderer clips them).
  std::size_t oversized = 0;
};
// `body_height(page_index)` is the usable height of each page; `item_gap` separates
// items in a column and `row_gap` rows.
Pagination paginate(const std::vector<Row>& rows,
                    const std::function<double(std::size_t page)>& body_height, double item_gap,
                    double row_gap);

// Where to break a stack of items into two columns so the taller one is as short as
// possible, never right after an item that keeps with the next. Returns the number of
// items in the left column.
std::size_t balanced_split(const std::vector<Item>& items, double gap);

// The 联户卡 sheet: 90×54 mm cards, 2 across and 5 down, centred on A4 portrait.
constexpr double card_width = mm(90);
constexpr double card_height = mm(54);
constexpr int cards_across = 2;
constexpr int cards_down = 5;
constexpr int cards_per_sheet = cards_across * cards_down;
std::vector<Rect> card_slots(const Paper& sheet);

// Crop marks for butted cards: short strokes in the sheet margin continuing every cut
// line, `offset` away from the card edge and `length` long.
struct Line {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
};
std::vector<Line> crop_marks(const Paper& sheet, double offset = mm(2), double length = mm(6));

// Which person each card of a sheet set shows, in reading order (left to right, top to
// bottom, sheet after sheet): `counts[i]` cards of person i, all of one person's cards
// together so each steward's stack comes off the cutter in one piece ({4, 3, 3}:
// 0 0 0 0 1 1 1 2 2 2). The last sheet's empty slots stay blank.
std::vector<std::size_t> card_assignment(const std::vector<std::size_t>& counts);

// Cards per person when the households are not known: one card each, and the sheets
// that takes filled, shared out as evenly as it goes, the first people taking the
// remainder (3 people: {4, 3, 3}; 12: eight 2s then four 1s).
std::vector<std::size_t> fill_sheets(std::size_t people);

}  // namespace hgj::print
