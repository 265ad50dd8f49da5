#include "print/page.h"

#include <algorithm>
#include <cmath>

#include "hgj/initials.h"

namespace hgj::print {

SurfacePtr record(const Page& page) {
  SurfacePtr recording(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr),
                       cairo_surface_destroy);
  cairo_t* cr = cairo_create(recording.get());
  page.draw(cr);
  cairo_destroy(cr);
  return recording;
}

void set_colour(cairo_t* cr, const Colour& c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

void rounded_rect(cairo_t* cr, double x, double y, double w, double h, double r) {
  r = std::min({r, w / 2, h / 2});
  cairo_new_sub_path(cr);
  cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
  cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
  cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
  cairo_arc(cr, x + r, y + r, r, M_PI, 3 * M_PI / 2);
  cairo_close_path(cr);
}

void draw_image_cover(cairo_t* cr, const Image& image, double x, double y, double w, double h,
                      double radius, bool crisp) {
  const double scale = std::max(w / image.width, h / image.height);
  const double dx = x + (w - image.width * scale) / 2;
  const double dy = y + (h - image.height * scale) / 2;
  cairo_save(cr);
  rounded_rect(cr, x, y, w, h, radius);
  cairo_clip(cr);
  cairo_translate(cr, dx, dy);
  cairo_scale(cr, scale, scale);
  cairo_set_source_surface(cr, image.surface.get(), 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), crisp ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
  cairo_paint(cr);
  cairo_restore(cr);
}

void draw_avatar(cairo_t* cr, const RenderEnv& env, const std::string& name, double x, double y,
                 double w, double h, double radius) {
  const PrintTheme& theme = *env.theme;
  cairo_save(cr);
  rounded_rect(cr, x, y, w, h, radius);
  set_colour(cr, theme.primary);
  cairo_fill(cr);
  // The site's and the kiosk's initials (hgj/initials.h): two characters take a smaller size.
  const std::string text = initials(name);
  const bool one = text.size() <= 1 || first_character(text).size() == text.size();
  TextStyle style{&theme.serif, w * (one ? 0.5 : 0.34), true, {1, 1, 1}};
  style.line_spacing = 0;
  Text initial(env.context, text, style, 0);
  initial.draw(cr, x + (w - initial.width()) / 2, y + (h - initial.height()) / 2);
  cairo_restore(cr);
}

}  // namespace hgj::print
