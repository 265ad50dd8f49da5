// The pairing screen: a screen started without a building shows its pairing code large
// enough to be read and typed from across a lobby, its id, where it syncs from and how
// the last attempt went, until staff list the code in screens.csv (hgj/pairing.h).
#include <algorithm>
#include <vector>

#include "clock.h"
#include "draw.h"
#include "hgj/pairing.h"

namespace hgj::kiosk {

namespace {

struct Line {
  std::string text;
  TextStyle style;
  Color color;
  int gap_after = 0;
};

TextStyle centred_style(int px, bool bold, int width, int max_lines = 1) {
  TextStyle t;
  t.px = px;
  t.bold = bold;
  t.width = width;
  t.max_lines = max_lines;
  t.wrap = max_lines != 1;
  t.align = Align::center;
  return t;
}

// The screen id in four groups of eight: 32 hex digits in one run lose the reader.
std::string grouped_id(const std::string& id) {
  if (id.size() != 32) return id;
  return id.substr(0, 8) + " " + id.substr(8, 8) + " " + id.substr(16, 8) + " " + id.substr(24);
}

// 「上次同步 12月7日 14:50：成功…」 — what staff standing at the screen need to know.
std::vector<Line> sync_lines(const Scene& s, const PairingInfo& info, const Metrics& m, int width,
                             const Palette& p) {
  std::vector<Line> lines;
  const TextStyle small = centred_style(m.px(min_body_px), false, width);
  lines.push_back({"数据包地址：" + info.source, centred_style(m.px(min_body_px), false, width, 2),
                   p.muted, m.gap / 2});
  if (info.last_attempt == 0) {
    lines.push_back({"正在连接数据包地址…", small, p.muted, 0});
    return lines;
  }
  const std::optional<TimeZone> zone = s.zone() ? s.zone() : TimeZone::make(default_timezone);
  const std::string when =
      zone ? chinese_moment(info.last_attempt, *zone) : iso8601_utc(info.last_attempt);
  if (!info.last_problem.empty()) {
    lines.push_back({"上次同步 " + when + "：失败，屏幕会自动重试", small, p.primary, m.gap / 4});
    lines.push_back(
        {info.last_problem, centred_style(m.px(min_body_px), false, width, 2), p.muted, 0});
  } else if (s.bundle()) {
    lines.push_back({"上次同步 " + when + "：成功，screens.csv 里还没有这个配对码",
                     centred_style(m.px(min_body_px), false, width, 2), p.muted, 0});
  } else {
    lines.push_back({"上次同步 " + when + "：成功", small, p.muted, 0});
  }
  return lines;
}

}  // namespace

void draw_pairing(Canvas& c, const Metrics& m, const Scene& s) {
  const Palette& p = s.config().colors;
  const PairingInfo& info = *s.pairing_info();
  const Rect card{m.margin, m.margin, m.w - 2 * m.margin, m.h - 2 * m.margin};
  c.box(card, m.px(32), p.surface);
  const Rect band{card.x, card.y, card.w, m.px(m.portrait ? 180 : 130)};
  c.box(band, m.px(32), p.primary);
  const int pad = m.px(m.portrait ? 60 : 48);
  const int width = card.w - 2 * pad;
  {
    const std::string title = "红管家大屏 · 新屏幕配对";
    TextStyle t = centred_style(m.px(m.portrait ? 64 : 56), true, width);
    t.px = c.texts().fit_px(title, t, width, m.px(min_body_px));
    c.text(title, t, band.x + pad, band.y + (band.h - c.measure(title, t).h) / 2, p.on_primary);
  }

  std::vector<Line> lines;
  lines.push_back({"配对码", centred_style(m.px(52), true, width), p.text, 0});
  if (info.code.empty()) {
    lines.push_back({"——", centred_style(m.px(160), true, width), p.primary, m.gap});
    lines.push_back(
        {"本屏没有编号（没有 /etc/machine-id）：请在 kiosk.toml 的 [status] 里写 screen",
         centred_style(m.px(48), false, width, 2), p.text, m.gap * 2});
  } else {
    // As large as the width allows up to a size read from 3 m; never cut.
    const std::string code = pairing_code_display(info.code);
    TextStyle big = centred_style(m.px(m.portrait ? 240 : 200), true, width);
    big.px = c.texts().fit_px(code, big, width, m.px(min_phone_px));
    lines.push_back({code, big, p.primary, m.gap});
    const std::string id = grouped_id(info.screen_id);
    TextStyle id_style = centred_style(m.px(52), false, width);
    id_style.px = c.texts().fit_px(id, id_style, width, m.px(min_body_px));
    lines.push_back(
        {"屏幕编号（机器号）", centred_style(m.px(min_body_px), false, width), p.muted, 0});
    lines.push_back({id, id_style, p.text, m.gap * 2});
    // Broken by meaning on an upright screen, not where the width runs out.
    const TextStyle ask = centred_style(m.px(52), true, width);
    if (m.portrait) {
      lines.push_back({"请把配对码填入 screens.csv", ask, p.text, 0});
      lines.push_back({"的屏幕编号，并填写楼栋", ask, p.text, m.gap * 2});
    } else {
      lines.push_back(
          {"请把配对码填入 screens.csv 的屏幕编号，并填写楼栋", ask, p.text, m.gap * 2});
    }
  }
  for (Line& l : sync_lines(s, info, m, width, p)) lines.push_back(std::move(l));

  // Centred in what is left below the band. A low wide panel (1280×800) with a long
  // problem to show gives the room from the code, never below phone-number size.
  const Rect body{card.x + pad, band.bottom(), width, card.bottom() - band.bottom()};
  const auto height = [&c, &lines] {
    int h = 0;
    for (const Line& l : lines) h += c.measure(l.text, l.style).h + l.gap_after;
    return h;
  };
  int total = height();
  if (!info.code.empty() && total > body.h - 2 * m.gap) {
    TextStyle& big = lines[1].style;
    const int line_h = c.measure(lines[1].text, big).h;
    const int over = total - (body.h - 2 * m.gap);
    big.px = std::max(m.px(min_phone_px), big.px * (line_h - over) / std::max(1, line_h));
    total = height();
  }
  int y = body.y + std::max(m.gap, (body.h - total) / 2);
  for (const Line& l : lines) y += c.text(l.text, l.style, body.x, y, l.color).h + l.gap_after;
}

}  // namespace hgj::kiosk
