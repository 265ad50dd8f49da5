// Drawing a Scene onto a Canvas: draw_scene() picks the screen (slides, picker, the
// pairing screen, the no-bundle message, night) and the parts below draw one piece each.
#pragma once

#include "canvas.h"
#include "layout.h"
#include "scene.h"

namespace hgj::kiosk {

// What the kiosk shows when it has no bundle at all, from --config's [fallback].
struct Fallback {
  std::string street;   // "红枫街道"
  std::string hotline;  // "0570-0000100"; empty: a generic line
};

void draw_scene(Canvas& c, const Scene& s, const Fallback& fallback);

// Pieces, for draw_scene() and its helpers.
void draw_header(Canvas& c, const Metrics& m, const Rect& r, const Scene& s);
void draw_status(Canvas& c, const Metrics& m, const Rect& r, const Scene& s);
// The status line's text rows in `r` (chrome_layout's status): "更新于 …" beside the page
// dots, and before it, when the data is old, the warning: a row of its own upright,
// ahead of it on the same row when wide.
struct StatusRow {
  std::string text;
  TextStyle style;
  Rect box;
  Color color;
};
// `dots_w`: how wide the page dots (or 「9/22」) at the right end of the last row are.
std::vector<StatusRow> status_rows(Canvas& c, const Metrics& m, const Rect& r, const Scene& s,
                                   int* dots_w = nullptr);
void draw_button(Canvas& c, const Metrics& m, const Rect& r, const std::string& label, bool primary,
                 const Palette& p);
void draw_steward_slide(Canvas& c, const Metrics& m, const Rect& r, const Scene& s, int item);
// A list slide's page `page` (0-based) of cards.
void draw_list_slide(Canvas& c, const Metrics& m, const Rect& r, const Scene& s, SlideKind kind,
                     int page);
// How a list slide's cards fall into pages in the content rect `r`: per page, the first
// line of each card (a notice's title). The same placement draw_list_slide() draws.
std::vector<std::vector<std::string>> list_pages(Canvas& c, const Metrics& m, const Rect& r,
                                                 const Scene& s, SlideKind kind);
void draw_picker(Canvas& c, const Metrics& m, const Scene& s);
void draw_no_bundle(Canvas& c, const Metrics& m, const Scene& s, const Fallback& fallback);
// The pairing screen (Scene::pairing()): code, screen id, source, last sync.
void draw_pairing(Canvas& c, const Metrics& m, const Scene& s);
// An urgent notice over the whole screen (Scene::urgent()).
void draw_urgent(Canvas& c, const Metrics& m, const Scene& s, const BundleNotice& n);
// A red circle with the name's characters, for a steward without a usable photo.
void draw_avatar(Canvas& c, const Rect& r, const std::string& name, const Palette& p);

}  // namespace hgj::kiosk
