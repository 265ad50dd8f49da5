#include "print/layout.h"

#include <algorithm>
#include <cctype>

namespace hgj::print {

bool Rect::contains(const Rect& r) const {
  // A hair of tolerance: positions are sums of floating-point lengths.
  constexpr double eps = 1e-6;
  return r.x >= x - eps && r.y >= y - eps && r.right() <= right() + eps &&
         r.bottom() <= bottom() + eps;
}

bool Rect::overlaps(const Rect& r) const {
  constexpr double eps = 1e-6;
  return r.x < right() - eps && x < r.right() - eps && r.y < bottom() - eps && y < r.bottom() - eps;
}

double Paper::scale() const { return width / mm(297); }

std::optional<Paper> paper_named(const std::string& name) {
  std::string upper = name;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper == "A3") return Paper{"A3", mm(297), mm(420)};
  if (upper == "A4") return Paper{"A4", mm(210), mm(297)};
  return std::nullopt;
}

const std::vector<double>& shrink_steps() {
  // Below 0.75 the body text on A4 would drop under 9 pt: flow to a second page instead.
  static const std::vector<double> steps = {1.0, 0.93, 0.86, 0.8, 0.75};
  return steps;
}

double body_text_pt(const Paper& paper, const Fit& fit) {
  return kBodyTextPt * paper.scale() * fit.shrink;
}

std::vector<std::vector<Fit>> board_fits(const Paper& paper) {
  std::vector<std::vector<Fit>> ways;
  const std::vector<Fit> kinds = {{1, false, 0}, {1, true, 0}, {1, true, 3}};
  for (const Fit& kind : kinds) {
    std::vector<Fit> steps;
    for (const double shrink : shrink_steps()) {
      const Fit fit{shrink, kind.compact, kind.across};
      // A hair of tolerance: A4 at 100 % is 12.02 pt.
      if (kind.compact && body_text_pt(paper, fit) < kMinBodyTextPt - 1e-6) break;
      steps.push_back(fit);
    }
    // Compact cards go on down to the floor itself (A3: 0.706).
    const double floor = kMinBodyTextPt / (kBodyTextPt * paper.scale());
    if (kind.compact && !steps.empty() && steps.back().shrink > floor + 1e-6 && floor < 1)
      steps.push_back({floor, kind.compact, kind.across});
    if (!steps.empty()) ways.push_back(std::move(steps));
  }
  return ways;
}

double fit_size(const std::function<double(double)>& measure, double limit, double max_size,
                double min_size, double step) {
  for (double size = max_size; size > min_size; size -= step) {
    if (measure(size) <= limit) return size;
  }
  return min_size;
}

namespace {

// How many items of `column` from `first` fit in `avail`, without ending on an item
// that must stay with the next one; and their height.
std::pair<std::size_t, double> fitting_prefix(const std::vector<Item>& column, std::size_t first,
                                              double avail, double gap) {
  std::size_t end = first;
  double height = 0;
  while (end < column.size()) {
    double next = height + (end > first ? gap : 0) + column[end].height;
    if (next > avail) break;
    height = next;
    ++end;
  }
  while (end > first && end < column.size() && column[end - 1].keep_with_next) {
    --end;
  }
  height = 0;
  for (std::size_t i = first; i < end; ++i) height += (i > first ? gap : 0) + column[i].height;
  return {end, height};
}

}  // namespace

Pagination paginate(const std::vector<Row>& rows,
                    const std::function<double(std::size_t)>& body_height, double item_gap,
                    double row_gap) {
  Pagination result;
  result.pages.emplace_back();
  double y = 0;  // bottom of the last part on the current page
  auto new_page = [&] {
    result.pages.emplace_back();
    y = 0;
  };
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const Row& row = rows[r];
    const std::size_t n = row.columns.size();
    std::vector<std::size_t> next(n, 0);
    auto finished = [&] {
      for (std::size_t c = 0; c < n; ++c) {
        if (next[c] < row.columns[c].size()) return false;
      }
      return true;
    };
    while (!finished()) {
      PageLayout& page = result.pages.back();
      const bool fresh = page.parts.empty();
      const double top = fresh ? 0 : y + row_gap;
      const double avail = body_height(result.pages.size() - 1) - top;
      RowPart part{r, next, next, top, 0};
      bool any = false;
      for (std::size_t c = 0; c < n; ++c) {
        auto [end, height] = fitting_prefix(row.columns[c], next[c], avail, item_gap);
        part.last[c] = end;
        part.height = std::max(part.height, height);
        any = any || end > next[c];
      }
      if (!any && !fresh) {
        new_page();
        continue;
      }
      if (!any) {
        // Nothing fits even on an empty page: place one item of each column anyway.
        for (std::size_t c = 0; c < n; ++c) {
          if (next[c] >= row.columns[c].size()) continue;
          const double h = row.columns[c][next[c]].height;
          if (h > avail) ++result.oversized;
          part.last[c] = next[c] + 1;
          part.height = std::max(part.height, h);
        }
      }
      page.parts.push_back(part);
      y = top + part.height;
      next = part.last;
      if (!finished()) new_page();
    }
  }
  if (result.pages.size() > 1 && result.pages.back().parts.empty()) result.pages.pop_back();
  return result;
}

std::size_t balanced_split(const std::vector<Item>& items, double gap) {
  auto stack = [&](std::size_t first, std::size_t last) {
    double h = 0;
    for (std::size_t i = first; i < last; ++i) h += (i > first ? gap : 0) + items[i].height;
    return h;
  };
  std::size_t best = items.size();
  double best_height = stack(0, items.size());
  for (std::size_t split = 1; split < items.size(); ++split) {
    if (items[split - 1].keep_with_next) continue;
    const double h = std::max(stack(0, split), stack(split, items.size()));
    if (h < best_height) {
      best = split;
      best_height = h;
    }
  }
  return best;
}

std::vector<Rect> card_slots(const Paper& sheet) {
  const double left = (sheet.width - cards_across * card_width) / 2;
  const double top = (sheet.height - cards_down * card_height) / 2;
  std::vector<Rect> slots;
  for (int row = 0; row < cards_down; ++row) {
    for (int col = 0; col < cards_across; ++col) {
      slots.push_back({left + col * card_width, top + row * card_height, card_width, card_height});
    }
  }
  return slots;
}

std::vector<Line> crop_marks(const Paper& sheet, double offset, double length) {
  const double left = (sheet.width - cards_across * card_width) / 2;
  const double top = (sheet.height - cards_down * card_height) / 2;
  const double right = left + cards_across * card_width;
  const double bottom = top + cards_down * card_height;
  std::vector<Line> marks;
  for (int col = 0; col <= cards_across; ++col) {
    const double x = left + col * card_width;
    marks.push_back({x, top - offset - length, x, top - offset});
    marks.push_back({x, bottom + offset, x, bottom + offset + length});
  }
  for (int row = 0; row <= cards_down; ++row) {
    const double y = top + row * card_height;
    marks.push_back({left - offset - length, y, left - offset, y});
    marks.push_back({right + offset, y, right + offset + length, y});
  }
  return marks;
}

std::vector<std::size_t> card_assignment(const std::vector<std::size_t>& counts) {
  std::vector<std::size_t> cards;
  for (std::size_t person = 0; person < counts.size(); ++person)
    cards.insert(cards.end(), counts[person], person);
  return cards;
}

std::vector<std::size_t> fill_sheets(std::size_t people) {
  if (people == 0) return {};
  const std::size_t cards = (people + cards_per_sheet - 1) / cards_per_sheet * cards_per_sheet;
  std::vector<std::size_t> counts(people, cards / people);
  for (std::size_t i = 0; i < cards % people; ++i) ++counts[i];
  return counts;
}

}  // namespace hgj::print
