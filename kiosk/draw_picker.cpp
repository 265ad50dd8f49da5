// The building picker and the full-screen messages (no bundle yet, unknown building).
#include <algorithm>

#include "draw.h"
#include "words.h"

namespace hgj::kiosk {

namespace {

TextStyle one_line(int px, bool bold, int width, Align align = Align::left) {
  TextStyle t;
  t.px = px;
  t.bold = bold;
  t.width = width;
  t.wrap = false;
  t.align = align;
  return t;
}

void centred(Canvas& c, const std::string& text, TextStyle t, const Rect& r, Color color) {
  t.width = r.w;
  t.align = Align::center;
  const Size size = c.measure(text, t);
  c.text(text, t, r.x, r.y + (r.h - size.h) / 2, color);
}

}  // namespace

void draw_picker(Canvas& c, const Metrics& m, const Scene& s) {
  const Palette& p = s.config().colors;
  const Bundle& b = *s.bundle();
  const ChromeLayout chrome = chrome_layout(m);
  draw_header(c, m, chrome.header, s);
  const PickerLayout l = s.picker();

  const auto wd = [&b](const char* key) -> const std::string& { return word(&b, key); };
  std::string title = wd("kiosk_picker_title");
  Color title_color = p.primary;
  if (!s.home_known()) {
    title = wd("kiosk_picker_unknown") + s.home_building() + wd("kiosk_picker_unknown_end");
    title_color = p.accent;
  }
  TextStyle ts = one_line(m.px(52), true, l.title.w);
  ts.px = c.texts().fit_px(title, ts, l.title.w, m.px(min_body_px));
  const Size tsz = c.measure(title, ts);
  c.text(title, ts, l.title.x, l.title.y + (l.title.h - tsz.h) / 2, title_color);

  for (std::size_t i = 0; i < l.tabs.size(); ++i) {
    const int index = l.first_tab + static_cast<int>(i);
    const bool on = index == s.picker_community();
    c.box(l.tabs[i], m.px(20), on ? p.primary : p.line);
    const std::string& name = b.communities[static_cast<std::size_t>(index)].name;
    const Rect label = l.tabs[i].inset(m.px(8));
    TextStyle tab = one_line(m.px(46), true, label.w);
    tab.px = c.texts().fit_px(name, tab, label.w, m.px(min_body_px));  // narrower tabs beside ‹ ›
    centred(c, name, tab, label, on ? p.on_primary : p.text);
  }
  if (l.tab_pages > 1) {
    draw_button(c, m, l.tab_prev, "‹", false, p);
    draw_button(c, m, l.tab_next, "›", false, p);
  }

  const std::vector<const BundleBuilding*> buildings = s.picker_buildings();
  const std::size_t per_page = l.cells.size();
  const std::size_t first = static_cast<std::size_t>(s.picker_page()) * per_page;
  for (std::size_t i = 0; i < per_page && first + i < buildings.size(); ++i) {
    const Rect& r = l.cells[i];
    const bool focus = static_cast<int>(i) == s.picker_focus();
    c.box(r, m.px(20), focus ? p.primary_dark : p.surface);
    const BundleBuilding& bb = *buildings[first + i];
    const int n = static_cast<int>(b.stewards_of_building(bb.id).size());
    const std::string name = bb.name;
    TextStyle ns = one_line(m.px(46), true, r.w - m.px(32));
    ns.px = c.texts().fit_px(name, ns, r.w - m.px(32), m.px(min_body_px));
    const Size nsz = c.measure(name, ns);
    const std::string sub =
        n ? std::to_string(n) + " " + wd("kiosk_stewards_unit") : wd("kiosk_picker_no_steward");
    const TextStyle ss = one_line(m.px(min_body_px), false, r.w - m.px(32));
    const int h = nsz.h + c.measure(sub, ss).h;
    c.text(name, ns, r.x + m.px(16), r.y + (r.h - h) / 2, focus ? p.on_primary : p.text);
    c.text(sub, ss, r.x + m.px(16), r.y + (r.h - h) / 2 + nsz.h, focus ? p.on_primary : p.muted);
  }

  const int pages = std::max<int>(
      1, static_cast<int>((buildings.size() + per_page - 1) / std::max<std::size_t>(1, per_page)));
  if (pages > 1) {
    draw_button(c, m, l.prev_page, "‹ " + wd("prev_page"), false, p);
    draw_button(c, m, l.next_page, wd("next_page") + " ›", false, p);
    centred(c,
            wd("page_n") + " " + std::to_string(s.picker_page() + 1) + " / " +
                std::to_string(pages) + " " + wd("page_unit"),
            one_line(m.px(min_body_px), false, -1), chrome.status, p.muted);
  }
  if (s.home_known()) draw_button(c, m, l.back, wd("kiosk_back_home"), true, p);
}

void draw_no_bundle(Canvas& c, const Metrics& m, const Scene& s, const Fallback& fallback) {
  const Palette& p = s.config().colors;
  const Rect r{m.margin, m.margin, m.w - 2 * m.margin, m.h - 2 * m.margin};
  c.box(r, m.px(32), p.surface);
  const Rect band{r.x, r.y, r.w, m.px(m.portrait ? 200 : 150)};
  c.box(band, m.px(32), p.primary);
  // No bundle: the kiosk's own theme's words.
  const auto wd = [](const char* key) -> const std::string& { return word(nullptr, key); };
  centred(c, fallback.street + wd("site_tagline"), one_line(m.px(64), true, -1), band,
          p.on_primary);

  const int pad = m.px(60);
  const Rect body{r.x + pad, band.bottom() + pad, r.w - 2 * pad,
                  r.bottom() - band.bottom() - 2 * pad};
  TextStyle big = one_line(m.px(72), true, body.w, Align::center);
  big.px = c.texts().fit_px(wd("kiosk_fetching"), big, body.w, m.px(40));
  int y = body.y + body.h / 6;
  y += c.text(wd("kiosk_fetching"), big, body.x, y, p.text).h + m.gap;
  TextStyle note = one_line(m.px(44), false, body.w, Align::center);
  y += c.text(wd("kiosk_retrying"), note, body.x, y, p.muted).h + m.gap * 3;
  const std::string& label =
      wd(fallback.hotline.empty() ? "kiosk_call_community" : "kiosk_call_hotline");
  y += c.text(label, note, body.x, y, p.text).h + m.gap;
  if (!fallback.hotline.empty()) {
    TextStyle phone = one_line(m.px(130), true, body.w);
    const std::string number = unbreakable(fallback.hotline);
    phone.px = c.texts().fit_px(number, phone, body.w, m.px(min_phone_px));
    const Size size = c.measure(number, phone);
    c.text(number, phone, body.x + (body.w - size.w) / 2, y, p.primary);
  }
}

}  // namespace hgj::kiosk
