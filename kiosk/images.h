// Pictures as SDL textures: steward photos (JPEG/PNG via libvips, cropped to fill and
// rounded), QR codes (libqrencode) and filled shapes (rounded boxes, circles) that
// SDL cannot draw itself. Each is cached by what it shows and its pixel size.
#pragma once

#include <SDL.h>

#include <string>

#include "texture_cache.h"

namespace hgj::kiosk {

class ImageCache {
 public:
  explicit ImageCache(SDL_Renderer* renderer, std::size_t budget_bytes = 96u << 20)
      : renderer_(renderer), cache_(budget_bytes) {}

  // The photo at `path`, scaled and centre-cropped to w×h with corner radius r (r ≥
  // min(w,h)/2 gives a circle). nullptr when the file is missing or not an image: the
  // caller draws an initials avatar instead. A failure is logged once per path.
  SDL_Texture* photo(const std::string& path, int w, int h, int r);
  // `text` as a QR code (error correction M) in a `size`-pixel square with a white
  // quiet zone; nullptr when it cannot be encoded.
  SDL_Texture* qr(const std::string& text, int size);
  // A white rounded box (or circle) w×h, radius r; tint with SDL_SetTextureColorMod.
  SDL_Texture* shape(int w, int h, int r);

  void clear() { cache_.clear(); }
  std::size_t bytes() const { return cache_.bytes(); }

 private:
  SDL_Renderer* renderer_;
  TextureLru cache_;
};

// The characters of a name an avatar shows: the given name of a three-character
// Chinese name (王建华 → 建华), two-character names whole, else the first letters.
std::string avatar_text(const std::string& name);

}  // namespace hgj::kiosk
