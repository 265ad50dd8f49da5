// Bundle lookups. Linear scans: a bundle holds one street (hundreds of rows), and the
// kiosk looks things up when a slide changes, not per frame.
#include <algorithm>
#include <ctime>

#include "hgj/bundle.h"
#include "hgj/order.h"

namespace hgj {

namespace {

template <class T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

const std::vector<std::string>& bundle_string_keys() {
  // The steward slide's words (kiosk/draw_steward.cpp).
  static const std::vector<std::string> keys = {
      "your_stewards", "service_hours", "party_member", "kiosk_party_member", "steward_number",
      "serves_units", "unit_unit", "kiosk_since", "call_prefix", "phone", "community",
      "hotline_short", "kiosk_no_steward", "kiosk_ask", "kiosk_scan", "kiosk_scan_note",
      "kiosk_scan_short",
      // The buttons under every slide and the picker's (draw_chrome.cpp, draw_picker.cpp).
      "speak", "prev_page", "next_page", "kiosk_back_home", "kiosk_other_buildings",
      // The header, status line, list slides, urgent notice and picker (draw_chrome.cpp,
      // draw_lists.cpp, draw_urgent.cpp, draw_picker.cpp).
      "kiosk_title", "site_tagline", "kiosk_browsing", "kiosk_updated", "kiosk_stale",
      "kiosk_stale_days", "kiosk_touch_hint", "kiosk_events_title", "kiosk_today", "kiosk_tomorrow",
      "kiosk_day_after", "kiosk_event", "event_location", "duties", "kiosk_resolved_title",
      "kiosk_closed", "kiosk_private_issue", "kiosk_closed_on", "kiosk_solved_at",
      "kiosk_handled_by", "kiosk_published", "pinned", "title_notices", "kiosk_stars_street",
      "kiosk_stars_building", "kiosk_urgent", "kiosk_from", "kiosk_until", "kiosk_picker_title",
      "kiosk_picker_unknown", "kiosk_picker_unknown_end", "kiosk_stewards_unit",
      "kiosk_picker_no_steward", "page_n", "page_unit"};
  return keys;
}

const std::string& Bundle::word(const std::string& key) const {
  static const std::string none;
  auto it = strings.find(key);
  return it == strings.end() ? none : it->second;
}

const BundleCommunity* Bundle::community(std::string_view id) const {
  return find_by_id(communities, id);
}
const BundleGrid* Bundle::grid(std::string_view id) const { return find_by_id(grids, id); }
const BundleBuilding* Bundle::building(std::string_view id) const {
  return find_by_id(buildings, id);
}
const BundleSteward* Bundle::steward(std::string_view id) const { return find_by_id(stewards, id); }
const BundleDutyScheme* Bundle::duty_scheme(std::string_view id) const {
  return find_by_id(duties, id);
}

std::vector<const BundleSteward*> Bundle::stewards_of_building(std::string_view building_id) const {
  std::vector<const BundleSteward*> found;
  for (const BundleSteward& s : stewards) {
    const bool serves =
        std::any_of(s.buildings.begin(), s.buildings.end(),
                    [&](const BuildingRef& r) { return r.building == building_id; });
    if (serves) found.push_back(&s);
  }
  order_by_unit(found, building_id);  // as Content::stewards_of_building
  return found;
}

std::vector<const BundleBuilding*> Bundle::buildings_of_community(
    std::string_view community_id) const {
  std::vector<const BundleBuilding*> found;
  for (const BundleBuilding& b : buildings) {
    if (b.community == community_id) found.push_back(&b);
  }
  return found;
}

const BundleDutyScheme* Bundle::duty_scheme_for_building(std::string_view building_id) const {
  const BundleBuilding* b = building(building_id);
  if (!b) return nullptr;
  const BundleCommunity* c = community(b->community);
  if (c && !c->duty_scheme.empty()) {
    if (const BundleDutyScheme* own = duty_scheme(c->duty_scheme)) return own;
  }
  return site.duty_scheme.empty() ? nullptr : duty_scheme(site.duty_scheme);
}

bool Bundle::scope_covers(const std::vector<std::string>& scope, const BundleBuilding& b) const {
  if (scope.empty()) return true;
  return std::any_of(scope.begin(), scope.end(),
                     [&](const std::string& id) { return id == b.id || id == b.community; });
}

std::vector<const BundleEvent*> Bundle::events_for_building(const BundleBuilding& b) const {
  std::vector<const BundleEvent*> found;
  for (const BundleEvent& e : events) {
    if (scope_covers(e.scope, b)) found.push_back(&e);
  }
  return found;
}

std::vector<const BundleNotice*> Bundle::notices_for_building(const BundleBuilding& b,
                                                              const TimeZone& zone,
                                                              Instant at) const {
  const Date today = zone.local_date(at);
  const int minute = zone.local_minute(at);
  std::vector<const BundleNotice*> found;
  for (const BundleNotice& n : notices) {
    if (!notice_current(n.start, n.expires, today, minute)) continue;
    if (scope_covers(n.scope, b)) found.push_back(&n);
  }
  std::stable_sort(found.begin(), found.end(), [](const BundleNotice* x, const BundleNotice* y) {
    if (x->urgent != y->urgent) return x->urgent;
    if (x->pinned != y->pinned) return x->pinned;
    return x->date > y->date;
  });
  return found;
}

std::string iso8601_utc(Instant t) {
  const long days = static_cast<long>(t >= 0 ? t / 86400 : (t - 86399) / 86400);
  const long seconds = static_cast<long>(t - static_cast<Instant>(days) * 86400);
  const Date d = Date::from_days_since_epoch(days);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02ld:%02ld:%02ldZ", d.year, d.month, d.day,
                seconds / 3600, seconds / 60 % 60, seconds % 60);
  return text;
}

}  // namespace hgj
