#include "print/board.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "print/qr_code.h"

namespace hgj::print {

namespace {

using Draw = std::function<void(cairo_t*, double x, double y)>;

struct Block {
  double height = 0;
  bool keep_with_next = false;
  Draw draw;
};

// A row of the page body: columns side by side, each a stack of blocks.
struct RowSpec {
  std::vector<double> x, width;
  std::vector<std::vector<Block>> columns;
};

// A steward's card before it is given its row's height.
struct Card {
  double height = 0;
  std::function<void(cairo_t*, double x, double y, double height)> draw;
};

const Colour white{1, 1, 1};

class Board {
 public:
  // Shares the data; copies the paper and environment: pages are drawn later, by the
  // PDF writer, from what the Board holds.
  Board(std::shared_ptr<const BoardData> data, const Paper& paper, const RenderEnv& env,
        const Fit& fit)
      : data_(std::move(data)),
        d_(*data_),
        paper_(paper),
        env_(env),
        theme_(*env.theme),
        ps_(paper.scale()),
        k_(paper.scale() * fit.shrink),
        compact_(fit.compact),
        across_(fit.across),
        shared_qr_(compact_ ? shared_wechat_qr(d_) : std::string()) {}

  const Paper& paper() const { return paper_; }
  // Compact boards close up a little between blocks too.
  double item_gap() const { return (compact_ ? 6 : 8) * k_; }
  double row_gap() const { return (compact_ ? 12 : 18) * k_; }
  double margin() const { return mm(15) * ps_; }
  double content_width() const { return paper_.width - 2 * margin(); }
  double header_height(std::size_t page) const { return (page == 0 ? 136 : 60) * ps_; }
  double body_top(std::size_t page) const { return header_height(page) + 22 * ps_; }
  double footer_top() const { return paper_.height - 126 * ps_; }
  double body_bottom() const { return footer_top() - 12 * ps_; }
  double body_height(std::size_t page) const { return body_bottom() - body_top(page); }

  std::vector<RowSpec> rows() const;
  void draw_header(cairo_t* cr, std::size_t page) const;
  void draw_footer(cairo_t* cr, std::size_t page, std::size_t pages) const;

 private:
  Text text(std::string_view s, double size, bool bold, const Colour& colour, double width,
            double line_spacing = 0) const {
    TextStyle style{&theme_.sans, size, bold, colour};
    style.line_spacing = line_spacing;
    return Text(env_.context, s, style, width);
  }
  // A no-wrap line shrunk until it fits `width`: phone numbers are never broken.
  Text fitted(std::string_view s, double size, bool bold, const Colour& colour,
              double width) const {
    const double best = fit_size([&](double z) { return text(s, z, bold, colour, 0, 0).width(); },
                                 width, size, size * 0.4, size / 40);
    return text(s, best, bold, colour, 0, 0);
  }

  Block building_title(double width) const;
  Block section_title(const std::string& title, double width) const;
  Block pill_line(const std::string& pill, const Colour& fill, const std::string& body,
                  double pill_width, double width) const;
  Card steward_card(const StewardEntry& s, double width, bool wide) const;
  std::vector<Block> steward_rows(double width) const;
  std::vector<Block> duties(double width) const;
  std::vector<Block> honours(double width) const;
  std::vector<Block> events(double width) const;
  std::vector<Block> contacts(double width) const;
  Draw pill(const Text& label, const Colour& fill, double box_width) const;

  std::shared_ptr<const BoardData> data_;
  const BoardData& d_;
  Paper paper_;
  RenderEnv env_;
  const PrintTheme& theme_;
  double ps_;  // paper scale: fixed furniture (bands, footer)
  double k_;   // paper scale × shrink step: everything in the body
  // Crowded boards: steward cards with a smaller photo, the WeChat QR beside the text
  // rather than under the photo, and the honours in a section of their own.
  bool compact_;
  int across_;  // steward cards side by side; 0: one for up to two stewards, else two
  // A compact board whose stewards all give the same WeChat group shows its QR once,
  // at the right of the footer, instead of on every card.
  std::string shared_qr_;

  static std::string shared_wechat_qr(const BoardData& d) {
    if (d.stewards.size() < 2) return {};
    for (const StewardEntry& s : d.stewards) {
      if (s.wechat_qr.empty() || s.wechat_qr != d.stewards.front().wechat_qr) return {};
    }
    return d.stewards.front().wechat_qr;
  }
};

Block Board::building_title(double width) const {
  Text name = text(d_.building_name, 40 * k_, true, theme_.primary_dark, width);
  Text line = text(d_.building_line, 17 * k_, false, theme_.muted, width);
  const double gap = line.empty() ? 0 : 4 * k_;
  return {name.height() + gap + line.height(), false, [=](cairo_t* cr, double x, double y) {
            name.draw(cr, x + (width - name.width()) / 2, y);
            line.draw(cr, x + (width - line.width()) / 2, y + name.height() + gap);
          }};
}

Block Board::section_title(const std::string& title, double width) const {
  Text t = text(title, 22 * k_, true, theme_.primary_dark, width - 16 * k_);
  const double bar = 6 * k_;
  const Colour primary = theme_.primary, rule = theme_.rule;
  const double k = k_;
  return {t.height() + 6 * k_, true, [=](cairo_t* cr, double x, double y) {
            set_colour(cr, primary);
            cairo_rectangle(cr, x, y + t.height() * 0.12, bar, t.height() * 0.76);
            cairo_fill(cr);
            t.draw(cr, x + bar + 10 * k, y);
            set_colour(cr, rule);
            cairo_set_line_width(cr, 1.2 * k);
            cairo_move_to(cr, x, y + t.height() + 3 * k);
            cairo_line_to(cr, x + width, y + t.height() + 3 * k);
            cairo_stroke(cr);
          }};
}

Draw Board::pill(const Text& label, const Colour& fill, double box_width) const {
  const double pad_y = label.height() * 0.12;
  const double radius = 4 * k_;
  return [=](cairo_t* cr, double x, double y) {
    set_colour(cr, fill);
    rounded_rect(cr, x, y, box_width, label.height() + 2 * pad_y, radius);
    cairo_fill(cr);
    label.draw(cr, x + (box_width - label.width()) / 2, y + pad_y);
  };
}

Block Board::pill_line(const std::string& pill_text, const Colour& fill, const std::string& body,
                       double pill_width, double width) const {
  Text label = text(pill_text, 17 * k_, true, white, pill_width - 12 * k_);
  Text items = text(body, 19 * k_, false, theme_.text, width - pill_width - 12 * k_);
  const double pill_height = label.height() * 1.24;
  Draw draw_pill = pill(label, fill, pill_width);
  const double offset = pill_width + 12 * k_;
  return {std::max(pill_height, items.height()), false, [=](cairo_t* cr, double x, double y) {
            draw_pill(cr, x, y);
            items.draw(cr, x + offset, y);
          }};
}

Card Board::steward_card(const StewardEntry& s, double width, bool wide) const {
  const double pad = (compact_ ? 10 : 14) * k_;
  const double photo_w = (compact_ ? (wide ? 84 : across_ == 3 ? 48 : 64) : (wide ? 120 : 96)) * k_;
  const double photo_h = photo_w * 1.25;
  std::optional<Image> photo = s.photo.empty() ? std::nullopt : env_.image(s.photo);
  std::optional<Image> wechat =
      s.wechat_qr.empty() || !shared_qr_.empty() ? std::nullopt : env_.image(s.wechat_qr);

  // A compact card keeps its QR in a column of its own at any width: under the photo
  // it makes the card as tall as photo and QR together.
  const bool qr_beside = wide || compact_;
  const double qr_side = (compact_ ? 72 : wide ? 104 : 96) * k_;
  Text qr_caption = text(theme_.wechat_caption, 13 * k_, false, theme_.muted, 0);
  const double qr_column =
      qr_beside && wechat ? std::max(qr_side, qr_caption.width()) + 16 * k_ : 0;
  const double text_x = pad + photo_w + 16 * k_;
  const double text_w = width - text_x - pad - qr_column;
  // Three across, the phone and hours run under the photo, the card's whole width:
  // beside it they would take two lines each.
  const bool stacked = compact_ && across_ == 3;
  const double lower_x = stacked ? pad + 6 * k_ : text_x;
  const double lower_w = width - lower_x - pad - qr_column;

  Text name = text(s.name, (wide ? 38 : compact_ ? 26 : 30) * k_, true, theme_.text, text_w);
  Text party = text(theme_.word("party_member"), 14 * k_, true, white, 0);
  const double party_w = s.party_member ? party.width() + 12 * k_ : 0;
  const double party_gap = party_w > 0 ? party_w + 8 * k_ : 0;
  std::string meta = theme_.word("steward_number") + " " + s.id;
  if (!s.role.empty()) meta += " · " + s.role;
  if (!s.units.empty()) meta += " · " + s.units;
  // The 编号 line sits beside a short name, under a long one.
  const double meta_size = 15 * k_;
  const bool inline_meta =
      name.lines() == 1 &&
      name.width() + 14 * k_ + party_gap + text(meta, meta_size, false, theme_.muted, 0).width() <=
          text_w;
  const double meta_x = inline_meta ? name.width() + 14 * k_ : 0;
  Text meta_text = text(meta, meta_size, false, theme_.muted, text_w - meta_x - party_gap);
  Text phone_label = text(theme_.word("phone"), 16 * k_, true, theme_.muted, 0);
  const double phone_size = (wide ? 48 : compact_ ? 34 : 40) * k_;
  Text phone = fitted(s.phone.empty() ? "—" : s.phone, phone_size, true, theme_.primary,
                      lower_w - phone_label.width() - 10 * k_);
  Text hours = text(s.hours.empty() ? "" : theme_.word("service_hours") + "：" + s.hours, 16 * k_,
                    false, theme_.text, lower_w);
  Text honors = text(s.honors.empty() || compact_ ? "" : theme_.word("honors") + "：" + s.honors,
                     13 * k_, false, theme_.muted, text_w);

  const double gap = 3 * k_;
  const double meta_h = std::max(meta_text.height(), party.height() * 1.24);
  const double head_h =
      inline_meta ? std::max(name.height(), meta_h) : name.height() + gap + meta_h;
  const double meta_y = inline_meta ? head_h - meta_h - name.height() * 0.06 : name.height() + gap;
  const double lower_y = (stacked ? std::max(head_h, photo_h) : head_h) + gap;
  double text_h = lower_y + phone.height();
  if (!hours.empty()) text_h += gap + hours.height();
  if (!honors.empty()) text_h += gap + honors.height();
  double photo_col = photo_h;
  if (!qr_beside && wechat) photo_col += 10 * k_ + photo_w + 4 * k_ + qr_caption.height();
  const double qr_col = qr_column > 0 ? qr_side + 4 * k_ + qr_caption.height() : 0;
  const double height = 2 * pad + std::max({photo_col, text_h, qr_col});

  const double k = k_;
  const PrintTheme& theme = theme_;
  const RenderEnv& env = env_;
  Draw party_pill = s.party_member ? pill(party, theme_.primary, party_w) : Draw();
  const std::string steward_name = s.name;
  return {height, [=, &theme, &env](cairo_t* cr, double x, double y, double h) {
            set_colour(cr, theme.panel);
            rounded_rect(cr, x, y, width, h, 8 * k);
            cairo_fill(cr);
            set_colour(cr, theme.primary);
            cairo_rectangle(cr, x, y + 8 * k, 5 * k, h - 16 * k);
            cairo_fill(cr);

            const double px = x + pad, py = y + pad;
            if (photo) {
              draw_image_cover(cr, *photo, px, py, photo_w, photo_h, 6 * k);
            } else {
              draw_avatar(cr, env, steward_name, px, py, photo_w, photo_h, 6 * k);
            }
            if (wechat && !qr_beside) {
              const double qy = py + photo_h + 10 * k;
              draw_image_cover(cr, *wechat, px, qy, photo_w, photo_w, 0, true);
              qr_caption.draw(cr, px + (photo_w - qr_caption.width()) / 2, qy + photo_w + 4 * k);
            }
            if (wechat && qr_beside) {
              const double qx = x + width - pad - qr_column + 16 * k;
              const double col = qr_column - 16 * k;
              draw_image_cover(cr, *wechat, qx + (col - qr_side) / 2, py, qr_side, qr_side, 0,
                               true);
              qr_caption.draw(cr, qx + (col - qr_caption.width()) / 2, py + qr_side + 4 * k);
            }

            const double tx = x + text_x;
            double ty = py;
            name.draw(cr, tx, ty);
            const double my = ty + meta_y;
            if (party_pill) party_pill(cr, tx + meta_x, my + (meta_h - party.height() * 1.24) / 2);
            meta_text.draw(cr, tx + meta_x + party_gap, my);
            ty += lower_y;
            const double lx = x + lower_x;
            phone_label.draw(cr, lx, ty + (phone.height() - phone_label.height()) / 2);
            phone.draw(cr, lx + phone_label.width() + 10 * k, ty);
            ty += phone.height();
            if (!hours.empty()) {
              hours.draw(cr, lx, ty + gap);
              ty += gap + hours.height();
            }
            if (!honors.empty()) honors.draw(cr, tx, ty + gap);
          }};
}

std::vector<Block> Board::steward_rows(double width) const {
  std::vector<Block> rows;
  rows.push_back(section_title(theme_.word("your_stewards"), width));
  if (d_.stewards.empty()) {
    Text t = text(theme_.word("board_no_steward"), 20 * k_, false, theme_.text, width - 28 * k_);
    const Colour panel = theme_.panel;
    const double k = k_;
    rows.push_back({t.height() + 28 * k_, false, [=](cairo_t* cr, double x, double y) {
                      set_colour(cr, panel);
                      rounded_rect(cr, x, y, width, t.height() + 28 * k, 8 * k);
                      cairo_fill(cr);
                      t.draw(cr, x + 14 * k, y + 14 * k);
                    }});
    return rows;
  }
  const int across = across_ > 0 ? across_ : d_.stewards.size() <= 2 ? 1 : 2;
  const double gap = 14 * k_;
  const double card_w = (width - (across - 1) * gap) / across;
  for (std::size_t i = 0; i < d_.stewards.size(); i += across) {
    std::vector<Card> cards;
    for (std::size_t j = i; j < std::min(d_.stewards.size(), i + across); ++j) {
      cards.push_back(steward_card(d_.stewards[j], card_w, across == 1));
    }
    double h = 0;
    for (const Card& c : cards) h = std::max(h, c.height);
    rows.push_back({h, false, [=](cairo_t* cr, double x, double y) {
                      for (std::size_t c = 0; c < cards.size(); ++c) {
                        cards[c].draw(cr, x + c * (card_w + gap), y, h);
                      }
                    }});
  }
  return rows;
}

std::vector<Block> Board::duties(double width) const {
  std::vector<Block> blocks;
  if (d_.duty_groups.empty()) return blocks;
  blocks.push_back(section_title(d_.duty_title, width));
  double pill_w = 0;
  for (const DutyGroup& g : d_.duty_groups) {
    pill_w = std::max(pill_w, text(g.name, 17 * k_, true, white, 0).width() + 16 * k_);
  }
  pill_w = std::min(pill_w, width * 0.4);
  for (const DutyGroup& g : d_.duty_groups) {
    std::string items;
    for (const std::string& item : g.items) items += (items.empty() ? "" : "、") + item;
    blocks.push_back(pill_line(g.name, theme_.primary, items, pill_w, width));
  }
  return blocks;
}

std::vector<Block> Board::honours(double width) const {
  std::vector<Block> blocks;
  if (!compact_) return blocks;  // a full card carries its steward's honours
  for (const StewardEntry& s : d_.stewards) {
    if (s.honors.empty()) continue;
    if (blocks.empty()) blocks.push_back(section_title(theme_.word("honors"), width));
    // The steward's name leads the line: the section is the cards' honours lines, gathered.
    Text line = text(s.name + "：" + s.honors, 15 * k_, false, theme_.text, width);
    blocks.push_back(
        {line.height(), false, [=](cairo_t* cr, double x, double y) { line.draw(cr, x, y); }});
  }
  return blocks;
}

std::vector<Block> Board::events(double width) const {
  std::vector<Block> blocks;
  if (d_.events.empty()) return blocks;
  std::string title;
  for (const EventEntry& e : d_.events) {
    if (title.find(e.kind) == std::string::npos) title += (title.empty() ? "" : " · ") + e.kind;
  }
  blocks.push_back(section_title(title, width));
  for (const EventEntry& e : d_.events) {
    Text kind = text(e.kind, 15 * k_, true, white, 0);
    const double kind_w = kind.width() + 12 * k_;
    Draw kind_pill = pill(kind, theme_.primary_dark, kind_w);
    Text title_text = text(e.title, 18 * k_, true, theme_.text, width - kind_w - 10 * k_);
    Text when = text(e.when, 22 * k_, true, theme_.primary, width);
    const std::string place =
        e.location.empty() ? "" : theme_.word("event_location") + "：" + e.location;
    const double gap = 2 * k_;
    // The place goes beside the time when there is room, else under it.
    const bool beside =
        when.lines() == 1 &&
        when.width() + 14 * k_ + text(place, 15 * k_, false, theme_.muted, 0).width() <= width;
    const double place_x = beside ? when.width() + 14 * k_ : 0;
    Text where = text(place, 15 * k_, false, theme_.muted, width - place_x);
    const double first = std::max(title_text.height(), kind.height() * 1.24);
    const double place_y = beside
                               ? first + gap + when.height() - where.height() - when.height() * 0.08
                               : first + gap + when.height() + gap;
    const double height =
        beside || where.empty() ? first + gap + when.height() : place_y + where.height();
    const double k = k_;
    blocks.push_back({height, false, [=](cairo_t* cr, double x, double y) {
                        kind_pill(cr, x, y + (first - kind.height() * 1.24) / 2);
                        title_text.draw(cr, x + kind_w + 10 * k, y);
                        when.draw(cr, x, y + first + gap);
                        where.draw(cr, x + place_x, y + place_y);
                      }});
  }
  if (d_.more_events > 0) {
    Text more = text(more_events_line(theme_, d_.more_events), 15 * k_, false, theme_.muted, width);
    blocks.push_back(
        {more.height(), false, [=](cairo_t* cr, double x, double y) { more.draw(cr, x, y); }});
  }
  return blocks;
}

std::vector<Block> Board::contacts(double width) const {
  std::vector<ContactEntry> entries = d_.contacts;
  if (!d_.hotline.empty()) entries.push_back({theme_.word("footer_hotline"), "", d_.hotline, {}});
  std::vector<Block> blocks;
  if (entries.empty()) return blocks;
  blocks.push_back(section_title(theme_.word("board_contacts"), width));
  double label_w = 0;
  for (const ContactEntry& c : entries) {
    label_w = std::max(label_w, text(c.label, 15 * k_, false, theme_.muted, 0).width());
  }
  label_w = std::min(label_w + 10 * k_, width * 0.35);
  for (const ContactEntry& c : entries) {
    Text label = text(c.label, 15 * k_, false, theme_.muted, label_w - 8 * k_);
    const double rest = width - label_w;
    Text phone = fitted(c.phone, 22 * k_, true, theme_.primary, rest);
    // The name shares the line with the phone when both fit, else the phone goes below.
    const bool beside =
        !c.phone.empty() &&
        text(c.name, 18 * k_, true, theme_.text, 0).width() + 12 * k_ + phone.width() <= rest;
    Text name =
        text(c.name, 18 * k_, true, theme_.text, beside ? rest - phone.width() - 12 * k_ : rest);
    Text note = text(c.note, 14 * k_, false, theme_.muted, rest);
    const double gap = 3 * k_;
    const double line1 = beside ? std::max(name.height(), phone.height()) : name.height();
    const double phone_y = beside ? 0 : (name.empty() ? 0 : name.height() + gap);
    const double line2 = beside || c.phone.empty() ? 0 : phone_y + phone.height() - line1;
    const double height =
        std::max(label.height(), line1 + line2 + (note.empty() ? 0 : gap + note.height()));
    blocks.push_back({height, false, [=](cairo_t* cr, double x, double y) {
                        label.draw(cr, x, y + (beside ? (line1 - label.height()) / 2 : 0));
                        const double nx = x + label_w;
                        name.draw(cr, nx, y + (beside ? (line1 - name.height()) / 2 : 0));
                        if (beside) {
                          phone.draw(cr, x + width - phone.width(),
                                     y + (line1 - phone.height()) / 2);
                        } else {
                          phone.draw(cr, nx, y + phone_y);
                        }
                        note.draw(cr, nx, y + line1 + line2 + gap);
                      }});
  }
  return blocks;
}

std::vector<RowSpec> Board::rows() const {
  const double x = margin(), w = content_width();
  std::vector<RowSpec> rows;
  rows.push_back({{x}, {w}, {{building_title(w)}}});
  rows.push_back({{x}, {w}, {steward_rows(w)}});

  // Duties, meetings and contacts flow through two balanced columns, like a newspaper.
  const double gutter = 28 * k_;
  const double half = (w - gutter) / 2;
  std::vector<Block> flow = duties(half);
  for (std::vector<Block> more : {honours(half), events(half), contacts(half)}) {
    flow.insert(flow.end(), more.begin(), more.end());
  }
  if (!flow.empty()) {
    std::vector<Item> items;
    for (const Block& b : flow) items.push_back({b.height, b.keep_with_next});
    const std::size_t split = balanced_split(items, item_gap());
    std::vector<Block> left(flow.begin(), flow.begin() + split),
        right(flow.begin() + split, flow.end());
    rows.push_back({{x, x + half + gutter}, {half, half}, {left, right}});
  }
  return rows;
}

void Board::draw_header(cairo_t* cr, std::size_t page) const {
  const double h = header_height(page);
  set_colour(cr, theme_.primary);
  cairo_rectangle(cr, 0, 0, paper_.width, h);
  cairo_fill(cr);
  set_colour(cr, theme_.accent);
  cairo_rectangle(cr, 0, h - 5 * ps_, paper_.width, 2 * ps_);
  cairo_fill(cr);
  const double w = content_width();
  if (page == 0) {
    Text place = fitted(d_.place_line, 22 * ps_, false, theme_.accent, w);
    TextStyle title_style{&theme_.serif, 60 * ps_, true, white, PANGO_ALIGN_LEFT, 1.0, 10 * ps_};
    Text title(env_.context, theme_.board_title, title_style, 0);
    const double scale = std::min(1.0, w / title.width());
    place.draw(cr, margin() + (w - place.width()) / 2, 14 * ps_);
    cairo_save(cr);
    cairo_translate(cr, paper_.width / 2, 44 * ps_);
    cairo_scale(cr, scale, scale);
    // Letter spacing also follows the last character: centre on the glyphs, not the gap.
    title.draw(cr, -(title.width() - 10 * ps_) / 2, 0);
    cairo_restore(cr);
  } else {
    Text title =
        fitted(theme_.board_title + theme_.word("board_continued") + "　" + d_.building_name,
               24 * ps_, true, white, w);
    title.draw(cr, margin() + (w - title.width()) / 2, (h - 5 * ps_ - title.height()) / 2);
  }
}

void Board::draw_footer(cairo_t* cr, std::size_t page, std::size_t pages) const {
  const double top = footer_top();
  const double x = margin(), w = content_width();
  set_colour(cr, theme_.rule);
  cairo_set_line_width(cr, 1.5 * ps_);
  cairo_move_to(cr, x, top);
  cairo_line_to(cr, x + w, top);
  cairo_stroke(cr);

  const double side = 104 * ps_;
  if (auto qr = encode_qr(d_.url)) draw_qr(cr, *qr, x, top + 8 * ps_, side, theme_.text);
  double right = x + w;  // where the footer's text ends
  if (std::optional<Image> group = shared_qr_.empty() ? std::nullopt : env_.image(shared_qr_)) {
    Text label = text(theme_.wechat_caption, 13 * ps_, false, theme_.muted, 0);
    const double qr_side = side - label.height() - 2 * ps_;
    const double column = std::max(qr_side, label.width());
    const double cx = x + w - column;
    draw_image_cover(cr, *group, cx + (column - qr_side) / 2, top + 8 * ps_, qr_side, qr_side, 0,
                     true);
    label.draw(cr, cx + (column - label.width()) / 2, top + 8 * ps_ + qr_side + 2 * ps_);
    right = cx - 16 * ps_;
  }
  const double tx = x + side + 16 * ps_, tw = right - tx;
  Text caption = text(theme_.qr_caption, 24 * ps_, true, theme_.primary_dark, tw);
  Text note = text(theme_.qr_note, 16 * ps_, false, theme_.text, tw);
  std::string stamp = theme_.word("print_date") + " " + d_.print_date +
                      " · hgj " HGJ_VERSION " · " + theme_.word("print_content") + " " +
                      d_.content_hash;
  if (pages > 1)
    stamp += " · " + theme_.word("page_n") + std::to_string(page + 1) + theme_.word("page_unit") +
             "／" + theme_.word("page_total") + std::to_string(pages) + theme_.word("page_unit");
  Text version = text(stamp, 11 * ps_, false, theme_.muted, tw);
  // The URL shares the last line with the stamp when both fit, else goes above it.
  const bool one_line =
      text(d_.url, 13 * ps_, false, theme_.muted, 0).width() + 24 * ps_ + version.width() <= tw;
  Text url =
      text(d_.url, 13 * ps_, false, theme_.muted, one_line ? tw - version.width() - 24 * ps_ : tw);
  double y = top + 12 * ps_;
  caption.draw(cr, tx, y);
  y += caption.height() + 2 * ps_;
  note.draw(cr, tx, y);
  y += note.height() + 4 * ps_;
  url.draw(cr, tx, y);
  if (one_line) {
    version.draw(cr, right - version.width(), y + url.height() - version.height());
  } else {
    version.draw(cr, tx, y + url.height() + 2 * ps_);
  }
}

std::vector<Row> measure(const std::vector<RowSpec>& rows) {
  std::vector<Row> out;
  for (const RowSpec& spec : rows) {
    Row row;
    for (const auto& column : spec.columns) {
      std::vector<Item> items;
      for (const Block& b : column) items.push_back({b.height, b.keep_with_next});
      row.columns.push_back(std::move(items));
    }
    out.push_back(std::move(row));
  }
  return out;
}

// The chosen layout, shared by the board's pages until the PDF writer has drawn them.
struct Layout {
  std::unique_ptr<Board> board;
  std::vector<RowSpec> rows;
  Pagination pagination;

  void draw(cairo_t* cr, std::size_t p) const {
    const std::size_t count = pagination.pages.size();
    board->draw_header(cr, p);
    const double top = board->body_top(p);
    // A block taller than a whole page (pathological content) is cut off at the body's
    // edge rather than drawn over the footer. Nothing else needs a clip: the layout
    // keeps it inside, and the tests check the ink.
    cairo_save(cr);
    if (pagination.oversized > 0) {
      cairo_rectangle(cr, 0, top, board->paper().width, board->body_bottom() - top);
      cairo_clip(cr);
    }
    for (const RowPart& part : pagination.pages[p].parts) {
      const RowSpec& spec = rows[part.row];
      for (std::size_t c = 0; c < spec.columns.size(); ++c) {
        double y = top + part.y;
        for (std::size_t i = part.first[c]; i < part.last[c]; ++i) {
          spec.columns[c][i].draw(cr, spec.x[c], y);
          y += spec.columns[c][i].height + board->item_gap();
        }
      }
    }
    cairo_restore(cr);
    board->draw_footer(cr, p, count);
  }
};

}  // namespace

BoardPages render_board(const BoardData& data, const Paper& paper, const RenderEnv& env) {
  const auto shared_data = std::make_shared<const BoardData>(data);
  auto layout = std::make_shared<Layout>();
  Fit laid_out{0, false, 0};
  const auto fits = [&](const Fit& fit) {
    layout->board = std::make_unique<Board>(shared_data, paper, env, fit);
    layout->rows = layout->board->rows();
    const Board& board = *layout->board;
    layout->pagination = paginate(
        measure(layout->rows), [&](std::size_t page) { return board.body_height(page); },
        board.item_gap(), board.row_gap());
    laid_out = fit;
    return layout->pagination.pages.size() == 1;
  };
  // The first way of each kind (board_fits) whose board fits on one page; smaller type
  // only ever takes less room, so after the first and the last step a binary search
  // finds it. Most boards fit at the first, crowded ones at none: one or two layouts
  // instead of five.
  const std::vector<std::vector<Fit>> ways = board_fits(paper);
  std::optional<Fit> chosen;
  for (const std::vector<Fit>& steps : ways) {
    if (fits(steps.front())) {
      chosen = steps.front();
      break;
    }
    std::size_t lo = 0, hi = steps.size() - 1;  // lo does not fit; hi fits, or none does
    if (hi == 0 || !fits(steps[hi])) continue;
    while (hi - lo > 1) {
      const std::size_t mid = (lo + hi) / 2;
      if (fits(steps[mid])) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    chosen = steps[hi];
    break;
  }
  // Nothing fits one page: of the smallest step of each way, the one with the fewest
  // pages, then the largest type, flowing onto more pages.
  if (!chosen) {
    std::size_t fewest = 0;
    for (const std::vector<Fit>& steps : ways) {
      fits(steps.back());
      const std::size_t pages = layout->pagination.pages.size();
      if (!chosen || pages < fewest ||
          (pages == fewest && body_text_pt(paper, steps.back()) > body_text_pt(paper, *chosen))) {
        chosen = steps.back();
        fewest = pages;
      }
    }
  }
  const Fit fit = *chosen;
  if (!(laid_out == fit)) fits(fit);

  BoardPages result;
  result.shrink = fit.shrink;
  result.compact = fit.compact;
  result.oversized = layout->pagination.oversized;
  std::shared_ptr<const Layout> done = std::move(layout);
  for (std::size_t p = 0; p < done->pagination.pages.size(); ++p) {
    result.pages.push_back({paper, [done, p](cairo_t* cr) { done->draw(cr, p); }});
  }
  return result;
}

}  // namespace hgj::print
