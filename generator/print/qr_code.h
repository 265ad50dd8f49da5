// QR codes as vector graphics: libqrencode's module matrix drawn as cairo paths (each
// run of dark modules one line a module thick), so the code stays sharp at any size.
#pragma once

#include <cairo.h>

#include <optional>
#include <string>
#include <vector>

#include "print/print_theme.h"

namespace hgj::print {

// The module matrix of a QR code (error correction level M), row-major, true = dark.
struct QrMatrix {
  int size = 0;  // modules per side, without the quiet zone
  std::vector<bool> dark;
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y) * size + x]; }

  // Calls run(row, first column, length) for each horizontal run of dark modules, row by
  // row: drawn as one mark each, a code has a small content stream and no hairline seams
  // between neighbouring modules (the PDF's and the HTML view's).
  template <class Run>
  void for_each_dark_run(Run&& run) const {
    for (int row = 0; row < size; ++row) {
      for (int col = 0; col < size;) {
        if (!at(col, row)) {
          ++col;
          continue;
        }
        int end = col;
        while (end < size && at(end, row)) ++end;
        run(row, col, end - col);
        col = end;
      }
    }
  }
};
// nullopt when the text is too long for any QR version.
std::optional<QrMatrix> encode_qr(const std::string& text);

// Draws `qr` filling the square (x, y, side) including a white quiet zone of four
// modules, dark modules in `colour`.
void draw_qr(cairo_t* cr, const QrMatrix& qr, double x, double y, double side,
             const Colour& colour);

}  // namespace hgj::print
