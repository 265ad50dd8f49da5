// Serialising a bundle and its manifest. nlohmann's object keys are sorted, and every
// key of the schema is written (absent optional values as null), so the same bundle
// always gives the same bytes.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "hgj/bundle.h"
#include "hgj/sha256.h"

namespace hgj {

namespace {

using json = nlohmann::json;

json phone_json(const std::optional<Phone>& p) {
  if (!p) return nullptr;
  return json{{"display", p->display}, {"digits", p->digits}};
}

json date_json(const std::optional<Date>& d) { return d ? json(d->iso()) : json(nullptr); }

json path_json(const std::string& path) { return path.empty() ? json(nullptr) : json(path); }

std::string clock_text(int minute) {
  char text[24];
  std::snprintf(text, sizeof text, "%02d:%02d", minute / 60, minute % 60);
  return text;
}

json site_json(const BundleSite& s) {
  return json{{"title", s.title},
              {"street", s.street},
              {"district", s.district},
              {"hotline", phone_json(s.hotline)},
              {"timezone", s.timezone},
              {"language", s.language},
              {"base_url", s.base_url},
              {"duty_scheme", s.duty_scheme},
              {"kiosk",
               {{"slide_seconds", s.kiosk.slide_seconds},
                {"idle_seconds", s.kiosk.idle_seconds},
                {"night_from", s.kiosk.night_from},
                {"night_until", s.kiosk.night_until},
                {"night_mode", s.kiosk.night_mode}}}};
}

json community_json(const BundleCommunity& c) {
  return json{{"id", c.id},
              {"name", c.name},
              {"party_secretary", c.party_secretary},
              {"address", c.address},
              {"phone", phone_json(c.phone)},
              {"office_hours", c.office_hours},
              {"duty_scheme", c.duty_scheme}};
}

json grid_json(const BundleGrid& g) {
  return json{{"id", g.id},
              {"name", g.name},
              {"community", g.community},
              {"leader", g.leader},
              {"leader_phone", phone_json(g.leader_phone)},
              {"worker", g.worker},
              {"worker_phone", phone_json(g.worker_phone)}};
}

json issue_json(const BundleIssue& i) {
  json j{{"id", i.id},
         {"category", i.category},
         {"private", i.private_category},
         {"closed_on", i.closed_on.iso()},
         {"level", i.level},
         {"outcome", i.outcome},
         {"outcome_label", i.outcome_label},
         {"steward", i.steward},
         {"steward_name", i.steward_name}};
  // A private category's story stays out of the file altogether.
  if (!i.private_category) {
    j["title"] = i.title;
    j["resolution"] = i.resolution;
  }
  return j;
}

json building_json(const BundleBuilding& b) {
  json issues = json::array();
  for (const BundleIssue& i : b.recent_issues) issues.push_back(issue_json(i));
  return json{{"id", b.id},
              {"name", b.name},
              {"community", b.community},
              {"grid", b.grid},
              {"address", b.address},
              {"units", b.units},
              {"households", b.households},
              {"property", b.property},
              {"property_phone", phone_json(b.property_phone)},
              {"url", b.url},
              {"recent_issues", issues}};
}

json steward_json(const BundleSteward& s) {
  json refs = json::array();
  for (const BuildingRef& r : s.buildings)
    refs.push_back(
        {{"building", r.building}, {"first_unit", r.first_unit}, {"last_unit", r.last_unit}});
  return json{{"id", s.id},
              {"name", s.name},
              {"phone", phone_json(s.phone)},
              {"role", s.role},
              {"party_member", s.party_member},
              {"buildings", refs},
              {"since", date_json(s.since)},
              {"honors", s.honors},
              {"office_hours", s.office_hours},
              {"intro", s.intro},
              {"photo", path_json(s.photo)},
              {"wechat_qr", path_json(s.wechat_qr)}};
}

json duty_json(const BundleDutyScheme& d) {
  json groups = json::array();
  for (const DutyGroup& g : d.groups) groups.push_back({{"name", g.name}, {"items", g.items}});
  return json{{"id", d.id}, {"title", d.title}, {"groups", groups}, {"intro", d.intro}};
}

json event_json(const BundleEvent& e) {
  const Schedule& s = e.schedule;
  json time = nullptr;
  if (s.time) time = clock_text(s.time->start_minute) + "-" + clock_text(s.time->end_minute);
  return json{{"id", e.id},
              {"title", e.title},
              {"kind", e.kind},
              {"scope", e.scope},
              {"location", e.location},
              {"date", date_json(s.date)},
              {"rule", s.rule ? json(s.rule->text()) : json(nullptr)},
              {"time", time},
              {"from", date_json(s.from)},
              {"until", date_json(s.until)},
              {"text", e.text}};
}

json notice_json(const BundleNotice& n) {
  return json{{"id", n.id},           {"title", n.title},
              {"date", n.date.iso()}, {"expires", date_json(n.expires)},
              {"scope", n.scope},     {"pinned", n.pinned},
              {"urgent", n.urgent},   {"start", n.start ? json(n.start->text()) : json(nullptr)},
              {"text", n.text}};
}

json screen_json(const BundleScreen& s) {
  const auto or_null = [](const std::string& text) {
    return text.empty() ? json(nullptr) : json(text);
  };
  return json{{"id", s.id},
              {"building", s.building},
              {"orientation", or_null(s.orientation)},
              {"size", or_null(s.size)},
              {"night_from", or_null(s.night_from)},
              {"night_until", or_null(s.night_until)},
              {"note", s.note}};
}

template <class T, class Fn>
json array_of(const std::vector<T>& items, Fn&& to_json) {
  json list = json::array();
  for (const T& item : items) list.push_back(to_json(item));
  return list;
}

std::string dump(const json& doc) {
  // Content is UTF-8 by the time it gets here; replace rather than throw if not.
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string bundle_to_json(const Bundle& b) {
  json doc{{"format_version", b.format_version},
           {"generated_at", b.generated_at},
           {"generated_at_iso", iso8601_utc(b.generated_at)},
           {"site", site_json(b.site)},
           {"communities", array_of(b.communities, community_json)},
           {"grids", array_of(b.grids, grid_json)},
           {"buildings", array_of(b.buildings, building_json)},
           {"stewards", array_of(b.stewards, steward_json)},
           {"duties", array_of(b.duties, duty_json)},
           {"events", array_of(b.events, event_json)},
           {"notices", array_of(b.notices, notice_json)},
           {"screens", array_of(b.screens, screen_json)},
           {"strings", b.strings}};
  return dump(doc);
}

std::string manifest_to_json(const Manifest& m) {
  json files = json::array();
  for (const ManifestEntry& f : m.files)
    files.push_back({{"path", f.path}, {"sha256", f.sha256}, {"bytes", f.bytes}});
  json doc{{"format_version", m.format_version},
           {"generated_at", m.generated_at},
           {"generated_at_iso",
            m.generated_at_iso.empty() ? iso8601_utc(m.generated_at) : m.generated_at_iso},
           {"files", files}};
  return dump(doc);
}

Manifest make_manifest(const std::filesystem::path& dir, Instant generated_at) {
  namespace fs = std::filesystem;
  Manifest m;
  m.generated_at = generated_at;
  m.generated_at_iso = iso8601_utc(generated_at);
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string path = entry.path().lexically_relative(dir).generic_string();
    if (path == bundle_manifest_file || path == bundle_urgent_file) continue;
    if (!is_safe_bundle_path(path)) throw std::runtime_error(path + ": not a safe bundle path");
    ManifestEntry e;
    e.path = path;
    e.sha256 = sha256_file(entry.path(), &e.bytes);
    m.files.push_back(std::move(e));
  }
  std::sort(m.files.begin(), m.files.end(),
            [](const ManifestEntry& a, const ManifestEntry& b) { return a.path < b.path; });
  return m;
}

}  // namespace hgj
