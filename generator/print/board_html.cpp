#include "print/board_html.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <kainjow/mustache.hpp>

#include "hgj/initials.h"
#include "print/text.h"
#include "site/templates/theme.h"

namespace hgj::print {

using Data = kainjow::mustache::data;

std::string colour_hex(const Colour& c) {
  const auto byte = [](double v) {
    return static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255));
  };
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", byte(c.r), byte(c.g), byte(c.b));
  return buf;
}

std::string qr_svg(const QrMatrix& qr, const std::string& colour, const std::string& label) {
  constexpr int quiet = 4;
  const std::string side = std::to_string(qr.size + 2 * quiet);
  // One "M x y h w v1 h-w z" per run of dark modules, like the PDF's rectangles.
  std::string path;
  qr.for_each_dark_run([&](int row, int col, int length) {
    const std::string w = std::to_string(length);
    path += "M" + std::to_string(quiet + col) + " " + std::to_string(quiet + row) + "h" + w +
            "v1h-" + w + "z";
  });
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " + side +
         "\" role=\"img\" aria-label=\"" + kainjow::mustache::html_escape<std::string>(label) +
         "\" shape-rendering=\"crispEdges\"><rect width=\"" + side + "\" height=\"" + side +
         "\" fill=\"#fff\"/><path fill=\"" + colour + "\" d=\"" + path + "\"/></svg>";
}

std::string qr_file_name(const BoardData& data) {
  return "qr-" + picture_file_name(data.building_id) + ".svg";
}

std::string board_qr_svg(const BoardData& data, const PrintTheme& print_theme) {
  const std::optional<QrMatrix> qr = encode_qr(data.url);
  return qr ? qr_svg(*qr, colour_hex(print_theme.text), print_theme.qr_caption) + "\n"
            : std::string();
}

std::string picture_file_name(const std::string& content_path) {
  std::string name;
  for (char c : content_path) {
    const bool plain =
        std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    name += c == '/' ? '-' : plain ? c : '_';
  }
  return name;
}

namespace {

// kainjow treats every string as true in a section: an empty one must be `false`.
Data text(const std::string& s) { return s.empty() ? Data(false) : Data(s); }

Data list_of(std::vector<Data> items) {
  Data list(Data::type::list);
  for (Data& item : items) list.push_back(item);
  return list;
}

Data steward_data(const StewardEntry& s, const PictureUrl& picture) {
  Data d;
  d.set("id", s.id);
  d.set("name", s.name);
  const std::string shown = initials(s.name);
  d.set("initial", shown);
  d.set("initial_wide",
        Data(first_character(shown).size() == shown.size() ? Data::type::bool_false
                                                           : Data::type::bool_true));
  d.set("role", text(s.role));
  d.set("units", text(s.units));
  d.set("phone", s.phone.empty() ? "—" : s.phone);
  d.set("hours", text(s.hours));
  d.set("honors", text(s.honors));
  d.set("party_member", s.party_member);
  d.set("photo", text(s.photo.empty() ? std::string() : picture(s.photo)));
  d.set("wechat_qr", text(s.wechat_qr.empty() ? std::string() : picture(s.wechat_qr)));
  return d;
}

std::string joined(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// Lines `s` takes at about `per_line` characters a line (CJK characters count one).
double text_lines(const std::string& s, double per_line) {
  std::size_t chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
  return chars == 0 ? 0 : std::ceil(static_cast<double>(chars) / per_line);
}

double duty_lines(const std::vector<DutyGroup>& groups) {
  double lines = 0;
  for (const DutyGroup& g : groups) lines += 0.3 + text_lines(joined(g.items, "、"), 18);
  return lines;
}

}  // namespace

BoardHtml::BoardHtml(const site::Theme& theme, const std::string& stylesheet,
                     const PrintTheme& print_theme, const Paper& paper)
    : theme_(theme),
      stylesheet_(stylesheet),
      print_theme_(print_theme),
      paper_(paper),
      templates_(std::make_unique<site::TemplateSet>(theme)) {}

BoardHtml::~BoardHtml() = default;

std::string BoardHtml::render(const BoardData& b, const PictureUrl& picture,
                              std::string& error) const {
  Data page;
  Data strings;
  for (const auto& [key, text] : theme_.strings()) strings.set(key, text);
  page.set("t", strings);
  page.set("stylesheet", stylesheet_);
  page.set("paper", paper_.name);
  page.set("paper_class", paper_.name == "A4" ? "a4" : "a3");
  // CSS pixels are 1/96 in, PDF points 1/72 in: 1123 for A3, 794 for A4.
  page.set("sheet_width_px", std::to_string(static_cast<int>(std::ceil(paper_.width * 96 / 72))));
  page.set("board_title", print_theme_.board_title);
  page.set("place_line", b.place_line);
  page.set("building_id", b.building_id);
  page.set("building_name", b.building_name);
  page.set("building_line", text(b.building_line));

  std::vector<Data> stewards;
  for (const StewardEntry& s : b.stewards) stewards.push_back(steward_data(s, picture));
  page.set("has_stewards", !stewards.empty());
  page.set("many_stewards", stewards.size() > 2);
  page.set("stewards", list_of(std::move(stewards)));
  page.set("wechat_caption", print_theme_.wechat_caption);

  std::vector<Data> duties;
  for (const DutyGroup& g : b.duty_groups) {
    Data d;
    d.set("name", g.name);
    d.set("items", joined(g.items, "、"));
    duties.push_back(d);
  }
  page.set("has_duties", !duties.empty());
  page.set("duty_title", b.duty_title);
  page.set("duty_groups", list_of(std::move(duties)));

  std::vector<Data> events;
  std::vector<std::string> kinds;
  for (const EventEntry& e : b.events) {
    if (std::find(kinds.begin(), kinds.end(), e.kind) == kinds.end()) kinds.push_back(e.kind);
    Data d;
    d.set("kind", e.kind);
    d.set("title", text(e.title));
    d.set("when", e.when);
    d.set("location", text(e.location));
    events.push_back(d);
  }
  page.set("has_events", !events.empty());
  page.set("events_title", joined(kinds, " · "));
  page.set("events", list_of(std::move(events)));
  page.set("more_events",
           text(b.more_events > 0 ? more_events_line(print_theme_, b.more_events) : ""));

  std::vector<Data> contacts;
  for (const ContactEntry& c : b.contacts) {
    Data d;
    d.set("label", c.label);
    d.set("name", text(c.name));
    d.set("phone", text(c.phone));
    d.set("note", text(c.note));
    contacts.push_back(d);
  }
  page.set("hotline", text(b.hotline));
  // Like the PDF's two balanced columns, roughly: the events go left, under the duties,
  // when that leaves the columns more even than putting them over the contacts.
  const double duties_h = b.duty_groups.empty() ? 0 : 1.5 + duty_lines(b.duty_groups);
  const double events_h = b.events.empty() ? 0
                                           : 1.5 + 2.2 * static_cast<double>(b.events.size()) +
                                                 (b.more_events > 0 ? 1.2 : 0);
  double contacts_h = 1.5 + (b.hotline.empty() ? 0 : 1.2);
  for (const ContactEntry& c : b.contacts) contacts_h += 1.2 + text_lines(c.note, 24);
  page.set("events_left",
           std::max(duties_h + events_h, contacts_h) <= std::max(duties_h, events_h + contacts_h));
  page.set("contacts", list_of(std::move(contacts)));

  page.set("qr_src", text(encode_qr(b.url) ? "img/" + qr_file_name(b) : ""));
  page.set("qr_caption", print_theme_.qr_caption);
  page.set("qr_note", print_theme_.qr_note);
  page.set("url", b.url);
  page.set("print_date", b.print_date);
  page.set("version", "hgj " HGJ_VERSION);
  page.set("content_hash", b.content_hash);
  return templates_->render(board_html_template, Data(), page, error);
}

}  // namespace hgj::print
