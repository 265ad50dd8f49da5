#include "print/card_sheet.h"

#include <algorithm>
#include <memory>

#include "print/qr_code.h"

namespace hgj::print {

std::vector<CardPerson> card_people(const BoardData& data) {
  std::vector<CardPerson> people;
  for (const StewardEntry& s : data.stewards)
    people.push_back({s.name, s.card_meta, s.phone, s.units});
  if (!people.empty()) return people;
  for (const ContactEntry& c : data.contacts) {
    if (!c.phone.empty() && people.size() < 2) people.push_back({c.name, c.label, c.phone, {}});
  }
  if (people.empty()) people.push_back({data.recruiting, "", data.hotline, {}});
  return people;
}

std::vector<std::size_t> card_counts(const BoardData& data) {
  const std::size_t people = card_people(data).size();
  if (data.households <= 0) return fill_sheets(people);
  if (data.stewards.empty()) {
    // 网格长 and 专职网格员 stand in for the building: one card per household between them.
    const auto households = static_cast<std::size_t>(data.households);
    std::vector<std::size_t> counts(people, households / people);
    for (std::size_t i = 0; i < households % people; ++i) ++counts[i];
    return counts;
  }
  std::vector<std::size_t> counts;
  for (const StewardEntry& s : data.stewards)
    counts.push_back(static_cast<std::size_t>(std::max(s.households, 0)));
  return counts;
}

namespace {

const Colour white{1, 1, 1};

class CardPainter {
 public:
  // Copies what it draws from: the sheets are drawn later, by the PDF writer.
  CardPainter(const BoardData& data, const RenderEnv& env)
      : d_(data), env_(env), theme_(*env.theme), qr_(encode_qr(data.url)) {}

  static constexpr double qr_side = mm(22);

  void draw(cairo_t* cr, const Rect& r, const CardPerson& p) const;

 private:
  Text text(std::string_view s, double size, bool bold, const Colour& c, double width) const {
    TextStyle style{&theme_.sans, size, bold, c};
    style.line_spacing = 0;
    return Text(env_.context, s, style, width);
  }

  BoardData d_;
  RenderEnv env_;
  const PrintTheme& theme_;
  // Encoded once, drawn as paths on the card; the card is drawn once and placed on the
  // sheet as a PDF form (pdf_tile.h), not through a cairo recording (never freed, page.h).
  std::optional<QrMatrix> qr_;
};

void CardPainter::draw(cairo_t* cr, const Rect& r, const CardPerson& p) const {
  const double band = mm(9), pad = mm(3.5);
  // A hairline border: cards are often cut by hand with scissors.
  cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
  cairo_set_line_width(cr, 0.3);
  cairo_rectangle(cr, r.x + 0.15, r.y + 0.15, r.width - 0.3, r.height - 0.3);
  cairo_stroke(cr);
  set_colour(cr, theme_.primary);
  cairo_rectangle(cr, r.x, r.y, r.width, band);
  cairo_fill(cr);

  Text title = text(theme_.card_title, 12, true, white, 0);
  title.draw(cr, r.x + pad, r.y + (band - title.height()) / 2);
  const double room = r.width - 3 * pad - title.width();
  const double building_size =
      fit_size([&](double z) { return text(d_.building_name, z, false, theme_.accent, 0).width(); },
               room, 8.5, 6, 0.25);
  Text building = text(d_.building_name, building_size, false, theme_.accent, room);
  building.draw(cr, r.right() - pad - building.width(), r.y + (band - building.height()) / 2);

  const double qx = r.right() - pad - qr_side + mm(1.5);  // the quiet zone is white margin
  const double body_top = r.y + band + mm(2.5);
  if (qr_) draw_qr(cr, *qr_, qx, body_top, qr_side, theme_.text);
  Text scan = text(theme_.word("card_scan"), 6.5, false, theme_.muted, 0);
  scan.draw(cr, qx + (qr_side - scan.width()) / 2, body_top + qr_side - mm(1.5));

  // Everything left of the QR shrinks together until it fits the card.
  const double w = qx - r.x - pad - mm(1);
  // The bottom line: where to turn when the steward cannot be reached.
  std::string bottom = d_.place_line;
  if (!d_.hotline.empty()) bottom += " · " + theme_.word("hotline_short") + " " + d_.hotline;
  Text foot = text(bottom, 6.5, false, theme_.muted, r.width - 2 * pad);
  const double foot_y = r.bottom() - mm(2.5) - foot.height();
  foot.draw(cr, r.x + pad, foot_y);
  const double avail = foot_y - mm(1) - body_top;
  for (double f = 1.0;; f -= 0.05) {
    Text name = text(p.name, 16 * f, true, theme_.text, w);
    Text meta = text(p.meta, 8 * f, false, theme_.muted, w);
    Text label = text(theme_.word("phone"), 8 * f, true, theme_.muted, 0);
    const double phone_w = w - label.width() - mm(1.5);
    const double size =
        fit_size([&](double z) { return text(p.phone, z, true, theme_.primary, 0).width(); },
                 phone_w, 17 * f, 6, 0.25);
    Text phone = text(p.phone, size, true, theme_.primary, 0);
    Text units = text(p.units, 8 * f, false, theme_.text, w);
    const double gap = mm(1.2) * f;
    const double total = name.height() + gap + meta.height() + gap + phone.height() +
                         (units.empty() ? 0 : gap + units.height());
    if (total > avail && f > 0.45) continue;
    double y = body_top;
    name.draw(cr, r.x + pad, y);
    y += name.height() + gap;
    meta.draw(cr, r.x + pad, y);
    y += meta.height() + gap;
    label.draw(cr, r.x + pad, y + (phone.height() - label.height()) / 2);
    phone.draw(cr, r.x + pad + label.width() + mm(1.5), y);
    y += phone.height() + gap;
    units.draw(cr, r.x + pad, y);
    break;
  }
}

}  // namespace

CardSheets card_sheets(const BoardData& data, const RenderEnv& env) {
  CardSheets out;
  const Paper sheet = *paper_named("A4");
  const Paper card{"card", card_width, card_height};
  out.faces.push_back({sheet, [sheet](cairo_t* cr) {
                         cairo_set_source_rgb(cr, 0, 0, 0);
                         cairo_set_line_width(cr, 0.25);
                         for (const Line& l : crop_marks(sheet)) {
                           cairo_move_to(cr, l.x1, l.y1);
                           cairo_line_to(cr, l.x2, l.y2);
                         }
                         cairo_stroke(cr);
                       }});
  const auto painter = std::make_shared<const CardPainter>(data, env);
  const std::vector<CardPerson> people = card_people(data);
  for (const CardPerson& person : people) {
    out.faces.push_back({card, [painter, person, card](cairo_t* cr) {
                           const Rect r{0, 0, card.width, card.height};
                           cairo_rectangle(cr, r.x, r.y, r.width, r.height);
                           cairo_clip(cr);
                           painter->draw(cr, r, person);
                         }});
  }
  const std::vector<std::size_t> order = card_assignment(card_counts(data));
  const std::vector<Rect> slots = card_slots(sheet);
  for (std::size_t first = 0; first < order.size(); first += cards_per_sheet) {
    TiledPage page{sheet, {{0, 0, 0}}};
    for (std::size_t i = 0; i < cards_per_sheet && first + i < order.size(); ++i)
      page.placements.push_back({1 + order[first + i], slots[i].x, slots[i].y});
    out.sheets.push_back(std::move(page));
  }
  return out;
}

std::string card_sheets_pdf(const CardSheets& sheets, const PdfInfo& info) {
  std::vector<const Page*> faces;
  for (const Page& face : sheets.faces) faces.push_back(&face);
  return tile_pages(pdf_document(faces, info), sheets.sheets);
}

std::vector<Page> render_cards(const BoardData& data, const RenderEnv& env) {
  const auto sheets = std::make_shared<const CardSheets>(card_sheets(data, env));
  std::vector<Page> pages;
  for (const TiledPage& tiled : sheets->sheets) {
    pages.push_back({tiled.paper, [sheets, &tiled](cairo_t* cr) {
                       for (const Placement& place : tiled.placements) {
                         const Page& face = sheets->faces[place.page];
                         cairo_save(cr);
                         cairo_translate(cr, place.x, place.y);
                         cairo_rectangle(cr, 0, 0, face.paper.width, face.paper.height);
                         cairo_clip(cr);
                         face.draw(cr);
                         cairo_restore(cr);
                       }
                     }});
  }
  return pages;
}

}  // namespace hgj::print
