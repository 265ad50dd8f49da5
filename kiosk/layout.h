// Where things go on the logical canvas. Sizes are designed for 1080 px on the short
// side and scale with it (800×480 … 3840×2160, portrait or landscape); drawing and
// hit-testing both take their rectangles from here.
#pragma once

#include <vector>

#include "canvas.h"

namespace hgj::kiosk {

// Lobby-scale minimums in design pixels (1080 on the short side), legible from 3 m: no
// text smaller than min_body_px, the phone number never smaller than min_phone_px.
inline constexpr int min_body_px = 40;
inline constexpr int min_phone_px = 96;

struct Metrics {
  Metrics(int width, int height);
  int w, h;
  double u;       // pixels per design pixel (short side / 1080)
  bool portrait;  // taller than wide
  int margin;     // outer band left as background, wider than any burn-in shift
  int gap;        // between blocks
  int px(double design) const;
};

// The frame around every slide: header (building, clock), content, status line and
// the touch buttons at the bottom. With `speak`, the middle button gives its left part
// to 「朗读」; otherwise `speak` is empty. With `stale` on an upright screen the status
// line is two rows: the note that the data is old gets a row of its own, never cut (a
// wide screen has room for it on the one row).
struct ChromeLayout {
  Rect header, content, status, prev, middle, next, speak;
};
ChromeLayout chrome_layout(const Metrics& m, bool speak = false, bool stale = false);

// The building picker: community tabs, a page of building buttons, paging and back.
// Tabs take two rows; a street with more communities than fit gets pages of tabs with
// ‹ › buttons on either side, so every community can be reached by touch.
struct PickerLayout {
  Rect title;
  std::vector<Rect> tabs;  // the tabs of `tab_page`: communities first_tab, first_tab + 1, …
  int first_tab = 0;
  int tab_pages = 1;
  Rect tab_prev, tab_next;  // zero-sized when every tab fits on one page
  std::vector<Rect> cells;  // building buttons on one page
  Rect prev_page, back, next_page;
};
PickerLayout picker_layout(const Metrics& m, int communities, int tab_page = 0);
// The tab page that shows community `index`.
int picker_tab_page_of(const Metrics& m, int communities, int index);

// How far the picture wanders against burn-in at a given step: a slow walk over a
// small grid, never more than `pixels` from the centre on either axis.
void burn_in_offset(long step, int pixels, int& dx, int& dy);

}  // namespace hgj::kiosk
