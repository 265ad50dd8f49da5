// The fields of bundle.json, a table per record: JSON name, member, kind (bundle_kinds.h)
// and limits. Fields are read in the order listed, so the first problem of a record is
// the one reported. Keys are written sorted whatever the order here (nlohmann's objects),
// and every key is written, an absent optional value as null. The format is documented in
// docs/kiosk-bundle.md: a field added here gets its line there.
#include "bundle_fields.h"

#include <cstdio>

namespace hgj {

namespace {

using namespace bundle_kinds;

const TextRule an_id{[](std::string_view t) { return is_valid_id(t); }, "is not a valid id"};
const TextRule a_path{[](std::string_view t) { return is_safe_bundle_path(t); },
                      "is not a path inside the bundle"};
const TextRule a_time_zone{
    [](std::string_view t) { return TimeZone::make(std::string(t)).has_value(); },
    "is not a known time zone"};
const TextRule an_orientation{
    [](std::string_view t) { return t == "landscape" || t == "portrait"; },
    "is not landscape or portrait"};
const TextRule a_clock{[](std::string_view t) { return static_cast<bool>(parse_clock(t)); },
                       "is not a time like 23:00"};

std::string rule_text(const EventRule& rule) { return rule.text(); }
std::string date_time_text(const DateTime& t) { return t.text(); }
// "19:00-20:30": the kiosk reads it with parse_time_range; TimeRange::text() has an en dash.
std::string time_text(const TimeRange& t) {
  char text[32];
  std::snprintf(text, sizeof text, "%02d:%02d-%02d:%02d", t.start_minute / 60, t.start_minute % 60,
                t.end_minute / 60, t.end_minute % 60);
  return text;
}

const Record<KioskSettings>& kiosk_record() {
  using K = KioskSettings;
  static const Record<K> record{{
      count("slide_seconds", &K::slide_seconds),
      count("idle_seconds", &K::idle_seconds),
      text("night_from", &K::night_from),
      text("night_until", &K::night_until),
      text("night_mode", &K::night_mode),
  }};
  return record;
}

const Record<BundleSite>& site_record() {
  using S = BundleSite;
  static const Record<S> record{{
      text("title", &S::title),
      text("street", &S::street),
      text("district", &S::district),
      phone("hotline", &S::hotline),
      text("timezone", &S::timezone, &a_time_zone),
      text("language", &S::language),
      text("base_url", &S::base_url),
      text("duty_scheme", &S::duty_scheme),
      object("kiosk", &S::kiosk, kiosk_record()),
  }};
  return record;
}

const Record<BundleCommunity>& community_record() {
  using C = BundleCommunity;
  static const Record<C> record{{
      text("id", &C::id, &an_id),
      text("name", &C::name),
      text("party_secretary", &C::party_secretary),
      text("address", &C::address),
      phone("phone", &C::phone),
      text("office_hours", &C::office_hours),
      text("duty_scheme", &C::duty_scheme),
  }};
  return record;
}

const Record<BundleGrid>& grid_record() {
  using G = BundleGrid;
  static const Record<G> record{{
      text("id", &G::id, &an_id),
      text("name", &G::name),
      text("community", &G::community),
      text("leader", &G::leader),
      phone("leader_phone", &G::leader_phone),
      text("worker", &G::worker),
      phone("worker_phone", &G::worker_phone),
  }};
  return record;
}

// A private category's story stays out of the file altogether: no title or resolution key.
bool is_public(const BundleIssue& i) { return !i.private_category; }

const Record<BundleIssue>& issue_record() {
  using I = BundleIssue;
  static const Record<I> record{{
      text("id", &I::id, &an_id),
      text("category", &I::category),
      flag("private", &I::private_category),
      only_when(is_public, text("title", &I::title)),
      only_when(is_public, text("resolution", &I::resolution)),
      date("closed_on", &I::closed_on),
      text("level", &I::level),
      text("outcome", &I::outcome),
      text("outcome_label", &I::outcome_label),
      text("steward", &I::steward),
      text("steward_name", &I::steward_name),
  }};
  return record;
}

const Record<BundleBuilding>& building_record() {
  using B = BundleBuilding;
  static const Record<B> record{{
      text("id", &B::id, &an_id),
      text("name", &B::name),
      text("community", &B::community),
      text("grid", &B::grid),
      text("address", &B::address),
      count("units", &B::units),
      count("households", &B::households),
      text("property", &B::property),
      phone("property_phone", &B::property_phone),
      text("url", &B::url),
      records("recent_issues", &B::recent_issues, issue_record()),
  }};
  return record;
}

void check_units(BundleReader& r, const BuildingRef& ref) {
  if (ref.last_unit < ref.first_unit) r.fail("last_unit", "is before first_unit");
}

const Record<BuildingRef>& building_ref_record() {
  using R = BuildingRef;
  static const Record<R> record{{
                                    text("building", &R::building, &an_id),
                                    count("first_unit", &R::first_unit),
                                    count("last_unit", &R::last_unit),
                                },
                                check_units};
  return record;
}

const Record<BundleSteward>& steward_record() {
  using S = BundleSteward;
  static const Record<S> record{{
      text("id", &S::id, &an_id),
      text("name", &S::name),
      phone("phone", &S::phone),
      text("role", &S::role),
      flag("party_member", &S::party_member),
      records("buildings", &S::buildings, building_ref_record()),
      date("since", &S::since),
      texts("honors", &S::honors),
      text("office_hours", &S::office_hours),
      text("intro", &S::intro),
      text_or_null("photo", &S::photo, &a_path),
      text_or_null("wechat_qr", &S::wechat_qr, &a_path),
  }};
  return record;
}

const Record<DutyGroup>& duty_group_record() {
  static const Record<DutyGroup> record{{
      text("name", &DutyGroup::name),
      texts("items", &DutyGroup::items),
  }};
  return record;
}

const Record<BundleDutyScheme>& duty_record() {
  using D = BundleDutyScheme;
  static const Record<D> record{{
      text("id", &D::id, &an_id),
      text("title", &D::title),
      records("groups", &D::groups, duty_group_record()),
      text("intro", &D::intro),
  }};
  return record;
}

void check_one_of_date_and_rule(BundleReader& r, const Schedule& s) {
  if (s.date.has_value() == s.rule.has_value())
    r.fail("date", "exactly one of date and rule must be set");
}

// An event's schedule: its keys stand in the event's object.
const Record<Schedule>& schedule_record() {
  using S = Schedule;
  static const Record<S> record{{
                                    date("date", &S::date),
                                    parsed_or_null("rule", &S::rule, rule_text, parse_event_rule),
                                    parsed_or_null("time", &S::time, time_text, parse_time_range),
                                    date("from", &S::from),
                                    date("until", &S::until),
                                },
                                check_one_of_date_and_rule};
  return record;
}

const Record<BundleEvent>& event_record() {
  using E = BundleEvent;
  static const Record<E> record{{
      text("id", &E::id, &an_id),
      text("title", &E::title),
      text("kind", &E::kind),
      texts("scope", &E::scope),
      text("location", &E::location),
      inline_fields(&E::schedule, schedule_record()),
      text("text", &E::text),
  }};
  return record;
}

const Record<BundleNotice>& notice_record() {
  using N = BundleNotice;
  static const Record<N> record{{
      text("id", &N::id, &an_id),
      text("title", &N::title),
      date("date", &N::date),
      date("expires", &N::expires),
      texts("scope", &N::scope),
      flag("pinned", &N::pinned),
      added_later(flag("urgent", &N::urgent)),
      added_later(parsed_or_null("start", &N::start, date_time_text, parse_date_time,
                                 "is not a date or a date and time")),
      text("text", &N::text),
  }};
  return record;
}

const Record<BundleScreen>& screen_record() {
  using S = BundleScreen;
  static const Record<S> record{{
      text("id", &S::id, &an_id),
      text("building", &S::building, &an_id),
      text_or_null("orientation", &S::orientation, &an_orientation),
      text_or_null("size", &S::size),
      text_or_null("night_from", &S::night_from, &a_clock),
      text_or_null("night_until", &S::night_until, &a_clock),
      text("note", &S::note),
  }};
  return record;
}

json generated_at_iso(const Bundle& b) { return iso8601_utc(b.generated_at); }

}  // namespace

const Record<Bundle>& bundle_record() {
  static const Record<Bundle> record{{
      integer("format_version", &Bundle::format_version),
      integer("generated_at", &Bundle::generated_at),
      derived("generated_at_iso", generated_at_iso),
      object("site", &Bundle::site, site_record()),
      records("communities", &Bundle::communities, community_record()),
      records("grids", &Bundle::grids, grid_record()),
      records("buildings", &Bundle::buildings, building_record()),
      records("stewards", &Bundle::stewards, steward_record()),
      records("duties", &Bundle::duties, duty_record()),
      records("events", &Bundle::events, event_record()),
      records("notices", &Bundle::notices, notice_record()),
      added_later(records("screens", &Bundle::screens, screen_record())),
      // Bundles made before the kiosk's words came from the theme have none.
      added_later(words("strings", &Bundle::strings)),
  }};
  return record;
}

}  // namespace hgj
