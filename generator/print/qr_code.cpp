#include "print/qr_code.h"

#include <qrencode.h>

#include <memory>

namespace hgj::print {

std::optional<QrMatrix> encode_qr(const std::string& text) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M), QRcode_free);
  if (!code) return std::nullopt;
  QrMatrix qr;
  qr.size = code->width;
  qr.dark.resize(static_cast<std::size_t>(qr.size) * qr.size);
  for (std::size_t i = 0; i < qr.dark.size(); ++i) qr.dark[i] = (code->data[i] & 1) != 0;
  return qr;
}

void draw_qr(cairo_t* cr, const QrMatrix& qr, double x, double y, double side, const Colour& colour) {
  constexpr int quiet = 4;
  const double module = side / (qr.size + 2 * quiet);
  cairo_save(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, side, side);
  cairo_fill(cr);
  // All the runs filled at once.
  qr.for_each_dark_run([&](int row, int col, int length) {
    cairo_rectangle(cr, x + (quiet + col) * module, y + (quiet + row) * module, length * module, module);
  });
  cairo_set_source_rgb(cr, colour.r, colour.g, colour.b);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
  cairo_fill(cr);
  cairo_restore(cr);
}

}  // namespace hgj::print
