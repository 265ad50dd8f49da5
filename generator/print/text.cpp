#include "print/text.h"

namespace hgj::print {

namespace {

// The context that lays out what `context`'s fonts cannot show (make_print_context).
const char kFallback[] = "hgj-fallback-context";

PangoLayout* new_layout(PangoContext* context, std::string_view text, const TextStyle& style,
                        double width) {
  PangoLayout* layout = pango_layout_new(context);
  PangoFontDescription* desc = pango_font_description_new();
  pango_font_description_set_family(desc, style.family ? style.family->c_str() : "sans");
  pango_font_description_set_weight(desc, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(desc, style.size * PANGO_SCALE);
  pango_layout_set_font_description(layout, desc);
  pango_font_description_free(desc);

  if (style.letter_spacing != 0) {
    PangoAttrList* attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(
                                      static_cast<int>(style.letter_spacing * PANGO_SCALE)));
    pango_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);
  }
  if (style.line_spacing > 0) pango_layout_set_line_spacing(layout, static_cast<float>(style.line_spacing));
  if (width > 0) {
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout, style.align);
  } else {
    pango_layout_set_width(layout, -1);
  }
  pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
  return layout;
}

}  // namespace

FontMapPtr make_font_map() { return FontMapPtr(pango_cairo_font_map_new()); }

ContextPtr make_print_context(PangoFontMap* font_map, PangoContext* fallback) {
  ContextPtr context(pango_font_map_create_context(font_map));
  if (fallback) g_object_set_data(G_OBJECT(context.get()), kFallback, fallback);
  // 72 dpi makes Pango's sizes PDF points; no hinting keeps glyph advances exact, so
  // measuring here matches the vector output.
  pango_cairo_context_set_resolution(context.get(), 72);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options(context.get(), options);
  cairo_font_options_destroy(options);
  pango_context_set_round_glyph_positions(context.get(), FALSE);
  PangoLanguage* zh = pango_language_from_string("zh-cn");
  pango_context_set_language(context.get(), zh);
  return context;
}

Text::Text(PangoContext* context, std::string_view text, const TextStyle& style, double width)
    : colour_(style.colour), align_(style.align) {
  PangoLayout* layout = new_layout(context, text, style, width);
  auto* fallback = static_cast<PangoContext*>(g_object_get_data(G_OBJECT(context), kFallback));
  if (fallback && pango_layout_get_unknown_glyphs_count(layout) > 0) {
    g_object_unref(layout);
    layout = new_layout(fallback, text, style, width);
  }
  layout_.reset(layout, [](PangoLayout* l) { g_object_unref(l); });
  if (width > 0) box_width_ = width;

  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  width_ = static_cast<double>(logical.width) / PANGO_SCALE;
  height_ = static_cast<double>(logical.height) / PANGO_SCALE;
  lines_ = pango_layout_get_line_count(layout);
}

void Text::draw(cairo_t* cr, double x, double y) const {
  if (!layout_) return;
  cairo_save(cr);
  cairo_set_source_rgb(cr, colour_.r, colour_.g, colour_.b);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout_.get());
  cairo_restore(cr);
}

std::string first_character(std::string_view utf8) {
  if (utf8.empty()) return {};
  const unsigned char c = static_cast<unsigned char>(utf8[0]);
  const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  return std::string(utf8.substr(0, std::min(n, utf8.size())));
}

}  // namespace hgj::print
