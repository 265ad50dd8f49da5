// Screens: which hgj-kiosk stands in which building (operator data, docs/content.md 9.1).
#include <algorithm>
#include <cctype>
#include <map>

#include "converters.h"
#include "hgj/language.h"
#include "hgj/pairing.h"

namespace hgj {

namespace {

// 横屏/竖屏 as staff write it, landscape/portrait as the bundle carries it.
std::string read_orientation(FieldReader& r) {
  const std::string raw = r.text("orientation");
  if (raw.empty()) return raw;
  if (raw == "横屏" || raw == "landscape") return "landscape";
  if (raw == "竖屏" || raw == "portrait") return "portrait";
  r.invalid(
      "orientation", raw,
      say("不是屏幕方向：请写 横屏 或 竖屏", "is not an orientation: write landscape or portrait"));
  return {};
}

// "1920x1080" (also with X, ×, * or ＊ as a spreadsheet may write it), in pixels.
std::string read_size(FieldReader& r) {
  const std::string raw = r.normalized("size");
  if (raw.empty()) return raw;
  std::string s = raw;
  for (const char* sign : {"×", "＊", "X", "*"}) {
    for (std::size_t at = s.find(sign); at != std::string::npos; at = s.find(sign))
      s.replace(at, std::string(sign).size(), "x");
  }
  const std::size_t x = s.find('x');
  const auto digits = [](const std::string& t) {
    return !t.empty() && t.size() <= 5 && t[0] != '0' &&
           std::all_of(t.begin(), t.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
  };
  if (x == std::string::npos || !digits(s.substr(0, x)) || !digits(s.substr(x + 1))) {
    r.invalid("size", r.text("size"),
              say("不是屏幕尺寸：请按像素写成 宽x高，如 1920x1080",
                  "is not a screen size: write width x height in pixels, such as 1920x1080"));
    return {};
  }
  return s;
}

}  // namespace

std::optional<Screen> to_screen(FieldReader& r, LoadContext& ctx) {
  Screen s;
  s.id = r.id();
  s.building =
      r.reference("building", ctx.exists("buildings"), "buildings", true, ctx.names("buildings"));
  if (auto at = ctx.buildings.find(s.building); at != ctx.buildings.end()) {
    const Building& b = ctx.content.buildings[at->second];
    if (!b.in_use()) {
      r.warning("building",
                say("楼栋“" + b.id + "”已" + b.status +
                        "：这块屏幕不会显示这栋楼，请把屏幕改到在用的楼栋",
                    r.label("building") + " \"" + b.id + "\" is marked " + b.status +
                        " (no longer in use): the screen shows nothing for it; move the screen "
                        "to a building in use"));
    }
  }
  s.orientation = read_orientation(r);
  s.size = read_size(r);
  s.night_from = r.clock("night_from");
  s.night_until = r.clock("night_until");
  if (s.night_from.empty() != s.night_until.empty() && r.ok()) {
    const std::string given = s.night_from.empty() ? "night_until" : "night_from";
    const std::string other = s.night_from.empty() ? "night_from" : "night_until";
    r.error(other,
            say(r.label(given) + "写了，" + r.label(other) + "也要写：夜间时段要有开始和结束",
                r.label(given) + " is given, so " + r.label(other) +
                    " is needed too: a night period has a start and an end"));
  }
  s.note = r.text("note");
  return finish(r, std::move(s));
}

void check_screen_codes(const std::vector<Screen>& screens, DiagnosticSink& sink) {
  std::map<std::string, const Screen*> first;  // by canonical code
  for (const Screen& s : screens) {
    const std::optional<std::string> code = normalize_pairing_code(s.id);
    if (!code) continue;
    const auto [at, fresh] = first.try_emplace(*code, &s);
    // (Ids equal but for case never get here: the loader reported and dropped the second.)
    if (fresh) continue;
    const SourceLocation& was = at->second->where;
    const std::string where =
        was.file + (was.file.ends_with(']') ? "!" : ":") + std::to_string(was.line);
    sink.error(s.where,
               say("屏幕编号“" + s.id + "”和 " + where + " 的“" + at->second->id +
                       "”是同一个配对码：一块屏幕只能写一行，请删掉其中一行",
                   "screen id \"" + s.id + "\" is the same pairing code as \"" + at->second->id +
                       "\" at " + where + ": list a screen once; remove one of the rows"));
  }
}

}  // namespace hgj
