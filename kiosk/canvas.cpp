#include "canvas.h"

#include <algorithm>

namespace hgj::kiosk {

Canvas::Canvas(SDL_Renderer* renderer, const std::string& font_family)
    : renderer_(renderer), text_(renderer, font_family, 32u << 20), images_(renderer) {}

void Canvas::begin(int w, int h, int dx, int dy) {
  w_ = w;
  h_ = h;
  dx_ = dx;
  dy_ = dy;
}

void Canvas::clear(Color c) {
  SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_NONE);
  SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, 255);
  SDL_RenderClear(renderer_);
}

void Canvas::clip(const Rect* r) {
  if (!r) {
    SDL_RenderSetClipRect(renderer_, nullptr);
    return;
  }
  const SDL_Rect area = place(*r);
  SDL_RenderSetClipRect(renderer_, &area);
}

void Canvas::fill(const Rect& r, Color c) {
  if (r.w <= 0 || r.h <= 0) return;
  SDL_SetRenderDrawBlendMode(renderer_, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
  SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, c.a);
  const SDL_Rect dst = place(r);
  SDL_RenderFillRect(renderer_, &dst);
}

void Canvas::blit(SDL_Texture* t, const Rect& r, Color c) {
  if (!t) return;
  SDL_SetTextureColorMod(t, c.r, c.g, c.b);
  SDL_SetTextureAlphaMod(t, c.a);
  const SDL_Rect dst = place(r);
  SDL_RenderCopy(renderer_, t, nullptr, &dst);
}

void Canvas::box(const Rect& r, int radius, Color c) {
  if (r.w <= 0 || r.h <= 0) return;
  radius = std::min({radius, r.w / 2, r.h / 2});
  if (radius <= 0) return fill(r, c);
  // Nine pieces: plain fills for the body (cheap, no blending) and the four quarters of
  // one small anti-aliased circle for the corners.
  fill({r.x + radius, r.y, r.w - 2 * radius, r.h}, c);
  fill({r.x, r.y + radius, radius, r.h - 2 * radius}, c);
  fill({r.right() - radius, r.y + radius, radius, r.h - 2 * radius}, c);
  SDL_Texture* circle = images_.shape(2 * radius, 2 * radius, radius);
  if (!circle) return;
  SDL_SetTextureColorMod(circle, c.r, c.g, c.b);
  SDL_SetTextureAlphaMod(circle, c.a);
  const int d = radius;
  const SDL_Rect src[4] = {{0, 0, d, d}, {d, 0, d, d}, {0, d, d, d}, {d, d, d, d}};
  const Rect dst[4] = {{r.x, r.y, d, d},
                       {r.right() - d, r.y, d, d},
                       {r.x, r.bottom() - d, d, d},
                       {r.right() - d, r.bottom() - d, d, d}};
  for (int i = 0; i < 4; ++i) {
    const SDL_Rect to = place(dst[i]);
    SDL_RenderCopy(renderer_, circle, &src[i], &to);
  }
}

Size Canvas::text(const std::string& s, const TextStyle& style, int x, int y, Color c) {
  const CachedTexture& t = text_.get(s, style);
  blit(t.texture, Rect{x + t.ox, y + t.oy, t.width, t.height}, c);
  return Size{t.logical_w, t.logical_h};
}

Size Canvas::measure(const std::string& s, const TextStyle& style) {
  const CachedTexture& t = text_.get(s, style);
  return Size{t.logical_w, t.logical_h};
}

bool Canvas::photo(const std::string& path, const Rect& r, int radius) {
  SDL_Texture* t = images_.photo(path, r.w, r.h, radius);
  if (!t) return false;
  blit(t, r, Color{255, 255, 255, 255});
  return true;
}

void Canvas::qr(const std::string& text, const Rect& r) {
  blit(images_.qr(text, r.w), r, Color{255, 255, 255, 255});
}

}  // namespace hgj::kiosk
