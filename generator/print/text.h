// Text on the page through Pango: Chinese line breaking, measured before it is drawn.
// Sizes are points; the Pango context must be one from make_print_context() (72 dpi,
// no hinting, so what is measured is what lands in the PDF).
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>
#include <string_view>

#include "print/print_theme.h"

namespace hgj::print {

struct GObjectUnref {
  void operator()(void* p) const { g_object_unref(p); }
};
struct ContextUnref {
  void operator()(PangoContext* context) const;
};
using ContextPtr = std::unique_ptr<PangoContext, ContextUnref>;
using FontMapPtr = std::unique_ptr<PangoFontMap, GObjectUnref>;

// A fresh font map (one per thread: Pango's font maps are not shared across threads)
// and a context on it set up for PDF output. The context keeps the layouts made on it
// (see Text), so it belongs to one thread too. Text that the font map's fonts cannot show
// is laid out on `fallback` instead (which must outlive the context), when given.
FontMapPtr make_font_map();
ContextPtr make_print_context(PangoFontMap* font_map, PangoContext* fallback = nullptr);

struct TextStyle {
  const std::string* family = nullptr;
  double size = 12;
  bool bold = false;
  Colour colour;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  double line_spacing = 1.3;  // of the font's line height; 0 leaves Pango's
  double letter_spacing = 0;  // points
};

// A laid-out piece of text. Copies share the layout, and so do Texts made on the same
// print context with the same text, style (colour aside) and width: it is laid out once.
class Text {
 public:
  Text() = default;
  // Wraps at `width` (Chinese rules: between characters, never before "，"); a width
  // of 0 or less never wraps — phone numbers and ids use that.
  Text(PangoContext* context, std::string_view text, const TextStyle& style, double width);

  double width() const { return width_; }    // the widest line, logical
  double height() const { return height_; }  // all lines, logical
  int lines() const { return lines_; }
  bool empty() const { return !layout_; }
  // Draws with the top-left of the layout box at (x, y).
  void draw(cairo_t* cr, double x, double y) const;

 private:
  std::shared_ptr<PangoLayout> layout_;
  Colour colour_;
  double width_ = 0, height_ = 0, box_width_ = 0;
  PangoAlignment align_ = PANGO_ALIGN_LEFT;
  int lines_ = 0;
};

// The first character of a name (a Chinese surname), for the initials avatar.
std::string first_character(std::string_view utf8);

}  // namespace hgj::print
