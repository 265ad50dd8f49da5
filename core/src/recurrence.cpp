// Event recurrence: the dates a rule produces and the next occurrences of an event as
// instants, using ICU's time zone database for the site's zone.
#include "hgj/recurrence.h"

#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <memory>

namespace hgj {
namespace {

constexpr Instant kSecondsPerDay = 86400;
// How far next_occurrences looks ahead: ten years, so a rule whose from/until leave
// nothing to find ends the search instead of running on.
constexpr long kHorizonDays = 3653;

Instant floor_div(Instant a, Instant b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

Date add_days(const Date& d, long n) {
  return Date::from_days_since_epoch(d.days_since_epoch() + n);
}

// The ICU zone for a name. TimeZone holds only the name (a plain value), and creating
// an ICU zone loads tz data, so keep one per name; per thread, so the cache needs no lock.
const icu::TimeZone& icu_zone(const std::string& name) {
  thread_local std::map<std::string, std::unique_ptr<icu::TimeZone>> cache;
  auto& zone = cache[name];
  if (!zone) zone.reset(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(name)));
  return *zone;
}

// Day `day` of the month, or the month's last day when it has fewer days.
Date clamped(int year, int month, int day) {
  return Date{year, month, std::clamp(day, 1, days_in_month(year, month))};
}

Date first_of_next_month(const Date& d) {
  return d.month == 12 ? Date{d.year + 1, 1, 1} : Date{d.year, d.month + 1, 1};
}

// The first date on or after `from` that the rule produces.
Date next_rule_date(const EventRule& rule, const Date& from) {
  if (rule.kind == EventRule::Kind::weekly) {
    const int wanted = ((rule.weekday % 7) + 7) % 7;
    return add_days(from, (wanted - from.weekday() + 7) % 7);
  }
  Date month = from;
  for (;;) {
    const bool quarter_start = (month.month - 1) % 3 == 0;
    if (rule.kind == EventRule::Kind::monthly || quarter_start) {
      const Date candidate = clamped(month.year, month.month, rule.day);
      if (candidate >= from) return candidate;
    }
    month = first_of_next_month(month);
  }
}

Occurrence make_occurrence(const Date& date, const std::optional<TimeRange>& time,
                           const TimeZone& zone) {
  Occurrence o{date, time, 0, 0};
  if (time) {
    o.start = zone.to_instant(date, time->start_minute);
    o.end = zone.to_instant(date, time->end_minute);
  } else {
    o.start = zone.to_instant(date, 0);
    o.end = zone.to_instant(add_days(date, 1), 0);
  }
  return o;
}

bool within(const Schedule& s, const Date& d) {
  return (!s.from || d >= *s.from) && (!s.until || d <= *s.until);
}

}  // namespace

std::optional<TimeZone> TimeZone::make(const std::string& iana_name) {
  if (iana_name.empty()) return std::nullopt;
  const icu::TimeZone& zone = icu_zone(iana_name);
  // ICU falls back to the "Etc/Unknown" zone (behaving as UTC) for names it lacks.
  icu::UnicodeString id, unknown;
  if (zone.getID(id) == icu::TimeZone::getUnknown().getID(unknown)) return std::nullopt;
  TimeZone tz;
  tz.name_ = iana_name;
  return tz;
}

int TimeZone::offset_at(Instant t) const {
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  icu_zone(name_).getOffset(static_cast<UDate>(t) * 1000.0, false, raw, dst, status);
  return U_SUCCESS(status) ? (raw + dst) / 1000 : 0;
}

Date TimeZone::local_date(Instant t) const {
  return Date::from_days_since_epoch(
      static_cast<long>(floor_div(t + offset_at(t), kSecondsPerDay)));
}

int TimeZone::local_minute(Instant t) const {
  const Instant local = t + offset_at(t);
  return static_cast<int>((local - floor_div(local, kSecondsPerDay) * kSecondsPerDay) / 60);
}

Instant TimeZone::to_instant(const Date& d, int minute_of_day) const {
  const Instant local = d.days_since_epoch() * kSecondsPerDay + Instant{minute_of_day} * 60;
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  const icu::TimeZone& zone = icu_zone(name_);
  // A local time skipped by a DST change (02:30 on spring-forward day) takes the offset
  // from before it, landing just after the gap; one repeated in autumn means its first
  // occurrence.
  if (auto* basic = dynamic_cast<const icu::BasicTimeZone*>(&zone)) {
    basic->getOffsetFromLocal(static_cast<UDate>(local) * 1000.0, UCAL_TZ_LOCAL_FORMER,
                              UCAL_TZ_LOCAL_FORMER, raw, dst, status);
  } else {
    zone.getOffset(static_cast<UDate>(local) * 1000.0, true, raw, dst, status);
  }
  return U_SUCCESS(status) ? local - (raw + dst) / 1000 : local;
}

std::vector<Date> rule_dates(const EventRule& rule, const Date& first, const Date& last) {
  std::vector<Date> dates;
  for (Date d = first; d <= last; d = add_days(d, 1)) {
    d = next_rule_date(rule, d);
    if (d > last) break;
    dates.push_back(d);
  }
  return dates;
}

std::vector<Occurrence> next_occurrences(const Schedule& schedule, const TimeZone& zone,
                                         Instant after, int count) {
  std::vector<Occurrence> out;
  if (count <= 0) return out;
  if (schedule.date) {
    Occurrence o = make_occurrence(*schedule.date, schedule.time, zone);
    if (within(schedule, *schedule.date) && o.end > after) out.push_back(o);
    return out;
  }
  if (!schedule.rule) return out;
  // An occurrence on an earlier local date ends by that date's midnight (times stop at
  // 24:00), so nothing before today's local date can still be running.
  const Date today = zone.local_date(after);
  Date d = schedule.from ? std::max(today, *schedule.from) : today;
  Date last = add_days(today, kHorizonDays);
  if (schedule.until) last = std::min(last, *schedule.until);
  for (; d <= last && static_cast<int>(out.size()) < count; d = add_days(d, 1)) {
    d = next_rule_date(*schedule.rule, d);
    if (d > last) break;
    Occurrence o = make_occurrence(d, schedule.time, zone);
    if (o.end > after) out.push_back(o);
  }
  return out;
}

}  // namespace hgj
