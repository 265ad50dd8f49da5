// The look of the printed boards and cards: fonts, colours and fixed wording, read
// from <theme>/print.toml. Every key is optional; the defaults are the default theme's.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hgj/diagnostics.h"

typedef struct _PangoFontMap PangoFontMap;

namespace hgj::print {

struct Colour {
  double r = 0, g = 0, b = 0;
  bool operator==(const Colour&) const = default;
};
// "#RRGGBB" or "#RGB"; nullopt otherwise.
std::optional<Colour> parse_colour(std::string_view text);

struct PrintTheme {
  std::string sans = "Noto Sans CJK SC";                     // body text, phone numbers
  std::string serif = "Noto Serif CJK SC";                   // the board title
  Colour primary{0xC8 / 255.0, 0x10 / 255.0, 0x2E / 255.0};  // header band, phones
  Colour primary_dark{0x8E / 255.0, 0x0F / 255.0, 0x1E / 255.0};
  Colour accent{0xF4 / 255.0, 0xC4 / 255.0, 0x30 / 255.0};  // gold on the band
  Colour text{0.11, 0.11, 0.11};
  Colour muted{0.36, 0.36, 0.36};
  Colour panel{0xFF / 255.0, 0xF6 / 255.0, 0xF0 / 255.0};  // steward cards
  Colour rule{0xE6 / 255.0, 0xC8 / 255.0, 0xBE / 255.0};
  std::string board_title = "楼道红管家公示牌";
  std::string card_title = "红管家联户卡";
  std::string qr_caption = "扫一扫　查看本楼红管家";
  std::string qr_note = "联系方式、事项办理进度、敲门日安排，手机上都能看";
  std::string wechat_caption = "扫码进楼道群";
  // Under a board's events when more cover the building than it lists; {n} is the count.
  std::string more_events = "另有{n}项活动，网站「活动」页上都有";
  std::filesystem::path source;  // the print.toml read, empty for the defaults
  // The theme's strings.toml over the default theme's, as the site reads them
  // (site::Theme::load): every other word the boards and cards print, by the site's keys;
  // only print_string_keys(), so the cut-down fonts hold just what is printed.
  std::map<std::string, std::string> strings;
  // The text of `key`; empty when no strings.toml has it.
  const std::string& word(const std::string& key) const;
};

// The strings.toml keys the boards and cards print.
const std::vector<std::string>& print_string_keys();

// Keeps the print_string_keys() of a theme's strings (site::Theme::strings()).
std::map<std::string, std::string> print_strings(const std::map<std::string, std::string>& all);

// The theme's more_events line for `count` events left off a board.
std::string more_events_line(const PrintTheme& theme, int count);

// Reads <theme_dir>/print.toml, or, when the theme has none, <fallback_dir>/print.toml
// (the default theme's, as for every file a theme lacks); with neither, the built-in
// defaults. A file that cannot be parsed, or a bad colour, is an error with file:line in
// `sink` (nullopt).
std::optional<PrintTheme> load_print_theme(const std::filesystem::path& theme_dir,
                                           const std::filesystem::path& fallback_dir,
                                           DiagnosticSink& sink);

// Checks that each font family of the theme is installed and covers Chinese text
// (fontconfig would silently substitute another). Reports an error naming the family
// and what would be used instead; false when any is missing.
bool check_print_fonts(const PrintTheme& theme, PangoFontMap* font_map, DiagnosticSink& sink);

}  // namespace hgj::print
