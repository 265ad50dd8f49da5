#include "print/text.h"

#include <cstring>
#include <unordered_map>

namespace hgj::print {

namespace {

// The context that lays out what `context`'s fonts cannot show (make_print_context).
const char kFallback[] = "hgj-fallback-context";
const char kCacheKey[] = "hgj-layout-cache";

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
    pango_attr_list_insert(
        attrs, pango_attr_letter_spacing_new(static_cast<int>(style.letter_spacing * PANGO_SCALE)));
    pango_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);
  }
  if (style.line_spacing > 0)
    pango_layout_set_line_spacing(layout, static_cast<float>(style.line_spacing));
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

// The layouts made on one context, by text, style and width. A street's events and a
// community's contacts print on every board, a card ten times a sheet, and fit_size()
// tries the same sizes again: each is laid out once. Contexts are per thread, so is this.
class LayoutCache {
 public:
  struct Entry {
    std::shared_ptr<PangoLayout> layout;
    double width = 0, height = 0;
    int lines = 0;
  };

  // The cache make_print_context() gave `context`, or null for any other context.
  static LayoutCache* of(PangoContext* context) {
    return static_cast<LayoutCache*>(g_object_get_data(G_OBJECT(context), kCacheKey));
  }
  static void attach(PangoContext* context) {
    g_object_set_data_full(G_OBJECT(context), kCacheKey, new LayoutCache,
                           [](void* p) { delete static_cast<LayoutCache*>(p); });
  }
  // The layouts hold references to their context: dropped first, or it is never freed.
  static void detach(PangoContext* context) {
    g_object_set_data(G_OBJECT(context), kCacheKey, nullptr);
  }

  static std::string key(std::string_view text, const TextStyle& style, double width) {
    std::string k;
    k.reserve(text.size() + 64);
    auto add = [&k](const auto& value) {
      k.append(reinterpret_cast<const char*>(&value), sizeof value);
    };
    add(style.size);
    add(style.bold);
    add(style.align);
    add(style.line_spacing);
    add(style.letter_spacing);
    add(width);
    k += style.family ? *style.family : std::string("sans");
    k += '\0';
    k += text;
    return k;
  }

  const Entry* find(const std::string& key) const {
    auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : &it->second;
  }
  const Entry& add(std::string key, Entry entry) {
    // A print run of a whole city would otherwise keep every board's text: start over.
    if (entries_.size() >= kMaxEntries) entries_.clear();
    return entries_.insert_or_assign(std::move(key), std::move(entry)).first->second;
  }

 private:
  static constexpr std::size_t kMaxEntries = 4096;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace

void ContextUnref::operator()(PangoContext* context) const {
  LayoutCache::detach(context);
  g_object_unref(context);
}

FontMapPtr make_font_map() { return FontMapPtr(pango_cairo_font_map_new()); }

ContextPtr make_print_context(PangoFontMap* font_map, PangoContext* fallback) {
  ContextPtr context(pango_font_map_create_context(font_map));
  LayoutCache::attach(context.get());
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
  if (width > 0) box_width_ = width;
  LayoutCache* cache = LayoutCache::of(context);
  std::string key = cache ? LayoutCache::key(text, style, width) : std::string();
  const LayoutCache::Entry* entry = cache ? cache->find(key) : nullptr;
  LayoutCache::Entry made;
  if (!entry) {
    PangoLayout* layout = new_layout(context, text, style, width);
    auto* fallback = static_cast<PangoContext*>(g_object_get_data(G_OBJECT(context), kFallback));
    if (fallback && pango_layout_get_unknown_glyphs_count(layout) > 0) {
      g_object_unref(layout);
      layout = new_layout(fallback, text, style, width);
    }
    made.layout.reset(layout, [](PangoLayout* l) { g_object_unref(l); });
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    made.width = static_cast<double>(logical.width) / PANGO_SCALE;
    made.height = static_cast<double>(logical.height) / PANGO_SCALE;
    made.lines = pango_layout_get_line_count(layout);
    entry = cache ? &cache->add(std::move(key), std::move(made)) : &made;
  }
  layout_ = entry->layout;
  width_ = entry->width;
  height_ = entry->height;
  lines_ = entry->lines;
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
  const std::size_t n = c < 0x80           ? 1
                        : (c >> 5) == 0x6  ? 2
                        : (c >> 4) == 0xE  ? 3
                        : (c >> 3) == 0x1E ? 4
                                           : 1;
  return std::string(utf8.substr(0, std::min(n, utf8.size())));
}

}  // namespace hgj::print
