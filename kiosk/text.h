// Text through Pango and Cairo into SDL textures: real Chinese line breaking, one-line
// layouts that never wrap (phone numbers), cached by (text, font, size, width, …).
// Textures are white on transparent; the caller tints them with SDL_SetTextureColorMod.
#pragma once

#include <SDL.h>

#include <string>

#include "texture_cache.h"

typedef struct _PangoContext PangoContext;
typedef struct _PangoLayout PangoLayout;

namespace hgj::kiosk {

enum class Align { left, center, right };

// Text is always laid out inside a box: wrapped at `width`, ellipsized with … after
// `max_lines`; without a width, one line ellipsized at the largest texture side.
struct TextStyle {
  int px = 40;  // font size in pixels (absolute)
  bool bold = false;
  int width = -1;  // wrap (or ellipsize) width in pixels; -1: one line, as wide as a texture may be
  int max_lines = 0;  // with width: ellipsize after this many lines; 0: up to a texture's height
  bool wrap = true;   // false with a width: one line, ellipsized at the width
  Align align = Align::left;
  double line_spacing = 1.3;
};

class TextRenderer {
 public:
  // `family` may list fallbacks ("Noto Sans CJK SC, sans-serif"). Logs once to stderr
  // when the first family is not installed and Pango falls back.
  TextRenderer(SDL_Renderer* renderer, const std::string& family,
               std::size_t budget_bytes = 64u << 20);
  ~TextRenderer();
  TextRenderer(const TextRenderer&) = delete;
  TextRenderer& operator=(const TextRenderer&) = delete;

  // The rendered text; `texture` is null for empty text, and for text cairo or SDL could
  // not draw (logged once), which then takes no room.
  const CachedTexture& get(const std::string& text, const TextStyle& style);
  // The largest px ≤ style.px (down to min_px) at which `text` fits on one line in
  // max_width; min_px when even that does not fit.
  int fit_px(const std::string& text, TextStyle style, int max_width, int min_px);
  // True when `text` at style.px fits on one line in max_width.
  bool fits(const std::string& text, TextStyle style, int max_width);

  void set_family(const std::string& family);
  const std::string& family() const { return family_; }
  bool family_available() const { return family_available_; }
  void clear() { cache_.clear(); }
  std::size_t bytes() const { return cache_.bytes(); }
  std::size_t entries() const { return cache_.size(); }

 private:
  PangoLayout* layout_for(const std::string& text, const TextStyle& style);
  CachedTexture render(const std::string& text, const TextStyle& style);
  void log_failure(const char* what, const char* why, int w, int h);

  SDL_Renderer* renderer_;
  std::string family_;       // what was asked for
  std::string family_list_;  // what Pango gets, with fallbacks
  bool family_available_ = true;
  int max_side_ =
      4096;  // the largest text texture: a 4K screen's width, within the renderer's limit
  bool failure_logged_ = false;
  PangoContext* context_ = nullptr;
  TextureLru cache_;
};

// A phone number as text that never breaks across lines: spaces become no-break spaces
// and a word joiner follows each hyphen.
std::string unbreakable(const std::string& text);

}  // namespace hgj::kiosk
