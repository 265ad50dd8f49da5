#include "screenshot.h"

#include <cairo.h>

#include <algorithm>

namespace hgj::kiosk {

namespace {

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// `source` scaled to dw×dh (cairo's GOOD filter averages when shrinking) as PNG bytes.
std::string shrunk_png(cairo_surface_t* source, int w, int h, int dw, int dh, std::string& why) {
  cairo_surface_t* small = cairo_image_surface_create(CAIRO_FORMAT_RGB24, dw, dh);
  cairo_t* cr = cairo_create(small);
  cairo_scale(cr, static_cast<double>(dw) / w, static_cast<double>(dh) / h);
  cairo_set_source_surface(cr, source, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
  cairo_paint(cr);
  cairo_destroy(cr);
  std::string png;
  const cairo_status_t status = cairo_surface_write_to_png_stream(small, append, &png);
  cairo_surface_destroy(small);
  if (status != CAIRO_STATUS_SUCCESS) {
    why = cairo_status_to_string(status);
    return {};
  }
  return png;
}

}  // namespace

std::string screenshot_png(std::vector<unsigned char>& argb, int w, int h, int long_side,
                           std::size_t max_bytes, std::string& why) {
  if (w <= 0 || h <= 0 || argb.size() < static_cast<std::size_t>(w) * h * 4) {
    why = "no frame to read";
    return {};
  }
  cairo_surface_t* source =
      cairo_image_surface_create_for_data(argb.data(), CAIRO_FORMAT_RGB24, w, h, w * 4);
  std::string png;
  for (int side = std::min(long_side, std::max(w, h)); side >= 60; side = side * 3 / 4) {
    const double scale = static_cast<double>(side) / std::max(w, h);
    png = shrunk_png(source, w, h, std::max(1, static_cast<int>(w * scale + 0.5)),
                     std::max(1, static_cast<int>(h * scale + 0.5)), why);
    if (png.empty() || png.size() <= max_bytes) break;
  }
  cairo_surface_destroy(source);
  return png;
}

}  // namespace hgj::kiosk
