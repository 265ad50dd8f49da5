// Rendered pages and what board and card rendering share: the drawing environment,
// rounded panels, and photos or an initials avatar.
#pragma once

#include <cairo.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "print/board_data.h"
#include "print/image.h"
#include "print/layout.h"
#include "print/print_theme.h"
#include "print/text.h"

namespace hgj::print {

// One laid-out page: `draw` paints it, in points from the paper's top left corner, onto
// the PDF surface directly. (Not through a cairo recording surface: cairo 1.16 never
// frees what a recording painted into a PDF holds, every photo of a board, 0.3 MB.)
// The closure owns what it draws; it may call the RenderEnv's image loader.
struct Page {
  Paper paper;
  std::function<void(cairo_t*)> draw;
};

// The page as an unbounded recording surface, so that whatever would be drawn outside
// the paper shows in its ink extents (for tests and checks, not for output).
SurfacePtr record(const Page& page);

// What rendering needs besides the data. `image` loads a content-relative path (photo
// or WeChat QR); it reports problems itself and returns nullopt when there is no
// usable picture.
struct RenderEnv {
  PangoContext* context = nullptr;
  const PrintTheme* theme = nullptr;
  std::function<std::optional<Image>(const std::string& path)> image;
};

void set_colour(cairo_t* cr, const Colour& c);
void rounded_rect(cairo_t* cr, double x, double y, double w, double h, double r);
// Draws `image` to cover the box (cropping the longer side, centred), clipped to a
// rounded rectangle; `crisp` keeps hard pixel edges (QR codes).
void draw_image_cover(cairo_t* cr, const Image& image, double x, double y, double w, double h,
                      double radius, bool crisp = false);
// A coloured rounded box with the name's first character, for a steward without photo.
void draw_avatar(cairo_t* cr, const RenderEnv& env, const std::string& name, double x, double y,
                 double w, double h, double radius);

}  // namespace hgj::print
