#include "text.h"

#include <pango/pangocairo.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <strings.h>
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

}  // namespace

std::string unbreakable(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == ' ') out += "\u00A0";
    else if (c == '-') out += "-\u2060";
    else out += c;
  }
  return out;
}

TextRenderer::TextRenderer(SDL_Renderer* renderer, const std::string& family, std::size_t budget_bytes)
    : renderer_(renderer), cache_(budget_bytes) {
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
    std::fprintf(stderr, "hgj-kiosk: font \"%s\" is not installed; using a fallback (%s)\n", family.c_str(),
                 fallback_families);
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
  if (style.width > 0) {
    pango_layout_set_width(layout, style.width * PANGO_SCALE);
    if (!style.wrap) {
      pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height(layout, -1);
    } else {
      // WORD, not WORD_CHAR: Chinese still breaks between characters (UAX #14), but a
      // phone number kept together by unbreakable() overflows rather than splits.
      pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
      if (style.max_lines > 0) {
        pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
        pango_layout_set_height(layout, -style.max_lines);
      }
    }
  }
  switch (style.align) {
    case Align::left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT); break;
    case Align::center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER); break;
    case Align::right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT); break;
  }
  pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
  return layout;
}

CachedTexture TextRenderer::render(const std::string& text, const TextStyle& style) {
  CachedTexture out;
  if (text.empty()) return out;
  PangoLayout* layout = layout_for(text, style);
  PangoRectangle ink, logical;
  pango_layout_get_pixel_extents(layout, &ink, &logical);
  // With a width, Pango aligns inside [0, width): keep that box so centring works.
  const int box_w = style.width > 0 ? style.width : logical.width;
  const int x0 = std::min({0, ink.x, logical.x});
  const int y0 = std::min({0, ink.y, logical.y});
  const int x1 = std::max({box_w, ink.x + ink.width, logical.x + logical.width});
  const int y1 = std::max({logical.y + logical.height, ink.y + ink.height});
  const int w = std::max(1, x1 - x0), h = std::max(1, y1 - y0);

  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
  cairo_t* cr = cairo_create(surface);
  cairo_translate(cr, -x0, -y0);
  cairo_set_source_rgb(cr, 1, 1, 1);
  pango_cairo_show_layout(cr, layout);
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  g_object_unref(layout);

  // White, premultiplied: alpha alone carries the glyphs. SDL blends straight alpha
  // (its software renderer has no premultiplied mode), so rebuild white + alpha.
  const int stride = cairo_image_surface_get_stride(surface);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  std::vector<Uint32> pixels(static_cast<std::size_t>(w) * h);
  for (int y = 0; y < h; ++y) {
    const Uint32* row = reinterpret_cast<const Uint32*>(data + static_cast<std::size_t>(y) * stride);
    for (int x = 0; x < w; ++x) pixels[static_cast<std::size_t>(y) * w + x] = (row[x] & 0xFF000000u) | 0x00FFFFFFu;
  }
  cairo_surface_destroy(surface);

  out.texture = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, w, h);
  if (out.texture) {
    SDL_UpdateTexture(out.texture, nullptr, pixels.data(), w * 4);
    SDL_SetTextureBlendMode(out.texture, SDL_BLENDMODE_BLEND);
  }
  out.width = w;
  out.height = h;
  out.ox = x0;
  out.oy = y0;
  out.logical_w = style.width > 0 && style.align != Align::left ? style.width : logical.x + logical.width;
  out.logical_h = logical.y + logical.height;
  return out;
}

const CachedTexture& TextRenderer::get(const std::string& text, const TextStyle& style) {
  const std::string key = cache_key(text, style);
  if (const CachedTexture* hit = cache_.find(key)) return *hit;
  return cache_.put(key, render(text, style));
}

int TextRenderer::fit_px(const std::string& text, TextStyle style, int max_width, int min_px) {
  style.width = -1;
  style.max_lines = 0;
  int px = style.px;
  while (px > min_px) {
    style.px = px;
    PangoLayout* layout = layout_for(text, style);
    int w = 0, h = 0;
    pango_layout_get_pixel_size(layout, &w, &h);
    g_object_unref(layout);
    if (w <= max_width) return px;
    px = std::max(min_px, px * 92 / 100);
  }
  return min_px;
}

}  // namespace hgj::kiosk
