// The urgent notice (紧急通知) over the whole screen: large type a passer-by reads from
// across the lobby — what, since and until when, the notice itself, and whom to call.
#include <algorithm>

#include "clock.h"
#include "draw.h"
#include "words.h"

namespace hgj::kiosk {

namespace {

TextStyle style(int px, bool bold, int width, int max_lines, Align align = Align::left) {
  TextStyle t;
  t.px = px;
  t.bold = bold;
  t.width = width;
  t.max_lines = max_lines;
  t.wrap = max_lines != 1;
  t.align = align;
  return t;
}

// 「11月24日 04:00 起 · 至 11月25日」, from what the notice says.
std::string when_text(const Bundle& b, const BundleNotice& n) {
  std::string out;
  if (n.start) {
    out = short_chinese_date(n.start->date);
    if (n.start->minute) out += " " + clock_text(*n.start->minute);
    out += " " + word(&b, "kiosk_from");
  }
  if (n.expires)
    out +=
        (out.empty() ? "" : " · ") + word(&b, "kiosk_until") + " " + short_chinese_date(*n.expires);
  return out.empty() ? short_chinese_date(n.date) + " " + word(&b, "kiosk_published") : out;
}

}  // namespace

void draw_urgent(Canvas& c, const Metrics& m, const Scene& s, const BundleNotice& n) {
  const Palette& p = s.config().colors;
  const Bundle& b = *s.bundle();
  const Rect card{m.margin, m.margin, m.w - 2 * m.margin, m.h - 2 * m.margin};
  c.box(card, m.px(32), p.primary);
  const int pad = m.px(m.portrait ? 60 : 48);
  const int inner_w = card.w - 2 * pad;
  int y = card.y + pad;

  // 紧急通知, and which of several.
  std::string label = word(&b, "kiosk_urgent");
  const int count = static_cast<int>(s.urgent_notices().size());
  if (count > 1) {
    int index = 0;
    for (int i = 0; i < count; ++i)
      if (s.urgent_notices()[static_cast<std::size_t>(i)] == &n) index = i;
    label += "（" + std::to_string(index + 1) + "/" + std::to_string(count) + "）";
  }
  y += c.text(label, style(m.px(m.portrait ? 96 : 80), true, inner_w, 1), card.x + pad, y,
              p.on_primary)
           .h;
  y +=
      c.text(when_text(b, n), style(m.px(52), false, inner_w, 1), card.x + pad, y, p.on_primary).h +
      m.gap;
  y += c.text(n.title, style(m.px(m.portrait ? 88 : 72), true, inner_w, 3), card.x + pad, y,
              p.on_primary)
           .h +
       m.gap;

  // The hotline at the bottom, then the notice's text in what is left between.
  bool own = false;
  const BundleBuilding* home = b.building(s.home_building());
  const std::optional<Phone> phone = home ? building_hotline(b, *home, own) : std::nullopt;
  const std::string& hint = word(&b, "kiosk_touch_hint");
  const int hint_h = c.measure(hint, style(m.px(min_body_px), false, inner_w, 1)).h;
  int bottom = card.bottom() - pad;
  c.text(hint, style(m.px(min_body_px), false, inner_w, 1, Align::center), card.x + pad,
         bottom - hint_h, p.on_primary);
  bottom -= hint_h + m.gap;
  if (phone) {
    const std::string number = unbreakable(phone->display);
    const Rect band{card.x + pad, bottom - m.px(230), inner_w, m.px(230)};
    c.box(band, m.px(26), p.surface);
    const TextStyle ls = style(m.px(48), true, band.w - 2 * m.px(32), 1);
    const std::string what =
        word(&b, "call_prefix") +
        (own ? word(&b, "community") + word(&b, "phone") : word(&b, "hotline_short"));
    TextStyle ps = style(m.px(m.portrait ? 140 : 120), true, band.w - 2 * m.px(32), 1);
    ps.px = c.texts().fit_px(number, ps, band.w - 2 * m.px(32), m.px(min_phone_px));
    const Size lsz = c.measure(what, ls), psz = c.measure(number, ps);
    const int top = band.y + (band.h - lsz.h - psz.h) / 2;
    c.text(what, ls, band.x + m.px(32), top, p.primary);
    c.text(number, ps, band.x + m.px(32), top + lsz.h, p.primary);
    bottom = band.y - m.gap;
  }
  if (!n.text.empty() && bottom - y > m.px(80)) {
    const Rect body{card.x + pad, y, inner_w, bottom - y};
    c.box(body, m.px(24), p.primary_dark);
    TextStyle ts = style(m.px(m.portrait ? 60 : 52), false, body.w - 2 * m.px(32), 0);
    // As many lines as the box holds, ending in … when the notice is longer.
    const int line_h = std::max(1, c.measure("测", ts).h);
    ts.max_lines = std::max(1, (body.h - 2 * m.px(24)) / line_h);
    c.text(n.text, ts, body.x + m.px(32), body.y + m.px(24), p.on_primary);
  }
}

}  // namespace hgj::kiosk
