// The slide that matters most: my steward, large — photo, name, 编号, a phone number
// readable from three metres, and a QR code to the building's page.
#include <algorithm>

#include "draw.h"
#include "hgj/unit_span.h"
#include "words.h"

namespace hgj::kiosk {

namespace {

TextStyle one_line(int px, bool bold, int width) {
  TextStyle t;
  t.px = px;
  t.bold = bold;
  t.width = width;
  t.wrap = false;
  return t;
}

TextStyle wrapped(int px, int width, int lines) {
  TextStyle t;
  t.px = px;
  t.width = width;
  t.max_lines = lines;
  return t;
}

// The name as large as fits on one line, down to 64 design px; a name longer than that
// wraps to two lines at 64 px and ends in …, a name cut short on purpose, never a line
// that runs off the card.
TextStyle name_style(Canvas& c, const Metrics& m, const std::string& name, int design_px,
                     int width) {
  TextStyle t = one_line(m.px(design_px), true, width);
  t.px = c.texts().fit_px(name, t, width, m.px(64));
  if (c.texts().fits(name, t, width)) return t;
  t.wrap = true;
  t.max_lines = 2;
  t.line_spacing = 1.1;
  return t;
}

// "1–2单元" of the building on show, empty for the whole building.
std::string units_text(const BundleSteward& s, const std::string& building,
                       const std::string& unit) {
  for (const BuildingRef& ref : s.buildings) {
    if (ref.building != building || ref.whole_building()) continue;
    return unit_span(ref) + unit;
  }
  return {};
}

// The phone block: a red band, "电话" and the number as large as fits, one line.
void draw_phone(Canvas& c, const Metrics& m, const Rect& r, const std::string& label,
                const std::string& phone, const Palette& p) {
  c.box(r, m.px(26), p.primary);
  const int pad = m.px(32);
  const TextStyle ls = one_line(m.px(44), false, r.w - 2 * pad);
  const Size lsz = c.measure(label, ls);
  // Phones are validated, so the number fits at 96 px; the width only guards the box.
  TextStyle ps = one_line(m.px(m.portrait ? 150 : 128), true, r.w - 2 * pad);
  ps.px = c.texts().fit_px(phone, ps, r.w - 2 * pad, m.px(min_phone_px));
  const Size psz = c.measure(phone, ps);
  const int top = r.y + (r.h - lsz.h - psz.h) / 2;
  c.text(label, ls, r.x + pad, top, p.on_primary);
  c.text(phone, ps, r.x + pad, top + lsz.h, p.on_primary);
}

void draw_qr_block(Canvas& c, const Metrics& m, const Rect& qr, const std::string& url,
                   const Palette& p) {
  c.box(qr, m.px(18), Color{255, 255, 255});
  c.qr(url, qr.inset(m.px(14)));
  (void)p;
}

// A building with no steward yet: who to call instead.
void draw_no_steward(Canvas& c, const Metrics& m, const Rect& r, const Scene& s) {
  const Palette& p = s.config().colors;
  const Bundle& b = *s.bundle();
  const BundleBuilding& building = *s.shown_building();
  c.box(r, m.px(28), p.surface);
  const int pad = m.px(48);
  int y = r.y + pad;
  const auto wd = [&b](const char* key) -> const std::string& { return word(&b, key); };
  y += c.text(wd("kiosk_no_steward"), one_line(m.px(72), true, r.w - 2 * pad), r.x + pad, y,
              p.primary)
           .h +
       m.gap;
  const BundleCommunity* community = b.community(building.community);
  std::string who = wd("kiosk_ask") + (community ? community->name : wd("community"));
  y += c.text(who, wrapped(m.px(48), r.w - 2 * pad, 2), r.x + pad, y, p.text).h + m.gap;
  std::optional<Phone> phone = community ? community->phone : std::nullopt;
  if (!phone) phone = b.site.hotline;
  if (phone)
    draw_phone(c, m, {r.x + pad, y, r.w - 2 * pad, m.px(230)},
               community && community->phone ? wd("community") + wd("phone") : wd("hotline_short"),
               unbreakable(phone->display), p);
}

}  // namespace

void draw_steward_slide(Canvas& c, const Metrics& m, const Rect& r, const Scene& s, int item) {
  const Palette& p = s.config().colors;
  const BundleBuilding* building = s.shown_building();
  if (!building) return;
  const std::vector<const BundleSteward*> stewards = s.bundle()->stewards_of_building(building->id);
  if (item < 0 || item >= static_cast<int>(stewards.size())) return draw_no_steward(c, m, r, s);
  const BundleSteward& st = *stewards[static_cast<std::size_t>(item)];

  c.box(r, m.px(28), p.surface);
  const int pad = m.px(m.portrait ? 44 : 34);
  const Rect in = r.inset(pad);

  // Whose steward, and for which units.
  const auto wd = [&s](const char* key) -> const std::string& { return word(s.bundle(), key); };
  std::string title = wd("your_stewards");
  if (stewards.size() > 1)
    title += "（" + std::to_string(item + 1) + "/" + std::to_string(stewards.size()) + "）";
  const std::string units = units_text(st, building->id, wd("unit_unit"));
  const std::string phone = st.phone ? unbreakable(st.phone->display) : std::string();
  const std::string url = building->url.empty()
                              ? s.bundle()->site.base_url + "/building/" + building->id + "/"
                              : building->url;
  const std::string hours =
      st.office_hours.empty() ? std::string() : wd("service_hours") + "：" + st.office_hours;
  std::string role = st.role;
  if (st.party_member && role.find(wd("party_member")) == std::string::npos)
    role += (role.empty() ? "" : " · ") + wd("kiosk_party_member");
  const std::string photo_path =
      st.photo.empty() ? std::string() : (s.loaded()->dir / st.photo).string();
  auto draw_photo = [&](const Rect& photo) {
    if (st.photo.empty() || !c.photo(photo_path, photo, m.px(24)))
      draw_avatar(c, photo, st.name, p);
  };
  auto title_bar = [&](int x, int y, int w) {
    c.box({x, y + m.px(8), m.px(10), m.px(48)}, m.px(4), p.primary);
    const Size tsz = c.text(title, one_line(m.px(48), true, w), x + m.px(26), y, p.primary);
    if (!units.empty()) {
      const std::string u = wd("serves_units") + " " + units;
      const TextStyle us = one_line(m.px(46), true, -1);
      const Size usz = c.measure(u, us);
      c.text(u, us, x + w - usz.w, y + (tsz.h - usz.h) / 2, p.text);
    }
    return tsz.h;
  };

  if (m.portrait) {
    int y = in.y + title_bar(in.x, in.y, in.w) + m.gap;
    const int photo_w = m.px(360);
    const Rect photo{in.x, y, photo_w, photo_w * 5 / 4};
    draw_photo(photo);
    const int tx = photo.right() + m.px(44), text_w = in.right() - tx;
    int ty = y + m.px(6);
    const TextStyle ns = name_style(c, m, st.name, 120, text_w);
    ty += c.text(st.name, ns, tx, ty, p.text).h + m.px(8);
    ty += c.text(wd("steward_number") + " " + st.id, one_line(m.px(48), false, text_w), tx, ty,
                 p.muted)
              .h +
          m.px(10);
    if (!role.empty())
      ty += c.text(role, one_line(m.px(44), false, text_w), tx, ty, p.text).h + m.px(10);
    if (st.since)
      ty += c.text(std::to_string(st.since->year) + wd("kiosk_since"),
                   one_line(m.px(40), false, text_w), tx, ty, p.muted)
                .h;
    y = std::max(photo.bottom(), ty) + m.gap * 3 / 2;
    if (!phone.empty()) {
      draw_phone(c, m, {in.x, y, in.w, m.px(250)}, wd("call_prefix") + wd("phone"), phone, p);
      y += m.px(250) + m.gap;
    }
    if (!hours.empty()) {
      TextStyle hs = one_line(m.px(44), false, -1);
      hs.px = c.texts().fit_px(hours, hs, in.w, m.px(40));
      if (c.measure(hours, hs).w > in.w) hs = wrapped(m.px(44), in.w, 2);
      y += c.text(hours, hs, in.x, y, p.text).h + m.gap;
    }
    const int qr_side = m.px(300);
    const Rect qr{in.x, y + m.px(10), qr_side, qr_side};
    if (qr.bottom() <= in.bottom()) {
      draw_qr_block(c, m, qr, url, p);
      const int cx = qr.right() + m.px(40), cw = in.right() - cx;
      int cy = qr.y + m.px(30);
      cy += c.text(wd("kiosk_scan"), one_line(m.px(56), true, cw), cx, cy, p.primary).h + m.px(12);
      c.text(wd("kiosk_scan_note"), wrapped(m.px(44), cw, 3), cx, cy, p.text);
    }
    return;
  }

  // Landscape: photo | name, phone | QR.
  const int qr_side = std::min(m.px(320), in.h * 6 / 10);
  const int photo_h = in.h, photo_w = std::min(photo_h * 4 / 5, in.w / 4);
  const Rect photo{in.x, in.y, photo_w, photo_w * 5 / 4};
  draw_photo(photo);
  const int tx = photo.right() + m.px(44);
  const int text_w = in.right() - qr_side - m.px(44) - tx;
  int y = in.y + title_bar(tx, in.y, text_w) + m.px(10);
  const TextStyle ns = name_style(c, m, st.name, 112, text_w);
  y += c.text(st.name, ns, tx, y, p.text).h;
  std::string meta = wd("steward_number") + " " + st.id + (role.empty() ? "" : "　" + role);
  y += c.text(meta, one_line(m.px(44), false, text_w), tx, y, p.muted).h + m.px(16);
  const int hours_h = hours.empty() ? 0 : m.px(58);
  const int phone_h = std::max(m.px(170), std::min(m.px(230), in.bottom() - y - hours_h));
  if (!phone.empty())
    draw_phone(c, m, {tx, y, text_w, phone_h}, wd("call_prefix") + wd("phone"), phone, p);
  if (!hours.empty())
    c.text(hours, one_line(m.px(40), false, text_w), tx, y + phone_h + m.px(12), p.text);

  const Rect qr{in.right() - qr_side, in.y + m.px(10), qr_side, qr_side};
  draw_qr_block(c, m, qr, url, p);
  const TextStyle head = one_line(m.px(48), true, -1);
  const int cy = qr.bottom() + m.px(16);
  const int h = c.text(wd("kiosk_scan"), head,
                       qr.x + (qr_side - c.measure(wd("kiosk_scan"), head).w) / 2, cy, p.primary)
                    .h;
  TextStyle cs = wrapped(m.px(40), qr_side, 2);
  cs.align = Align::center;
  c.text(wd("kiosk_scan_short"), cs, qr.x, cy + h + m.px(6), p.text);
}

}  // namespace hgj::kiosk
