#include "layout.h"

#include <algorithm>
#include <cmath>

namespace hgj::kiosk {

Metrics::Metrics(int width, int height)
    : w(width), h(height), u(std::min(width, height) / 1080.0), portrait(height > width) {
  margin = std::max(12, px(30));
  gap = std::max(6, px(24));
}

int Metrics::px(double design) const { return static_cast<int>(std::lround(design * u)); }

ChromeLayout chrome_layout(const Metrics& m, bool speak, bool stale) {
  ChromeLayout l;
  const int inner_w = m.w - 2 * m.margin;
  const int header_h = m.px(m.portrait ? 190 : 150);
  const int button_h = m.px(m.portrait ? 130 : 96);
  // Two rows a line of 40 px text high each (Noto CJK's line is 1.5 em).
  const int status_h = stale && m.portrait ? 2 * m.px(62) : m.px(m.portrait ? 56 : 44);
  l.header = {m.margin, m.margin, inner_w, header_h};
  const int buttons_y = m.h - m.margin - button_h;
  const int side_w = std::max(m.px(200), inner_w / 5);
  l.prev = {m.margin, buttons_y, side_w, button_h};
  l.next = {m.w - m.margin - side_w, buttons_y, side_w, button_h};
  l.middle = {l.prev.right() + m.gap, buttons_y, l.next.x - l.prev.right() - 2 * m.gap, button_h};
  if (speak) {
    const int speak_w = l.middle.w * 2 / 5;
    l.speak = {l.middle.x, buttons_y, speak_w, button_h};
    l.middle = {l.speak.right() + m.gap, buttons_y, l.middle.w - speak_w - m.gap, button_h};
  }
  l.status = {m.margin, buttons_y - m.gap / 2 - status_h, inner_w, status_h};
  const int content_y = l.header.bottom() + m.gap;
  l.content = {m.margin, content_y, inner_w, l.status.y - m.gap / 2 - content_y};
  return l;
}

namespace {

int max_tab_cols(const Metrics& m) { return m.portrait ? 3 : 5; }

// Tabs on one page: two full rows, or all of them when they fit.
int tabs_per_page(const Metrics& m, int communities) {
  return communities <= 2 * max_tab_cols(m) ? std::max(1, communities) : 2 * max_tab_cols(m);
}

}  // namespace

int picker_tab_page_of(const Metrics& m, int communities, int index) {
  return std::max(0, index) / tabs_per_page(m, communities);
}

PickerLayout picker_layout(const Metrics& m, int communities, int tab_page) {
  const ChromeLayout chrome = chrome_layout(m);
  PickerLayout l;
  const Rect area = chrome.content;
  const int title_h = m.px(90);
  l.title = {area.x, area.y, area.w, title_h};
  const int tab_h = m.px(110);
  const int per_page = tabs_per_page(m, communities);
  l.tab_pages = std::max(1, (communities + per_page - 1) / per_page);
  tab_page = std::clamp(tab_page, 0, l.tab_pages - 1);
  l.first_tab = tab_page * per_page;
  const int on_page = std::clamp(communities - l.first_tab, 0, per_page);
  const int tab_cols =
      std::clamp(l.tab_pages > 1 ? max_tab_cols(m) : communities, 1, max_tab_cols(m));
  const int tab_rows = on_page > 0 ? (on_page + tab_cols - 1) / tab_cols : 0;
  int y = l.title.bottom() + m.gap / 2;
  Rect tab_area{area.x, y, area.w, tab_rows * tab_h + std::max(0, tab_rows - 1) * (m.gap / 2)};
  if (l.tab_pages > 1) {
    // Paging buttons as tall as both rows, wide enough for a thumb (≥ 44 px at 720p).
    const int button_w = m.px(90);
    tab_area.h = 2 * tab_h + m.gap / 2;
    l.tab_prev = {area.x, y, button_w, tab_area.h};
    l.tab_next = {area.right() - button_w, y, button_w, tab_area.h};
    tab_area = {l.tab_prev.right() + m.gap, y, l.tab_next.x - l.tab_prev.right() - 2 * m.gap,
                tab_area.h};
  }
  const int tab_w = (tab_area.w - (tab_cols - 1) * m.gap) / tab_cols;
  for (int i = 0; i < on_page; ++i) {
    l.tabs.push_back({tab_area.x + (i % tab_cols) * (tab_w + m.gap),
                      y + (i / tab_cols) * (tab_h + m.gap / 2), tab_w, tab_h});
  }
  y += (l.tab_pages > 1 ? 2 : tab_rows) * (tab_h + m.gap / 2) + m.gap / 2;
  const int cols = m.portrait ? 2 : 3;
  const int cell_h = m.px(130);
  const int cell_w = (area.w - (cols - 1) * m.gap) / cols;
  const int rows = std::max(1, (area.bottom() - y + m.gap) / (cell_h + m.gap));
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      l.cells.push_back({area.x + c * (cell_w + m.gap), y + r * (cell_h + m.gap), cell_w, cell_h});
    }
  }
  l.prev_page = chrome.prev;
  l.back = chrome.middle;
  l.next_page = chrome.next;
  return l;
}

void burn_in_offset(long step, int pixels, int& dx, int& dy) {
  // A 5×5 walk that visits every point once before repeating, moving one cell a step.
  static const int walk[25][2] = {{0, 0},  {1, 0},  {2, 0},   {2, 1},   {1, 1},   {0, 1},  {-1, 1},
                                  {-1, 0}, {-2, 0}, {-2, -1}, {-1, -1}, {0, -1},  {1, -1}, {2, -1},
                                  {2, -2}, {1, -2}, {0, -2},  {-1, -2}, {-2, -2}, {-2, 1}, {-2, 2},
                                  {-1, 2}, {0, 2},  {1, 2},   {2, 2}};
  const auto& p = walk[((step % 25) + 25) % 25];
  dx = p[0] * pixels / 2;
  dy = p[1] * pixels / 2;
}

}  // namespace hgj::kiosk
