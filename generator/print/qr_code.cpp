#include "print/qr_code.h"

#include <qrencode.h>

#include <memory>

namespace hgj::print {

namespace {

std::optional<QrMatrix> encode(const std::string& text) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M), QRcode_free);
  if (!code) return std::nullopt;
  QrMatrix qr;
  qr.size = code->width;
  qr.dark.resize(static_cast<std::size_t>(qr.size) * qr.size);
  for (std::size_t i = 0; i < qr.dark.size(); ++i) qr.dark[i] = (code->data[i] & 1) != 0;
  return qr;
}

}  // namespace

std::optional<QrMatrix> encode_qr(const std::string& text) {
  // A building's board, cards and HTML view each ask for the same code, one after the
  // other on one thread, and choosing the mask costs more than drawing: the last code
  // made on the thread is kept.
  thread_local std::optional<std::string> last_text;
  thread_local std::optional<QrMatrix> last;
  if (last_text != text) {
    last = encode(text);
    last_text = text;
  }
  return last;
}

void draw_qr(cairo_t* cr, const QrMatrix& qr, double x, double y, double side,
             const Colour& colour) {
  constexpr int quiet = 4;
  cairo_save(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, side, side);
  cairo_fill(cr);
  // In module units each run is a one-module-wide line along its row's middle: the PDF
  // gets two short numbers a point ("4 5.5 m 7 5.5 l") where filled rectangles took
  // eight long ones, a third of the bytes to format and compress, the same marks.
  cairo_translate(cr, x, y);
  cairo_scale(cr, side / (qr.size + 2 * quiet), side / (qr.size + 2 * quiet));
  qr.for_each_dark_run([&](int row, int col, int length) {
    cairo_move_to(cr, quiet + col, quiet + row + 0.5);
    cairo_rel_line_to(cr, length, 0);
  });
  cairo_set_source_rgb(cr, colour.r, colour.g, colour.b);
  cairo_set_line_width(cr, 1);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
  cairo_stroke(cr);
  cairo_restore(cr);
}

}  // namespace hgj::print
