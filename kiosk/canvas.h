// What the scene drawing code draws on: a logical canvas (before rotation) with
// filled and rounded boxes, cached text, photos and QR codes, and a burn-in shift
// applied to everything but the background.
#pragma once

#include <SDL.h>

#include <string>

#include "config.h"
#include "images.h"
#include "text.h"

namespace hgj::kiosk {

struct Rect {
  int x = 0, y = 0, w = 0, h = 0;
  int right() const { return x + w; }
  int bottom() const { return y + h; }
  bool contains(int px, int py) const { return px >= x && py >= y && px < x + w && py < y + h; }
  Rect inset(int d) const { return {x + d, y + d, w - 2 * d, h - 2 * d}; }
};

struct Size {
  int w = 0, h = 0;
};

class Canvas {
 public:
  Canvas(SDL_Renderer* renderer, const std::string& font_family);

  // Starts a frame of w×h logical pixels, every element moved by (dx, dy).
  void begin(int w, int h, int dx, int dy);
  int width() const { return w_; }
  int height() const { return h_; }

  void clear(Color c);  // the whole canvas, not shifted
  void fill(const Rect& r, Color c);
  // Draws only inside `r` (shifted like everything else) until clip(nullptr): a card
  // taller than its whole page is cut at its box, never drawn over its neighbours.
  void clip(const Rect* r);
  void box(const Rect& r, int radius, Color c);
  // Draws text with its logical top-left at (x, y); returns the logical size.
  Size text(const std::string& s, const TextStyle& style, int x, int y, Color c);
  Size measure(const std::string& s, const TextStyle& style);
  // A photo filling r, or false when it cannot be shown.
  bool photo(const std::string& path, const Rect& r, int radius);
  void qr(const std::string& text, const Rect& r);

  TextRenderer& texts() { return text_; }
  ImageCache& images() { return images_; }
  SDL_Renderer* renderer() const { return renderer_; }

 private:
  SDL_Rect place(const Rect& r) const { return SDL_Rect{r.x + dx_, r.y + dy_, r.w, r.h}; }
  void blit(SDL_Texture* t, const Rect& r, Color c);

  SDL_Renderer* renderer_;
  TextRenderer text_;
  ImageCache images_;
  int w_ = 0, h_ = 0, dx_ = 0, dy_ = 0;
};

}  // namespace hgj::kiosk
