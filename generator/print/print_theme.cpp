#include "print/print_theme.h"

#include <pango/pangocairo.h>
#include <toml++/toml.h>

#include <memory>

namespace hgj::print {

std::optional<Colour> parse_colour(std::string_view text) {
  if (text.empty() || text[0] != '#') return std::nullopt;
  std::string hex(text.substr(1));
  if (hex.size() == 3) hex = {hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]};
  if (hex.size() != 6) return std::nullopt;
  int values[3];
  for (int i = 0; i < 3; ++i) {
    int v = 0;
    for (char c : hex.substr(i * 2, 2)) {
      int d = (c >= '0' && c <= '9')   ? c - '0'
              : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                       : -1;
      if (d < 0) return std::nullopt;
      v = v * 16 + d;
    }
    values[i] = v;
  }
  return Colour{values[0] / 255.0, values[1] / 255.0, values[2] / 255.0};
}

const std::vector<std::string>& print_string_keys() {
  static const std::vector<std::string> keys = {
      "party_member", "steward_number", "phone", "service_hours", "honors", "your_stewards",
      "event_location", "footer_hotline", "board_no_steward", "board_contacts", "board_continued",
      "print_date", "print_content", "page_n", "page_unit", "page_total", "card_scan",
      "hotline_short",
      // The labels of board_data.cpp: units, contacts, the duty title, the cards' stand-in.
      "serves_units", "unit_unit", "units_unit", "households_unit", "grid_leader", "grid_worker",
      "party_secretary", "community", "property", "duties", "card_recruiting"};
  return keys;
}

std::map<std::string, std::string> print_strings(const std::map<std::string, std::string>& all) {
  std::map<std::string, std::string> out;
  for (const std::string& key : print_string_keys()) {
    if (auto it = all.find(key); it != all.end()) out.insert(*it);
  }
  return out;
}

const std::string& PrintTheme::word(const std::string& key) const {
  static const std::string none;
  auto it = strings.find(key);
  return it == strings.end() ? none : it->second;
}

namespace {

SourceLocation where(const std::filesystem::path& file, const toml::node& node) {
  return {file.string(), static_cast<int>(node.source().begin.line),
          static_cast<int>(node.source().begin.column)};
}

void read_string(const toml::table& table, const char* key, std::string& out) {
  if (auto v = table[key].value<std::string>()) out = *v;
}

bool read_colour(const toml::table& colours, const char* key, Colour& out,
                 const std::filesystem::path& file, DiagnosticSink& sink) {
  const toml::node* node = colours.get(key);
  if (!node) return true;
  auto text = node->value<std::string>();
  auto colour = text ? parse_colour(*text) : std::nullopt;
  if (!colour) {
    sink.error(where(file, *node), std::string("colour ") + key + " must be \"#RRGGBB\"");
    return false;
  }
  out = *colour;
  return true;
}

}  // namespace

std::optional<PrintTheme> load_print_theme(const std::filesystem::path& theme_dir,
                                           const std::filesystem::path& fallback_dir,
                                           DiagnosticSink& sink) {
  PrintTheme theme;
  std::error_code ec;
  std::filesystem::path file;
  for (const std::filesystem::path& dir : {theme_dir, fallback_dir}) {
    if (!dir.empty() && std::filesystem::exists(dir / "print.toml", ec)) {
      file = dir / "print.toml";
      break;
    }
  }
  if (file.empty()) return theme;
  toml::table table;
  try {
    table = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    sink.error({file.string(), static_cast<int>(e.source().begin.line),
                static_cast<int>(e.source().begin.column)},
               std::string(e.description()));
    return std::nullopt;
  }
  theme.source = file;
  if (const toml::table* fonts = table["fonts"].as_table()) {
    read_string(*fonts, "sans", theme.sans);
    read_string(*fonts, "serif", theme.serif);
  }
  bool ok = true;
  if (const toml::table* c = table["colors"].as_table()) {
    ok &= read_colour(*c, "primary", theme.primary, file, sink);
    ok &= read_colour(*c, "primary_dark", theme.primary_dark, file, sink);
    ok &= read_colour(*c, "accent", theme.accent, file, sink);
    ok &= read_colour(*c, "text", theme.text, file, sink);
    ok &= read_colour(*c, "muted", theme.muted, file, sink);
    ok &= read_colour(*c, "panel", theme.panel, file, sink);
    ok &= read_colour(*c, "rule", theme.rule, file, sink);
  }
  if (const toml::table* t = table["text"].as_table()) {
    read_string(*t, "board_title", theme.board_title);
    read_string(*t, "card_title", theme.card_title);
    read_string(*t, "qr_caption", theme.qr_caption);
    read_string(*t, "qr_note", theme.qr_note);
    read_string(*t, "wechat_caption", theme.wechat_caption);
    read_string(*t, "more_events", theme.more_events);
  }
  if (!ok) return std::nullopt;
  return theme;
}

std::string more_events_line(const PrintTheme& theme, int count) {
  std::string line = theme.more_events;
  const std::size_t at = line.find("{n}");
  if (at != std::string::npos) line.replace(at, 3, std::to_string(count));
  return line;
}

namespace {

struct Unref {
  void operator()(void* p) const { g_object_unref(p); }
};

// The family fontconfig actually gives for `family`, and whether it draws 红管家.
std::pair<std::string, bool> resolve_family(PangoFontMap* font_map, const std::string& family) {
  std::unique_ptr<PangoContext, Unref> context(pango_font_map_create_context(font_map));
  std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> desc(
      pango_font_description_new(), pango_font_description_free);
  pango_font_description_set_family(desc.get(), family.c_str());
  pango_font_description_set_absolute_size(desc.get(), 12 * PANGO_SCALE);
  std::unique_ptr<PangoFont, Unref> font(
      pango_font_map_load_font(font_map, context.get(), desc.get()));
  if (!font) return {"", false};
  std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> got(
      pango_font_describe(font.get()), pango_font_description_free);
  const char* name = pango_font_description_get_family(got.get());
  const bool chinese = pango_font_has_char(font.get(), 0x7EA2) &&  // 红
                       pango_font_has_char(font.get(), 0x7BA1) &&  // 管
                       pango_font_has_char(font.get(), 0x5BB6);    // 家
  return {name ? name : "", chinese};
}

}  // namespace

bool check_print_fonts(const PrintTheme& theme, PangoFontMap* font_map, DiagnosticSink& sink) {
  bool ok = true;
  const std::string file =
      theme.source.empty() ? std::string("print theme") : theme.source.string();
  for (const std::string* family : {&theme.sans, &theme.serif}) {
    auto [actual, chinese] = resolve_family(font_map, *family);
    if (g_ascii_strcasecmp(actual.c_str(), family->c_str()) != 0) {
      sink.error(
          {file, 0, 0},
          "font \"" + *family + "\" is not installed" +
              (actual.empty() ? std::string() : " (it would fall back to \"" + actual + "\")") +
              "; install it (fonts-noto-cjk) or name another in [fonts]");
      ok = false;
    } else if (!chinese) {
      sink.error({file, 0, 0}, "font \"" + *family + "\" has no Chinese characters");
      ok = false;
    }
  }
  return ok;
}

}  // namespace hgj::print
