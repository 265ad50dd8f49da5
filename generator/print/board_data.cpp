#include "print/board_data.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <tuple>
#include <utility>

#include "hgj/unit_span.h"
#include "print/print_theme.h"
#include "site/pages/urls.h"

namespace hgj::print {

std::string chinese_date(const Date& d) { return d.chinese(); }

std::string event_when(const Schedule& schedule) {
  std::string when;
  if (schedule.rule) {
    when = schedule.rule->chinese();
  } else if (schedule.date) {
    when = chinese_date(*schedule.date);
  }
  if (schedule.time) when += " " + schedule.time->text();
  return when;
}

std::string units_text(const BuildingRef& ref, const PrintTheme& theme) {
  if (ref.whole_building()) return {};
  return theme.word("serves_units") + unit_span(ref) + theme.word("unit_unit");
}

int households_served(const Building& b, const BuildingRef& ref) {
  if (b.households <= 0) return 0;
  if (ref.whole_building() || b.units <= 0) return b.households;
  // The loader keeps ranges inside 1..units; clamped again so a hand-made model cannot
  // ask for more households than the building has.
  const int first = std::max(ref.first_unit, 1), last = std::min(ref.last_unit, b.units);
  if (last < first) return 0;
  const long long share = static_cast<long long>(b.households) * (last - first + 1);
  return static_cast<int>((share + b.units - 1) / b.units);
}

namespace {

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::string phone_text(const std::optional<Phone>& phone) {
  return phone ? phone->display : std::string();
}

StewardEntry steward_entry(const Steward& s, const Building& b, const PrintTheme& theme) {
  const std::string& building_id = b.id;
  StewardEntry e;
  e.id = s.id;
  e.name = s.name;
  e.role = s.role;
  for (const BuildingRef& ref : s.buildings) {
    if (ref.building != building_id) continue;
    e.units = units_text(ref, theme);
    // Two ranges of one building (dpb-03:1、dpb-03:3) serve the households of both.
    e.households = std::min(b.households, e.households + households_served(b, ref));
  }
  e.phone = phone_text(s.phone);
  e.hours = s.office_hours;
  e.honors = join(s.honors, "；");
  e.party_member = s.party_member;
  e.card_meta = theme.word("steward_number") + " " + s.id;
  if (s.party_member) e.card_meta += " · " + theme.word("party_member");
  e.photo = s.photo;
  e.wechat_qr = s.wechat_qr;
  return e;
}

std::string building_line(const Building& b, const PrintTheme& theme) {
  std::vector<std::string> parts;
  if (!b.address.empty()) parts.push_back(b.address);
  if (b.units > 0) parts.push_back(std::to_string(b.units) + theme.word("units_unit"));
  if (b.households > 0)
    parts.push_back(std::to_string(b.households) + theme.word("households_unit"));
  return join(parts, " · ");
}

std::vector<ContactEntry> contacts(const Content& content, const Building& b,
                                   const PrintTheme& theme) {
  std::vector<ContactEntry> out;
  if (const Grid* g = content.grid(b.grid)) {
    if (!g->leader.empty())
      out.push_back({theme.word("grid_leader"), g->leader, phone_text(g->leader_phone), g->name});
    if (!g->worker.empty())
      out.push_back({theme.word("grid_worker"), g->worker, phone_text(g->worker_phone), {}});
  }
  if (const Community* c = content.community(b.community)) {
    std::vector<std::string> notes;
    if (!c->party_secretary.empty())
      notes.push_back(theme.word("party_secretary") + " " + c->party_secretary);
    if (!c->office_hours.empty()) notes.push_back(c->office_hours);
    if (!c->address.empty()) notes.push_back(c->address);
    out.push_back({theme.word("community"), c->name, phone_text(c->phone), join(notes, " · ")});
  }
  if (!b.property.empty() || b.property_phone) {
    out.push_back({theme.word("property"), b.property, phone_text(b.property_phone), {}});
  }
  return out;
}

int kind_rank(const std::string& kind) {
  const auto& kinds = event_kinds();
  return static_cast<int>(std::find(kinds.begin(), kinds.end(), kind) - kinds.begin());
}

// How closely an event's scope fits the building: its own events first, then the
// community's, then the street's.
int scope_rank(const Event& e, const Building& b) {
  if (e.scope.empty()) return 2;
  return std::find(e.scope.begin(), e.scope.end(), b.id) != e.scope.end() ? 0 : 1;
}

// The board's events, and how many more cover the building than it has room for.
std::pair<std::vector<EventEntry>, int> events(const Content& content, const Building& b,
                                               const Date& today) {
  std::vector<const Event*> chosen;
  for (const Event& e : content.events) {
    // A board hangs for months: only standing rules belong on it, not one-off dates.
    if (!e.schedule.rule || !content.scope_covers(e.scope, b)) continue;
    if (e.schedule.until && *e.schedule.until < today) continue;
    chosen.push_back(&e);
  }
  std::stable_sort(chosen.begin(), chosen.end(), [&b](const Event* x, const Event* y) {
    const int sx = scope_rank(*x, b), sy = scope_rank(*y, b);
    return sx != sy ? sx < sy : kind_rank(x->kind) < kind_rank(y->kind);
  });
  std::vector<EventEntry> out;
  for (const Event* e : chosen) {
    EventEntry entry{e->kind, e->title, event_when(e->schedule), e->location};
    // Two files saying the same thing (a meeting entered twice) are one event, on the
    // board or in the count.
    if (std::find(out.begin(), out.end(), entry) == out.end()) out.push_back(std::move(entry));
  }
  const int more = static_cast<int>(out.size() - std::min(out.size(), kBoardEventsMax));
  out.resize(std::min(out.size(), kBoardEventsMax));
  return {std::move(out), more};
}

// FNV-1a: a stable fingerprint (not security) so staff can tell two prints apart.
struct Fingerprint {
  std::uint64_t h = 14695981039346656037ull;
  void add(const std::string& s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0x1f) * 1099511628211ull;  // field separator
  }
  std::string hex8() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return std::string(buf, 8);
  }
};

std::string fingerprint(const BoardData& d) {
  Fingerprint f;
  for (const std::string* s : {&d.building_id, &d.building_name, &d.building_line, &d.place_line,
                               &d.duty_title, &d.url, &d.hotline}) {
    f.add(*s);
  }
  for (const StewardEntry& s : d.stewards) {
    for (const std::string* v : {&s.id, &s.name, &s.role, &s.units, &s.phone, &s.hours, &s.honors,
                                 &s.photo, &s.wechat_qr}) {
      f.add(*v);
    }
    f.add(s.party_member ? "1" : "0");
  }
  for (const DutyGroup& g : d.duty_groups) {
    f.add(g.name);
    for (const std::string& item : g.items) f.add(item);
  }
  for (const EventEntry& e : d.events) {
    for (const std::string* v : {&e.kind, &e.title, &e.when, &e.location}) f.add(*v);
  }
  if (d.more_events > 0)
    f.add(std::to_string(d.more_events));  // boards printed before keep their stamp
  for (const ContactEntry& c : d.contacts) {
    for (const std::string* v : {&c.label, &c.name, &c.phone, &c.note}) f.add(*v);
  }
  return f.hex8();
}

}  // namespace

BoardData assemble_board(const Content& content, const Building& b, const std::string& base_url,
                         const Date& today, const PrintTheme& theme) {
  BoardData d;
  d.building_id = b.id;
  d.building_name = b.name;
  d.building_line = building_line(b, theme);
  d.households = b.households;
  d.community_id = b.community;
  const Community* community = content.community(b.community);
  d.place_line = content.site.district + content.site.street;
  if (community) d.place_line += " · " + community->name;
  for (const Steward* s : content.stewards_of_building(b.id))
    d.stewards.push_back(steward_entry(*s, b, theme));
  if (const DutyScheme* scheme = content.duty_scheme_for_building(b.id)) {
    d.duty_title = scheme->title.empty() ? theme.word("duties") : scheme->title;
    d.duty_groups = scheme->groups;
  }
  std::tie(d.events, d.more_events) = events(content, b, today);
  d.contacts = contacts(content, b, theme);
  d.url = site::absolute_url(base_url, site::building_path(b.id));  // the page the site writes
  d.hotline = phone_text(content.site.hotline);
  d.print_date = chinese_date(today);
  d.recruiting = theme.word("card_recruiting");
  d.content_hash = fingerprint(d);
  return d;
}

}  // namespace hgj::print
