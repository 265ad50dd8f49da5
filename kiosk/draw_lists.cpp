// The list slides — next 敲门日/议事会, duties, recently resolved, notices, honours —
// share one look: a title, then cards of a few lines each, in one column (portrait)
// or two (landscape). Cards that do not fit go on the next page — another slide of the
// deck (Scene asks list_pages()) — never cut and never left out.
#include <algorithm>

#include "clock.h"
#include "draw.h"
#include "words.h"

namespace hgj::kiosk {

namespace {

struct Line {
  std::string text;
  int px = 44;  // design pixels
  bool bold = false;
  Color color;
  int max_lines = 2;
  bool pill = false;  // drawn as a small filled label
  Color pill_bg;
};

Line plain(std::string text, int px, bool bold, Color color, int max_lines) {
  Line l;
  l.text = std::move(text);
  l.px = px;
  l.bold = bold;
  l.color = color;
  l.max_lines = max_lines;
  return l;
}

Line pill(std::string text, int px, Color color, Color background) {
  Line l = plain(std::move(text), px, true, color, 1);
  l.pill = true;
  l.pill_bg = background;
  return l;
}

struct Card {
  std::vector<Line> lines;
  Color bar;  // the accent bar on the left
};

// One-line lines shrink (to 3/4) before they are ellipsized.
TextStyle style_of(Canvas& c, const Metrics& m, const Line& l, int width) {
  TextStyle t;
  t.px = m.px(l.px);
  t.bold = l.bold;
  t.width = width;
  t.max_lines = l.max_lines;
  t.wrap = l.max_lines != 1;
  if (l.max_lines == 1 && width > 0)
    t.px = c.texts().fit_px(l.text, t, width, std::max(t.px * 3 / 4, m.px(min_body_px)));
  return t;
}

// Joins the characters of a short phrase with word joiners so a line never breaks inside it.
std::string keep_together(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char ch = static_cast<unsigned char>(s[i]);
    if (i > 0 && (ch & 0xC0) != 0x80) out += "\u2060";
    out += s[i];
  }
  return out;
}

int card_height(Canvas& c, const Metrics& m, const Card& card, int width) {
  const int pad = m.px(28), inner = width - 2 * pad - m.px(14);
  int h = 2 * pad;
  for (std::size_t i = 0; i < card.lines.size(); ++i) {
    const Line& l = card.lines[i];
    const TextStyle t = style_of(c, m, l, l.pill ? inner - m.px(32) : inner);
    h += c.measure(l.text, t).h + (l.pill ? m.px(20) : 0) +
         (i + 1 < card.lines.size() ? m.px(8) : 0);
  }
  return h;
}

void draw_card(Canvas& c, const Metrics& m, const Card& card, const Rect& r, const Palette& p) {
  c.box(r, m.px(22), p.surface);
  c.box({r.x, r.y, m.px(14), r.h}, m.px(7), card.bar);
  const int pad = m.px(28);
  const int x = r.x + pad + m.px(14), inner = r.w - 2 * pad - m.px(14);
  int y = r.y + pad;
  for (const Line& l : card.lines) {
    if (l.pill) {
      const TextStyle t = style_of(c, m, l, inner - m.px(32));
      const Size size = c.measure(l.text, t);
      c.box({x, y, size.w + m.px(32), size.h + m.px(20)}, m.px(12), l.pill_bg);
      c.text(l.text, t, x + m.px(16), y + m.px(10), l.color);
      y += size.h + m.px(20) + m.px(8);
    } else {
      y += c.text(l.text, style_of(c, m, l, inner), x, y, l.color).h + m.px(8);
    }
  }
}

std::string day_words(const Bundle& b, const Date& d, const Date& today) {
  const long diff = d.days_since_epoch() - today.days_since_epoch();
  std::string s = short_chinese_date(d) + " " + chinese_weekday(d);
  if (diff == 0) return word(&b, "kiosk_today") + " " + s;
  if (diff == 1) return word(&b, "kiosk_tomorrow") + " " + s;
  if (diff == 2) return word(&b, "kiosk_day_after") + " " + s;
  return s;
}

std::vector<Card> event_cards(const Scene& s, const Palette& p) {
  std::vector<Card> cards;
  const TimeZone& zone = *s.zone();
  const Date today = zone.local_date(s.now());
  for (const Upcoming& u :
       upcoming_events(*s.bundle(), *s.shown_building(), zone, s.now(), s.clock_trusted(), 4)) {
    Card card{{}, u.event->kind == "敲门日" || u.event->kind == "议事会" ? p.primary : p.accent};
    card.lines.push_back(
        pill(u.event->kind.empty() ? word(s.bundle(), "kiosk_event") : u.event->kind, 40,
             p.on_primary, card.bar));
    std::string when;
    if (u.when) {
      when = day_words(*s.bundle(), u.when->date, today);
      if (u.when->time) when += "  " + u.when->time->text();
    } else if (u.event->schedule.rule) {
      when = u.event->schedule.rule->chinese();
      if (u.event->schedule.time) when += "  " + u.event->schedule.time->text();
    }
    card.lines.push_back(plain(when, 60, true, p.primary, 1));
    card.lines.push_back(plain(u.event->title, 46, true, p.text, 2));
    if (!u.event->location.empty())
      card.lines.push_back(plain(word(s.bundle(), "event_location") + "：" + u.event->location, 40,
                                 false, p.muted, 2));
    cards.push_back(std::move(card));
  }
  return cards;
}

std::vector<Card> duty_cards(const Scene& s, const Palette& p, std::string& title) {
  std::vector<Card> cards;
  const BundleDutyScheme* d = s.bundle()->duty_scheme_for_building(s.shown_building()->id);
  if (!d) return cards;
  title = d->title.empty() ? word(s.bundle(), "duties") : d->title;
  for (const DutyGroup& g : d->groups) {
    std::string items;
    for (const std::string& i : g.items) items += (items.empty() ? "" : "　") + keep_together(i);
    cards.push_back({{pill(g.name, 40, p.on_primary, p.primary), plain(items, 46, true, p.text, 3)},
                     p.primary});
  }
  return cards;
}

std::vector<Card> resolved_cards(const Scene& s, const Palette& p) {
  std::vector<Card> cards;
  const auto wd = [&s](const char* key) -> const std::string& { return word(s.bundle(), key); };
  for (const BundleIssue& i : s.shown_building()->recent_issues) {
    Card card{{}, i.outcome == "resolved" ? Color{0x2E, 0x7D, 0x32} : p.muted};
    card.lines.push_back(
        pill(i.category + " · " + (i.outcome_label.empty() ? wd("kiosk_closed") : i.outcome_label),
             40, p.on_primary, card.bar));
    card.lines.push_back(
        plain(i.private_category ? wd("kiosk_private_issue") : i.title, 48, true, p.text, 2));
    std::string meta = short_chinese_date(i.closed_on) + " " + wd("kiosk_closed_on");
    if (!i.level.empty()) meta += " · " + i.level + wd("kiosk_solved_at");
    if (!i.steward_name.empty()) meta += " · " + wd("kiosk_handled_by") + " " + i.steward_name;
    card.lines.push_back(plain(meta, 40, false, p.muted, 1));
    if (!i.resolution.empty()) card.lines.push_back(plain(i.resolution, 40, false, p.text, 2));
    cards.push_back(std::move(card));
  }
  return cards;
}

std::vector<Card> notice_cards(const Scene& s, const Palette& p) {
  std::vector<Card> cards;
  const Bundle& b = *s.bundle();
  for (const BundleNotice* n : b.notices_for_building(
           *s.shown_building(), *s.zone(), s.clock_trusted() ? s.now() : b.generated_at)) {
    Card card{{}, n->pinned ? p.primary : p.accent};
    card.lines.push_back(plain(n->title, 50, true, p.text, 2));
    card.lines.push_back(plain(short_chinese_date(n->date) + " " + word(&b, "kiosk_published") +
                                   (n->pinned ? " · " + word(&b, "pinned") : ""),
                               40, false, p.muted, 1));
    if (!n->text.empty()) card.lines.push_back(plain(n->text, 42, false, p.text, 3));
    cards.push_back(std::move(card));
  }
  return cards;
}

std::vector<Card> honour_cards(const Scene& s, const Palette& p, std::string& title) {
  std::vector<Card> cards;
  bool street_wide = false;
  for (const Honour& h : honours_for(*s.bundle(), *s.shown_building(), street_wide)) {
    Card card{{}, p.accent};
    card.lines.push_back(plain(h.steward->name + "　" + h.steward->id, 52, true, p.text, 1));
    std::string list;
    for (std::size_t i = 0; i < h.honours.size() && i < 3; ++i)
      list += (i ? "\n" : "") + ("★ " + h.honours[i]);
    card.lines.push_back(plain(list, 42, true, p.accent, 3));
    cards.push_back(std::move(card));
  }
  title = word(s.bundle(), street_wide ? "kiosk_stars_street" : "kiosk_stars_building");
  return cards;
}

// A slide's title and its cards, in order.
std::vector<Card> cards_of(const Scene& s, const Palette& p, SlideKind kind, std::string& title) {
  switch (kind) {
    case SlideKind::events:
      title = word(s.bundle(), "kiosk_events_title");
      return event_cards(s, p);
    case SlideKind::duties:
      return duty_cards(s, p, title);
    case SlideKind::resolved:
      title = word(s.bundle(), "kiosk_resolved_title");
      return resolved_cards(s, p);
    case SlideKind::notices:
      title = word(s.bundle(), "title_notices");
      return notice_cards(s, p);
    case SlideKind::honours:
      return honour_cards(s, p, title);
    case SlideKind::steward:
      break;
  }
  return {};
}

TextStyle title_style(const Metrics& m, const Rect& r) {
  TextStyle ts;
  ts.px = m.px(60);
  ts.bold = true;
  ts.width = r.w - m.px(30);
  ts.wrap = false;
  return ts;
}

// Where each card goes: its page, column and top. Filling columns top to bottom, a card
// that does not fit starts the next column, then the next page; a card taller than the
// whole area still gets a page of its own.
struct Placed {
  int page, column, y, h;
};
std::vector<Placed> place_cards(Canvas& c, const Metrics& m, const Rect& r, int top,
                                const std::vector<Card>& cards) {
  const int columns = m.portrait ? 1 : 2;
  const int col_w = (r.w - (columns - 1) * m.gap) / columns;
  std::vector<Placed> placed;
  int page = 0, column = 0, y = top;
  bool empty = true;  // nothing on this column yet
  for (const Card& card : cards) {
    const int h = card_height(c, m, card, col_w);
    if (!empty && y + h > r.bottom()) {
      if (++column >= columns) ++page, column = 0;
      y = top;
    }
    placed.push_back({page, column, y, h});
    y += h + m.gap;
    empty = false;
  }
  return placed;
}

}  // namespace

std::vector<std::vector<std::string>> list_pages(Canvas& c, const Metrics& m, const Rect& r,
                                                 const Scene& s, SlideKind kind) {
  std::string title;
  const std::vector<Card> cards = cards_of(s, s.config().colors, kind, title);
  const int top = r.y + c.measure(title, title_style(m, r)).h + m.gap;
  const std::vector<Placed> placed = place_cards(c, m, r, top, cards);
  std::vector<std::vector<std::string>> pages;
  for (std::size_t i = 0; i < cards.size(); ++i) {
    if (placed[i].page >= static_cast<int>(pages.size())) pages.emplace_back();
    pages.back().push_back(cards[i].lines.empty() ? std::string() : cards[i].lines.front().text);
  }
  return pages;
}

void draw_list_slide(Canvas& c, const Metrics& m, const Rect& r, const Scene& s, SlideKind kind,
                     int page) {
  const Palette& p = s.config().colors;
  std::string title;
  const std::vector<Card> cards = cards_of(s, p, kind, title);
  const TextStyle ts = title_style(m, r);
  const int top = r.y + c.measure(title, ts).h + m.gap;
  const std::vector<Placed> placed = place_cards(c, m, r, top, cards);
  const int pages = placed.empty() ? 1 : placed.back().page + 1;
  // 「通知公告（2/3）」: the reader knows there is more, and where they are.
  if (pages > 1)
    title += "（" + std::to_string(std::clamp(page, 0, pages - 1) + 1) + "/" +
             std::to_string(pages) + "）";
  const Color title_color = kind == SlideKind::honours ? p.accent : p.primary;
  c.box({r.x, r.y + m.px(10), m.px(10), m.px(58)}, m.px(4), title_color);
  c.text(title, ts, r.x + m.px(30), r.y, title_color);

  const int columns = m.portrait ? 1 : 2;
  const int col_w = (r.w - (columns - 1) * m.gap) / columns;
  for (std::size_t i = 0; i < cards.size(); ++i) {
    const Placed& at = placed[i];
    if (at.page != std::clamp(page, 0, pages - 1)) continue;
    const Rect box{r.x + at.column * (col_w + m.gap), at.y, col_w,
                   std::min(at.h, r.bottom() - at.y)};
    if (at.h > box.h) c.clip(&box);  // alone on its page and still too tall
    draw_card(c, m, cards[i], box, p);
    c.clip(nullptr);
  }
}

}  // namespace hgj::kiosk
