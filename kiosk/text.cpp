#include "text.h"

#include <pango/pangocairo.h>
#include <strings.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

namespace hgj::kiosk {

namespace {

// The families tried after the configured one, so a box without Noto still shows
// Chinese rather than boxes.
constexpr const char* fallback_families =
    "Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Zen Hei, WenQuanYi Micro Hei, "
    "Droid Sans Fallback, sans-serif";

bool family_installed(PangoContext* context, const std::string& family) {
  PangoFontFamily** families = nullptr;
  int n = 0;
  pango_font_map_list_families(pango_context_get_font_map(context), &families, &n);
  bool found = false;
  for (int i = 0; i < n && !found; ++i) {
    found = strcasecmp(pango_font_family_get_name(families[i]), family.c_str()) == 0;
  }
  g_free(families);
  return found;
}

std::string cache_key(const std::string& text, const TextStyle& s) {
  char head[96];
  std::snprintf(head, sizeof head, "%d|%d|%d|%d|%d|%d|%.2f|", s.px, s.bold, s.width, s.max_lines,
                s.wrap, static_cast<int>(s.align), s.line_spacing);
  return head + text;
}

// Pango counts a negative height per paragraph, so text of several paragraphs could run
// to max_lines lines each. Such text is cut after its first max_lines lines and ends in …
// (a character or two less when … would not fit on the last line): the reader sees there
// is more.
void hold_to_lines(PangoLayout* layout, const std::string& text, int max_lines) {
  PangoLayoutIter* line = pango_layout_get_iter(layout);
  for (int i = 1; i < max_lines; ++i) pango_layout_iter_next_line(line);
  const PangoLayoutLine* last = pango_layout_iter_get_line_readonly(line);
  std::string kept = text.substr(0, static_cast<std::size_t>(last->start_index + last->length));
  pango_layout_iter_free(line);
  for (int tries = 0; tries < 8; ++tries) {
    while (!kept.empty() && (kept.back() == '\n' || kept.back() == '\r' || kept.back() == ' '))
      kept.pop_back();
    const std::string shown = kept + "…";
    pango_layout_set_text(layout, shown.data(), static_cast<int>(shown.size()));
    if (pango_layout_get_line_count(layout) <= max_lines || kept.empty()) return;
    // One UTF-8 character off: its continuation bytes, then its first byte.
    while (!kept.empty() && (static_cast<unsigned char>(kept.back()) & 0xC0) == 0x80)
      kept.pop_back();
    if (!kept.empty()) kept.pop_back();
  }
}

}  // namespace

void TextRenderer::log_failure(const char* what, const char* why, int w, int h) {
  // Once per run: a text that cannot be drawn would otherwise be reported every frame.
  if (failure_logged_) return;
  failure_logged_ = true;
  std::fprintf(stderr, "hgj-kiosk: a %dx%d text cannot be drawn (%s: %s); it is left out\n", w, h,
               what, why);
}

std::string unbreakable(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == ' ')
      out += "\u00A0";
    else if (c == '-')
      out += "-\u2060";
    else
      out += c;
  }
  return out;
}

TextRenderer::TextRenderer(SDL_Renderer* renderer, const std::string& family,
                           std::size_t budget_bytes)
    : renderer_(renderer), cache_(budget_bytes) {
  SDL_RendererInfo info;
  if (SDL_GetRendererInfo(renderer, &info) == 0) {
    for (int limit : {info.max_texture_width, info.max_texture_height})
      if (limit > 0) max_side_ = std::min(max_side_, limit);
  }
  context_ = pango_font_map_create_context(pango_cairo_font_map_get_default());
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options(context_, options);
  cairo_font_options_destroy(options);
  set_family(family);
}

TextRenderer::~TextRenderer() {
  cache_.clear();
  if (context_) g_object_unref(context_);
}

void TextRenderer::set_family(const std::string& family) {
  if (family == family_ && !family_list_.empty()) return;
  family_ = family;
  family_available_ = family_installed(context_, family);
  if (!family_available_)
    std::fprintf(stderr, "hgj-kiosk: font \"%s\" is not installed; using a fallback (%s)\n",
                 family.c_str(), fallback_families);
  family_list_ = family + ", " + fallback_families;
  cache_.clear();
}

PangoLayout* TextRenderer::layout_for(const std::string& text, const TextStyle& style) {
  PangoLayout* layout = pango_layout_new(context_);
  PangoFontDescription* font = pango_font_description_from_string(family_list_.c_str());
  pango_font_description_set_absolute_size(font, std::max(1, style.px) * PANGO_SCALE);
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout, font);
  pango_font_description_free(font);
  pango_layout_set_line_spacing(layout, static_cast<float>(style.line_spacing));
  // Every layout has a box, so no text from a bundle makes a surface cairo cannot
  // allocate: a caller without a width gets one line as wide as a texture may be.
  const int width = style.width > 0 ? std::min(style.width, max_side_) : max_side_;
  pango_layout_set_width(layout, width * PANGO_SCALE);
  pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
  if (style.width <= 0 || !style.wrap) {
    pango_layout_set_height(layout, -1);
  } else {
    // WORD_CHAR breaks Chinese between characters (UAX #14) and keeps a phone number glued
    // by unbreakable() whole on its line; only a run wider than the whole box is broken
    // between characters, rather than drawn past the box's edge.
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_height(layout,
                            style.max_lines > 0 ? -style.max_lines : max_side_ * PANGO_SCALE);
  }
  // Without a width of its own the text has nothing to be centred in.
  switch (style.width > 0 ? style.align : Align::left) {
    case Align::left:
      pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT);
      break;
    case Align::center:
      pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
      break;
    case Align::right:
      pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT);
      break;
  }
  pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
  if (style.width > 0 && style.wrap && style.max_lines > 0 &&
      pango_layout_get_line_count(layout) > style.max_lines)
    hold_to_lines(layout, text, style.max_lines);
  return layout;
}

CachedTexture TextRenderer::render(const std::string& text, const TextStyle& style) {
  CachedTexture out;
  if (text.empty()) return out;
  PangoLayout* layout = layout_for(text, style);
  PangoRectangle ink, logical;
  pango_layout_get_pixel_extents(layout, &ink, &logical);
  // With a width, Pango aligns inside [0, width): keep that box so centring works.
  const int box_w = style.width > 0 ? std::min(style.width, max_side_) : logical.width;
  const int x0 = std::min({0, ink.x, logical.x});
  const int y0 = std::min({0, ink.y, logical.y});
  const int x1 = std::max({box_w, ink.x + ink.width, logical.x + logical.width});
  const int y1 = std::max({logical.y + logical.height, ink.y + ink.height});
  // Overhanging glyphs may reach a little past the box; never past what a texture holds.
  const int w = std::clamp(x1 - x0, 1, max_side_), h = std::clamp(y1 - y0, 1, max_side_);

  // A surface cairo cannot make is an error surface without pixels: draw nothing then.
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS ||
      !cairo_image_surface_get_data(surface)) {
    log_failure("cairo", cairo_status_to_string(cairo_surface_status(surface)), w, h);
    cairo_surface_destroy(surface);
    g_object_unref(layout);
    return out;
  }
  cairo_t* cr = cairo_create(surface);
  cairo_translate(cr, -x0, -y0);
  cairo_set_source_rgb(cr, 1, 1, 1);
  pango_cairo_show_layout(cr, layout);
  const cairo_status_t drawn = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  g_object_unref(layout);
  if (drawn != CAIRO_STATUS_SUCCESS) {
    log_failure("cairo", cairo_status_to_string(drawn), w, h);
    cairo_surface_destroy(surface);
    return out;
  }

  // White, premultiplied: alpha alone carries the glyphs. SDL blends straight alpha
  // (its software renderer has no premultiplied mode), so rebuild white + alpha.
  const int stride = cairo_image_surface_get_stride(surface);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  std::vector<Uint32> pixels(static_cast<std::size_t>(w) * h);
  for (int y = 0; y < h; ++y) {
    const Uint32* row =
        reinterpret_cast<const Uint32*>(data + static_cast<std::size_t>(y) * stride);
    for (int x = 0; x < w; ++x)
      pixels[static_cast<std::size_t>(y) * w + x] = (row[x] & 0xFF000000u) | 0x00FFFFFFu;
  }
  cairo_surface_destroy(surface);

  out.texture =
      SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, w, h);
  if (out.texture && SDL_UpdateTexture(out.texture, nullptr, pixels.data(), w * 4) != 0) {
    SDL_DestroyTexture(out.texture);
    out.texture = nullptr;
  }
  if (!out.texture) {
    log_failure("SDL", SDL_GetError(), w, h);
    return out;
  }
  SDL_SetTextureBlendMode(out.texture, SDL_BLENDMODE_BLEND);
  out.width = w;
  out.height = h;
  out.ox = x0;
  out.oy = y0;
  out.logical_w = style.width > 0 && style.align != Align::left ? box_w : logical.x + logical.width;
  out.logical_h = logical.y + logical.height;
  return out;
}

const CachedTexture& TextRenderer::get(const std::string& text, const TextStyle& style) {
  const std::string key = cache_key(text, style);
  if (const CachedTexture* hit = cache_.find(key)) return *hit;
  return cache_.put(key, render(text, style));
}

int TextRenderer::fit_px(const std::string& text, TextStyle style, int max_width, int min_px) {
  int px = style.px;
  while (px > min_px) {
    style.px = px;
    if (fits(text, style, max_width)) return px;
    px = std::max(min_px, px * 92 / 100);
  }
  return min_px;
}

bool TextRenderer::fits(const std::string& text, TextStyle style, int max_width) {
  style.width = -1;
  style.max_lines = 0;
  PangoLayout* layout = layout_for(text, style);
  // Measured before ellipsizing: a text longer than the layout's box does not fit.
  const bool ellipsized = pango_layout_is_ellipsized(layout);
  int w = 0, h = 0;
  pango_layout_get_pixel_size(layout, &w, &h);
  g_object_unref(layout);
  return !ellipsized && w <= max_width;
}

}  // namespace hgj::kiosk
