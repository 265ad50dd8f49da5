#include "images.h"

#include <qrencode.h>
#include <vips/vips.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <set>
#include <vector>

#include "hgj/initials.h"

namespace hgj::kiosk {

namespace {

// Coverage of pixel (x, y) by a rounded box w×h with radius r, for smooth corners.
float rounded_coverage(int x, int y, int w, int h, int r) {
  if (r <= 0) return 1.0f;
  const float cx = x + 0.5f, cy = y + 0.5f;
  const float kx = std::clamp(cx, static_cast<float>(r), static_cast<float>(w - r));
  const float ky = std::clamp(cy, static_cast<float>(r), static_cast<float>(h - r));
  const float d = std::hypot(cx - kx, cy - ky);
  return std::clamp(r - d + 0.5f, 0.0f, 1.0f);
}

// The pixels as a texture, or null when SDL cannot make or fill one (too large for the
// renderer, out of memory): the caller then draws nothing there.
SDL_Texture* upload(SDL_Renderer* renderer, const std::vector<Uint32>& argb, int w, int h) {
  SDL_Texture* t =
      SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, w, h);
  if (!t) return nullptr;
  if (SDL_UpdateTexture(t, nullptr, argb.data(), w * 4) != 0) {
    SDL_DestroyTexture(t);
    return nullptr;
  }
  SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
  return t;
}

void start_vips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (vips_init("hgj-kiosk") == 0) {
      // Nothing to gain from libvips' operation cache here; it only holds memory.
      vips_cache_set_max(0);
      vips_concurrency_set(1);
    }
  });
}

// Decodes, crops to fill and scales `path` to w×h RGBA; empty on failure.
std::vector<unsigned char> decode_cover(const std::string& path, int w, int h, std::string& why) {
  start_vips();
  std::vector<unsigned char> rgba;
  VipsImage* thumb = nullptr;
  if (vips_thumbnail(path.c_str(), &thumb, w, "height", h, "crop", VIPS_INTERESTING_CENTRE, "size",
                     VIPS_SIZE_FORCE, nullptr) != 0) {
    why = vips_error_buffer();
    vips_error_clear();
    return rgba;
  }
  VipsImage* srgb = nullptr;
  VipsImage* with_alpha = nullptr;
  VipsImage* bytes = nullptr;
  if (vips_colourspace(thumb, &srgb, VIPS_INTERPRETATION_sRGB, nullptr) == 0 &&
      (vips_image_hasalpha(srgb) ? (with_alpha = srgb, g_object_ref(srgb), 0)
                                 : vips_addalpha(srgb, &with_alpha, nullptr)) == 0 &&
      vips_cast_uchar(with_alpha, &bytes, nullptr) == 0 && bytes->Xsize == w && bytes->Ysize == h &&
      bytes->Bands == 4) {
    size_t size = 0;
    void* mem = vips_image_write_to_memory(bytes, &size);
    if (mem && size == static_cast<size_t>(w) * h * 4) {
      const auto* p = static_cast<const unsigned char*>(mem);
      rgba.assign(p, p + size);
    }
    g_free(mem);
  } else {
    why = vips_error_buffer();
    vips_error_clear();
  }
  for (VipsImage* i : {thumb, srgb, with_alpha, bytes}) {
    if (i) g_object_unref(i);
  }
  return rgba;
}

}  // namespace

std::string avatar_text(const std::string& name) {
  const std::string text = initials(name);  // the site's and the boards' rule (hgj/initials.h)
  return text.empty() ? "?" : text;
}

SDL_Texture* ImageCache::photo(const std::string& path, int w, int h, int r) {
  if (path.empty() || w <= 0 || h <= 0) return nullptr;
  const std::string key =
      "photo|" + path + "|" + std::to_string(w) + "x" + std::to_string(h) + "|" + std::to_string(r);
  if (const CachedTexture* hit = cache_.find(key)) return hit->texture;
  std::string why;
  std::vector<unsigned char> rgba;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    why = "no such file";
  else
    rgba = decode_cover(path, w, h, why);
  CachedTexture value;
  if (rgba.empty()) {
    static std::set<std::string> logged;
    if (logged.insert(path).second)
      std::fprintf(stderr, "hgj-kiosk: photo %s: cannot be shown (%s); showing initials instead\n",
                   path.c_str(), why.empty() ? "not an image" : why.c_str());
  } else {
    std::vector<Uint32> argb(static_cast<std::size_t>(w) * h);
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        const unsigned char* p = &rgba[(static_cast<std::size_t>(y) * w + x) * 4];
        const auto a = static_cast<Uint32>(p[3] * rounded_coverage(x, y, w, h, r));
        argb[static_cast<std::size_t>(y) * w + x] =
            (a << 24) | (Uint32{p[0]} << 16) | (Uint32{p[1]} << 8) | p[2];
      }
    }
    value.texture = upload(renderer_, argb, w, h);
    value.width = value.logical_w = w;
    value.height = value.logical_h = h;
  }
  return cache_.put(key, value).texture;
}

SDL_Texture* ImageCache::qr(const std::string& text, int size) {
  if (text.empty() || size <= 0) return nullptr;
  const std::string key = "qr|" + std::to_string(size) + "|" + text;
  if (const CachedTexture* hit = cache_.find(key)) return hit->texture;
  CachedTexture value;
  if (QRcode* code = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1)) {
    const int quiet = 2;  // modules of white margin inside the square (the card around adds more)
    const int modules = code->width + 2 * quiet;
    std::vector<Uint32> argb(static_cast<std::size_t>(size) * size, 0xFFFFFFFFu);
    // Nearest-module sampling keeps edges sharp at any pixel size.
    for (int y = 0; y < size; ++y) {
      const int my = y * modules / size - quiet;
      for (int x = 0; x < size; ++x) {
        const int mx = x * modules / size - quiet;
        if (mx >= 0 && my >= 0 && mx < code->width && my < code->width &&
            (code->data[my * code->width + mx] & 1))
          argb[static_cast<std::size_t>(y) * size + x] = 0xFF000000u;
      }
    }
    QRcode_free(code);
    value.texture = upload(renderer_, argb, size, size);
    value.width = value.height = value.logical_w = value.logical_h = size;
  }
  return cache_.put(key, value).texture;
}

SDL_Texture* ImageCache::shape(int w, int h, int r) {
  if (w <= 0 || h <= 0) return nullptr;
  r = std::min({r, w / 2, h / 2});
  const std::string key =
      "shape|" + std::to_string(w) + "x" + std::to_string(h) + "|" + std::to_string(r);
  if (const CachedTexture* hit = cache_.find(key)) return hit->texture;
  std::vector<Uint32> argb(static_cast<std::size_t>(w) * h);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const auto a = static_cast<Uint32>(255.0f * rounded_coverage(x, y, w, h, r) + 0.5f);
      argb[static_cast<std::size_t>(y) * w + x] = (a << 24) | 0x00FFFFFFu;
    }
  }
  CachedTexture value;
  value.texture = upload(renderer_, argb, w, h);
  value.width = value.logical_w = w;
  value.height = value.logical_h = h;
  return cache_.put(key, value).texture;
}

}  // namespace hgj::kiosk
