// The frame around every slide, the night picture and draw_scene() itself.
#include <algorithm>

#include "clock.h"
#include "draw.h"
#include "words.h"

namespace hgj::kiosk {

namespace {

TextStyle line_style(int px, bool bold = false, int width = -1, Align align = Align::left) {
  TextStyle t;
  t.px = px;
  t.bold = bold;
  t.width = width;
  t.wrap = false;  // one line, ellipsized at the width
  t.align = align;
  return t;
}

std::string community_name(const Bundle& b, const std::string& id) {
  const BundleCommunity* c = b.community(id);
  return c ? c->name : std::string();
}

void draw_night_blank(Canvas& c, const Metrics& m, const Scene& s) {
  c.clear(Color{0, 0, 0});
  // A small dim clock that wanders with the burn-in shift: the screen is resting, not dead.
  std::string line = word(s.bundle(), "kiosk_touch_hint");
  if (s.zone() && s.clock_trusted())
    line = clock_text(s.zone()->local_minute(s.now())) + "  " + line;
  const TextStyle t = line_style(m.px(min_body_px));
  const Size size = c.measure(line, t);
  c.text(line, t, (m.w - size.w) / 2, (m.h - size.h) / 2, Color{0x70, 0x60, 0x58});
}

void draw_slides(Canvas& c, const Metrics& m, const Scene& s) {
  const ChromeLayout l = chrome_layout(m, s.speech_on(), s.stale());
  const Palette& p = s.config().colors;
  draw_header(c, m, l.header, s);
  if (const Slide* slide = s.slide()) {
    if (slide->kind == SlideKind::steward)
      draw_steward_slide(c, m, l.content, s, slide->item);
    else
      draw_list_slide(c, m, l.content, s, slide->kind, slide->item);
  }
  draw_status(c, m, l.status, s);
  const auto wd = [&s](const char* key) -> const std::string& { return word(s.bundle(), key); };
  if (s.speech_on()) draw_button(c, m, l.speak, wd("speak"), false, p);
  draw_button(c, m, l.prev, "‹ " + wd("prev_page"), false, p);
  draw_button(c, m, l.middle, wd(s.browsing() ? "kiosk_back_home" : "kiosk_other_buildings"), true,
              p);
  draw_button(c, m, l.next, wd("next_page") + " ›", false, p);
}

}  // namespace

void draw_button(Canvas& c, const Metrics& m, const Rect& r, const std::string& label, bool primary,
                 const Palette& p) {
  c.box(r, m.px(24), primary ? p.primary : p.surface);
  if (!primary) {
    // A hairline border so the light button reads as a button on cream.
    c.box(r, m.px(24), p.line);
    c.box(r.inset(std::max(1, m.px(3))), m.px(22), p.surface);
  }
  TextStyle t = line_style(m.px(46), true, r.w - m.px(20), Align::center);
  t.px = c.texts().fit_px(label, t, r.w - m.px(20), m.px(min_body_px));
  const Size size = c.measure(label, t);
  c.text(label, t, r.x + m.px(10), r.y + (r.h - size.h) / 2, primary ? p.on_primary : p.primary);
}

void draw_header(Canvas& c, const Metrics& m, const Rect& r, const Scene& s) {
  const Palette& p = s.config().colors;
  c.box(r, m.px(28), p.primary);
  const int pad = m.px(36);
  const Bundle* bundle = s.bundle();
  const BundleBuilding* b = s.shown_building();

  // Right: the clock and date, only when the clock can be believed.
  int right_w = 0;
  if (s.zone() && s.clock_trusted()) {
    const Instant now = s.now();
    const std::string time = clock_text(s.zone()->local_minute(now));
    const std::string date = chinese_date(s.zone()->local_date(now));
    const TextStyle ts = line_style(m.px(m.portrait ? 76 : 60), true);
    const TextStyle ds = line_style(m.px(min_body_px));
    const Size tsz = c.measure(time, ts), dsz = c.measure(date, ds);
    right_w = std::max(tsz.w, dsz.w);
    const int top = r.y + (r.h - tsz.h - dsz.h) / 2;
    c.text(time, ts, r.right() - pad - tsz.w, top, p.on_primary);
    c.text(date, ds, r.right() - pad - dsz.w, top + tsz.h, p.on_primary);
  }

  // Left: which building, and whose stewards these are.
  const int left_w = r.w - 2 * pad - (right_w ? right_w + pad : 0);
  std::string title = b ? b->name : (bundle ? bundle->site.title : word(bundle, "kiosk_title"));
  std::string sub;
  if (b) {
    sub = s.browsing()
              ? word(bundle, "kiosk_browsing")
              : community_name(*bundle, b->community) + " · " + word(bundle, "site_tagline");
  } else if (bundle) {
    sub = bundle->site.street;
  }
  TextStyle ts = line_style(m.px(m.portrait ? 68 : 56), true, left_w);
  ts.px = c.texts().fit_px(title, ts, left_w, m.px(44));
  const TextStyle ss = line_style(m.px(min_body_px), false, left_w);
  const Size tsz = c.measure(title, ts);
  const int sub_h = sub.empty() ? 0 : c.measure(sub, ss).h;
  const int top = r.y + (r.h - tsz.h - sub_h) / 2;
  c.text(title, ts, r.x + pad, top, p.on_primary);
  if (!sub.empty()) c.text(sub, ss, r.x + pad, top + tsz.h, p.on_primary);
}

std::vector<StatusRow> status_rows(Canvas& c, const Metrics& m, const Rect& r, const Scene& s,
                                   int* dots_w) {
  const Palette& p = s.config().colors;
  const Bundle* b = s.bundle();
  std::vector<StatusRow> rows;
  if (dots_w) *dots_w = 0;
  if (!b || !s.zone()) return rows;
  const std::string updated =
      word(b, "kiosk_updated") + " " + chinese_moment(b->generated_at, *s.zone());
  const TextStyle plain = line_style(m.px(min_body_px), false);
  Rect line{r.x + m.px(8), r.y, r.w - m.px(16), r.h};
  if (s.stale()) {
    // The warning, whole: on a row of its own upright, first on the one row when wide.
    const Instant since = s.last_sync() ? s.last_sync() : b->generated_at;
    const long days = std::max<long>(1, static_cast<long>((s.now() - since) / 86400));
    const std::string warning =
        word(b, "kiosk_stale") + " " + std::to_string(days) + " " + word(b, "kiosk_stale_days");
    TextStyle t = line_style(m.px(min_body_px), true);
    const int warning_w = c.measure(warning, t).w;
    if (m.portrait) {
      const Rect top{line.x, r.y, line.w, r.h / 2};
      t.width = top.w;
      t.px = c.texts().fit_px(warning, t, top.w, m.px(28));  // shrunk rather than cut, if ever
      rows.push_back({warning, t, top, p.accent});
      line = {line.x, r.y + r.h / 2, line.w, r.h - r.h / 2};
    } else {
      t.width = warning_w;
      rows.push_back({warning, t, {line.x, line.y, warning_w, line.h}, p.accent});
      line = {line.x + warning_w + m.px(30), line.y, line.w - warning_w - m.px(30), line.h};
    }
  }
  // One dot per slide on the right; a deck too long for dots beside the text shows "9/22".
  const int n = static_cast<int>(s.deck().size());
  const int updated_w = c.measure(updated, plain).w;
  int dots = 0;
  if (n > 1 && s.mode() == Mode::slides)
    dots = updated_w + n * m.px(34) + m.px(20) <= line.w ? n * m.px(34) : m.px(140);
  if (dots_w) *dots_w = dots;
  TextStyle u = plain;
  u.width = std::max(1, line.w - dots - m.px(12));
  rows.push_back({updated, u, {line.x, line.y, u.width, line.h}, p.muted});
  return rows;
}

void draw_status(Canvas& c, const Metrics& m, const Rect& r, const Scene& s) {
  const Palette& p = s.config().colors;
  int dots_w = 0;
  const std::vector<StatusRow> rows = status_rows(c, m, r, s, &dots_w);
  if (rows.empty()) return;
  const Rect& last = rows.back().box;
  const int n = static_cast<int>(s.deck().size());
  const int dot = m.px(18), step = m.px(34);
  if (dots_w && dots_w != n * step) {
    const std::string count = std::to_string(s.slide_index() + 1) + "/" + std::to_string(n);
    const TextStyle t = line_style(m.px(min_body_px), false, dots_w, Align::right);
    c.text(count, t, r.right() - dots_w, last.y + (last.h - c.measure(count, t).h) / 2, p.muted);
  }
  for (int i = 0; i < n && dots_w && dots_w == n * step; ++i) {
    const Rect d{r.right() - dots_w + i * step + (step - dot) / 2, last.y + (last.h - dot) / 2, dot,
                 dot};
    c.box(d, dot / 2, i == s.slide_index() ? p.primary : p.line);
  }
  for (const StatusRow& row : rows) {
    const Size size = c.measure(row.text, row.style);
    c.text(row.text, row.style, row.box.x, row.box.y + (row.box.h - size.h) / 2, row.color);
  }
}

void draw_avatar(Canvas& c, const Rect& r, const std::string& name, const Palette& p) {
  const int d = std::min(r.w, r.h);
  const Rect circle{r.x + (r.w - d) / 2, r.y + (r.h - d) / 2, d, d};
  c.box(circle, d / 2, p.primary);
  const std::string text = avatar_text(name);
  TextStyle t = line_style(d * 2 / 5, true);
  t.px = c.texts().fit_px(text, t, d * 3 / 4, d / 5);
  const Size size = c.measure(text, t);
  c.text(text, t, circle.x + (d - size.w) / 2, circle.y + (d - size.h) / 2, p.on_primary);
}

void draw_scene(Canvas& c, const Scene& s, const Fallback& fallback) {
  const Metrics m(c.width(), c.height());
  const KioskConfig& cfg = s.config();
  // Urgent beats night: 停水 at five in the morning is for the first person down.
  if (const BundleNotice* urgent = s.bundle() ? s.urgent() : nullptr) {
    c.clear(cfg.colors.background);
    return draw_urgent(c, m, s, *urgent);
  }
  if (s.pairing()) {
    // Never blanked at night: staff may come to read the code at any hour.
    c.clear(cfg.colors.background);
    return draw_pairing(c, m, s);
  }
  if (s.night() && cfg.night_mode == "blank") return draw_night_blank(c, m, s);
  c.clear(cfg.colors.background);
  if (!s.bundle())
    draw_no_bundle(c, m, s, fallback);
  else if (s.mode() == Mode::picker)
    draw_picker(c, m, s);
  else
    draw_slides(c, m, s);
  if (s.night()) {
    // Dim: the same picture, darker, so it can still be read up close.
    const int keep = std::clamp(cfg.dim_percent, 0, 100);
    c.begin(c.width(), c.height(), 0, 0);
    c.fill(Rect{0, 0, c.width(), c.height()},
           Color{0, 0, 0, static_cast<std::uint8_t>(255 - keep * 255 / 100)});
  }
}

}  // namespace hgj::kiosk
