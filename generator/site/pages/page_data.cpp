#include "site/pages/page_data.h"

#include <algorithm>

#include "hgj/speech.h"
#include "hgj/unit_span.h"
#include "site/pages/markdown.h"
#include "site/pages/urls.h"

namespace hgj::site {

namespace {

const char* const kWeekdays[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};

std::string clock_text(int minute) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

// The soonest 敲门日 covering one of the steward's buildings (or only `building_id`);
// of two at the same time, the one listed first.
std::string next_knock_text(const SiteIndex& s, const Steward& st, const std::string& building_id) {
  const std::pair<Occurrence, std::size_t>* best = nullptr;
  for (const BuildingRef& ref : st.buildings) {
    if (!building_id.empty() && ref.building != building_id) continue;
    const auto it = s.next_knock.find(ref.building);
    if (it == s.next_knock.end()) continue;
    const auto& [occurrence, index] = it->second;
    if (!best || occurrence.start < best->first.start ||
        (occurrence.start == best->first.start && index < best->second)) {
      best = &it->second;
    }
  }
  return best ? occurrence_text(best->first) : std::string();
}

}  // namespace

Data object() { return Data(Data::type::object); }

Data duty_groups(const DutyScheme& scheme) {
  std::vector<Data> groups;
  for (const DutyGroup& g : scheme.groups) {
    Data gd = object();
    gd["name"] = g.name;
    std::vector<Data> items;
    for (const std::string& item : g.items) items.push_back(Data(item));
    gd["items"] = list_of(std::move(items));
    groups.push_back(std::move(gd));
  }
  return list_of(std::move(groups));
}

Data list_of(std::vector<Data> items) {
  // kainjow copies a list it is given, every item deeply; the list is moved in instead.
  // (list_value() refers to a list the Data made, not a const object.)
  Data list(Data::type::list);
  const_cast<kainjow::mustache::list&>(list.list_value()).swap(items);
  return list;
}

Data text_or_false(const std::string& text) {
  if (text.empty()) return Data(false);
  return Data(text);
}

Data page(const std::string& title, const std::string& section) {
  Data d = object();
  d["page_title"] = title;
  d["section"] = section;
  return d;
}

void set_list(Data& d, const std::string& key, std::vector<Data> items) {
  d["has_" + key] = !items.empty();
  d[key] = items.empty() ? Data(false) : list_of(std::move(items));
}

Data phone_data(const std::optional<Phone>& phone) {
  if (!phone) return Data(false);
  Data d = object();
  d["display"] = phone->display;
  d["tel"] = phone->tel_uri();
  // The number and its extension ("转 12") apart, so a narrow screen breaks the line
  // before 转 and never inside either part.
  const size_t ext = phone->digits.find(',') == std::string::npos ? std::string::npos
                                                                  : phone->display.rfind(" 转 ");
  d["number"] = ext == std::string::npos ? phone->display : phone->display.substr(0, ext);
  d["ext"] = ext == std::string::npos ? Data(false) : Data(phone->display.substr(ext + 1));
  return d;
}

std::string date_text(const Date& d) { return d.chinese(); }

std::string month_text(const std::string& yyyy_mm) {
  // Months are keys made from Date::iso(), so always YYYY-MM; anything else as it is.
  const auto digit = [&](std::size_t i) { return yyyy_mm[i] >= '0' && yyyy_mm[i] <= '9'; };
  if (yyyy_mm.size() != 7 || yyyy_mm[4] != '-' || !digit(0) || !digit(1) || !digit(2) ||
      !digit(3) || !digit(5) || !digit(6))
    return yyyy_mm;
  return chinese_month(std::stoi(yyyy_mm.substr(0, 4)), std::stoi(yyyy_mm.substr(5, 2)));
}

std::string occurrence_text(const Occurrence& o) {
  std::string out = date_text(o.date) + "（" + kWeekdays[o.date.weekday() % 7] + "）";
  if (o.time) out += " " + clock_text(o.time->start_minute) + "–" + clock_text(o.time->end_minute);
  return out;
}

std::string units_text(const BuildingRef& ref) {
  if (ref.whole_building()) return {};
  return unit_span(ref) + "单元";
}

std::string body_html(const Markdown& body) {
  return body.empty() ? std::string() : markdown_to_html(body.text);
}

Data issue_row(const SiteIndex& s, const Issue& issue) {
  const Content& c = *s.content;
  const bool hidden = c.site.is_private_category(issue.category);
  Data d = object();
  d["id"] = issue.id;
  d["category"] = issue.category;
  d["category_url"] = category_path(s.slug_of(issue.category));
  // A building pulled down or merged keeps its name on its issues, without a link: its
  // page is gone. A steward who left keeps theirs as 原红管家, without link or phone.
  if (const Building* b = c.building(issue.building)) {
    d["building_name"] = b->name;
    d["building_url"] = building_path(issue.building, std::max(1, s.issue_page(issue)));
  } else {
    const Building* former = c.former_building(issue.building);
    d["building_name"] = former ? former->name : issue.building;
    d["building_url"] = false;
  }
  d["steward"] = false;
  d["former_steward"] = false;
  if (const Steward* st = issue.handled_by.empty() ? nullptr : c.steward(issue.handled_by)) {
    Data sd = object();
    sd["name"] = st->name;
    sd["url"] = steward_path(st->id);
    d["steward"] = std::move(sd);
  } else if (const Steward* former =
                 issue.handled_by.empty() ? nullptr : c.former_steward(issue.handled_by)) {
    d["former_steward"] = former->name;
  }
  d["level"] = text_or_false(issue.level);
  d["outcome_key"] = outcome_key(issue.outcome);
  d["outcome_label"] = outcome_label(issue.outcome);
  d["private"] = hidden;
  d["title"] = text_or_false(hidden ? std::string() : issue.title);
  d["resolution"] = text_or_false(hidden ? std::string() : issue.resolution);
  d["satisfaction"] = text_or_false(issue.satisfaction);
  d["reopened"] = issue.reopened > 0 ? Data(std::to_string(issue.reopened)) : Data(false);
  const auto days = issue.days_to_close();
  d["days"] = days ? Data(std::to_string(*days)) : Data(false);
  std::vector<Data> steps;
  for (int i = 0; i < step_count; ++i) {
    if (!issue.steps[i]) continue;
    Data step = object();
    step["label"] = step_label(static_cast<Step>(i));
    step["date"] = date_text(*issue.steps[i]);
    steps.push_back(std::move(step));
  }
  d["steps"] = list_of(std::move(steps));
  return d;
}

bool row_text_holds(const Data& row, char c) {
  const RowNames& names = issue_row_names();
  const auto holds = [c](const Data* value) {
    return value && value->is_string() && value->string_value().find(c) != std::string::npos;
  };
  const auto object_holds = [&](const Data& object, const std::set<std::string>& keys) {
    return std::any_of(keys.begin(), keys.end(),
                       [&](const std::string& key) { return holds(object.get(key)); });
  };
  if (object_holds(row, names.row)) return true;
  for (const auto& [key, nested] : names.nested) {
    const Data* value = row.get(key);
    if (value && value->is_object() && object_holds(*value, nested)) return true;
    if (value && value->is_list()) {
      for (const Data& item : value->list_value()) {
        if (object_holds(item, nested)) return true;
      }
    }
  }
  return false;
}

Data steward_card(const SiteIndex& s, const Steward& st, const std::string& building_id) {
  Data d = object();
  d["id"] = st.id;
  d["name"] = st.name;
  d["url"] = steward_path(st.id);
  // Photos and avatars are written by the images stage (site/images/images.h) at these paths.
  d["photo_url"] = st.photo.empty() ? "avatars/" + st.id + ".svg" : "photos/" + st.id + ".jpg";
  d["party_member"] = st.party_member;
  d["role"] = text_or_false(st.role);
  d["phone"] = phone_data(st.phone);
  d["office_hours"] = text_or_false(st.office_hours);
  d["qr_url"] = st.wechat_qr.empty() ? Data(false) : Data("qr/" + st.id + ".png");
  std::string units;
  for (const BuildingRef& ref : st.buildings) {
    if (ref.building == building_id) units = units_text(ref);
  }
  d["units"] = text_or_false(units);
  d["show_units"] = !building_id.empty();
  // What the 朗读 button says (site.js hands it to speechSynthesis).
  d["speech"] = steward_speech("红管家", st.name, st.phone, next_knock_text(s, st, building_id));
  return d;
}

Data building_link(const Building& b) {
  Data d = object();
  d["name"] = b.name;
  d["url"] = building_path(b.id);
  d["address"] = text_or_false(b.address);
  return d;
}

std::string scope_text(const SiteIndex& s, const std::vector<std::string>& scope) {
  if (scope.empty()) return "全街道";
  std::string out;
  for (const std::string& id : scope) {
    if (!out.empty()) out += "、";
    if (const Community* c = s.content->community(id))
      out += c->name;
    else if (const Building* b = s.content->building(id))
      out += b->name;
    else
      out += id;
  }
  return out;
}

Data event_item(const SiteIndex& s, const Event& e, int occurrences) {
  Data d = object();
  d["id"] = e.id;
  d["title"] = e.title;
  d["kind"] = text_or_false(e.kind);
  d["location"] = text_or_false(e.location);
  d["scope"] = scope_text(s, e.scope);
  d["url"] = events_path();
  std::string rule;
  if (e.schedule.rule) {
    rule = e.schedule.rule->chinese();
    if (e.schedule.time) rule += " " + e.schedule.time->text();
  }
  d["rule"] = text_or_false(rule);
  std::vector<Data> next;
  std::string day, time;  // the first one's date and time apart: a narrow screen breaks between
  // The next one alone was worked out by assemble (most pages list events that way).
  const auto known = s.next_occurrence.find(e.id);
  const std::vector<Occurrence> upcoming =
      occurrences == 1 && known != s.next_occurrence.end()
          ? (known->second ? std::vector<Occurrence>{*known->second} : std::vector<Occurrence>{})
          : next_occurrences(e.schedule, s.zone, s.now, occurrences);
  for (const Occurrence& o : upcoming) {
    const std::string text = occurrence_text(o);
    if (next.empty()) {
      const std::size_t space = text.find(' ');
      day = text.substr(0, space);
      if (space != std::string::npos) time = text.substr(space + 1);
    }
    next.push_back(Data(text));
  }
  d["next_first"] = next.empty() ? Data(false) : next.front();
  set_list(d, "next", std::move(next));
  d["next_day"] = text_or_false(day);
  d["next_time"] = text_or_false(time);
  return d;
}

Data notice_item(const Notice& n, bool with_body) {
  Data d = object();
  d["id"] = n.id;
  d["title"] = n.title;
  d["url"] = notice_path(n.id);
  d["date"] = date_text(n.date);
  d["date_iso"] = n.date.iso();
  d["expires"] = n.expires ? Data(date_text(*n.expires)) : Data(false);
  d["pinned"] = n.pinned;
  d["urgent"] = n.urgent;
  d["body_html"] = with_body ? body_html(n.body) : std::string();
  return d;
}

Data pager(int pages, int current, const std::function<std::string(int)>& path_of) {
  if (pages <= 1) return Data(false);
  std::vector<Data> items;
  for (int n = 1; n <= pages; ++n) {
    Data d = object();
    d["n"] = std::to_string(n);
    d["url"] = path_of(n);
    d["current"] = n == current;
    items.push_back(std::move(d));
  }
  Data p = object();
  p["pages"] = list_of(std::move(items));
  p["prev"] = current > 1 ? Data(path_of(current - 1)) : Data(false);
  p["next"] = current < pages ? Data(path_of(current + 1)) : Data(false);
  return p;
}

}  // namespace hgj::site
