// The 公示牌 as one self-contained HTML page, for printing from a browser: the theme's
// templates/print_board.mustache with assets/print.css inlined (its @page rules size
// the paper); photos, WeChat QR images and the building's QR code (SVG, vector) come
// from the folder beside it (img/). Nothing is loaded from anywhere else; every content
// string is escaped.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "print/board_data.h"
#include "print/layout.h"
#include "print/print_theme.h"
#include "print/qr_code.h"

namespace hgj::site {
class Theme;
class TemplateSet;
}  // namespace hgj::site

namespace hgj::print {

// The template every theme provides (or inherits from the default theme).
inline constexpr const char* board_html_template = "print_board";
// The stylesheet inlined into every view, under the theme's assets/.
inline constexpr const char* board_html_stylesheet = "print.css";

// A picture for the page: its URL relative to the page, empty when there is none (the
// page then shows the initials avatar, or no WeChat QR).
using PictureUrl = std::function<std::string(const std::string& content_path)>;

// Renders board views for one thread (templates are parsed once per renderer).
class BoardHtml {
 public:
  // REQUIRES: `theme` has the template `board_html_template`; `stylesheet` is the text
  // of its print.css. Both, and `print_theme`, outlive the renderer.
  BoardHtml(const site::Theme& theme, const std::string& stylesheet, const PrintTheme& print_theme,
            const Paper& paper);
  ~BoardHtml();

  // The page for `data`; on a template error returns empty and sets `error`.
  std::string render(const BoardData& data, const PictureUrl& picture, std::string& error) const;

 private:
  const site::Theme& theme_;
  const std::string& stylesheet_;
  const PrintTheme& print_theme_;
  Paper paper_;
  std::unique_ptr<site::TemplateSet> templates_;
};

// An SVG file drawing `qr` with a four-module quiet zone, one path of dark runs in
// `colour` ("#rrggbb"); `label` becomes its accessible name (escaped here).
std::string qr_svg(const QrMatrix& qr, const std::string& colour, const std::string& label);

// The building's QR code: the SVG file's name beside the views, and its text (empty
// when the URL is too long for a QR code).
std::string qr_file_name(const BoardData& data);
std::string board_qr_svg(const BoardData& data, const PrintTheme& print_theme);

// The file name a picture gets beside the views: its content path with "/" as "-" and
// anything but [A-Za-z0-9._-] as "_" ("photos/HF-001.jpg" → "photos-HF-001.jpg").
std::string picture_file_name(const std::string& content_path);

// "#c8102e"
std::string colour_hex(const Colour& c);

}  // namespace hgj::print
