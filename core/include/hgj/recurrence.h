// When events happen: the next occurrences of a dated or repeating event after an
// instant, in the site's time zone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hgj/values.h"

namespace hgj {

// Seconds since the Unix epoch, UTC.
using Instant = std::int64_t;

// The zone of a site that names none, and of a kiosk before its first bundle.
inline constexpr const char* default_timezone = "Asia/Shanghai";

// A time zone by IANA name (ICU's database). Unknown names are rejected by make().
class TimeZone {
 public:
  static std::optional<TimeZone> make(const std::string& iana_name);
  const std::string& name() const { return name_; }
  // Offset from UTC in seconds at the given instant.
  int offset_at(Instant t) const;
  // The local calendar date and minute of day of an instant.
  Date local_date(Instant t) const;
  int local_minute(Instant t) const;
  // The instant of a local date and minute of day.
  Instant to_instant(const Date& d, int minute_of_day) const;

 private:
  std::string name_;
};

// What the recurrence needs to know of an event.
struct Schedule {
  std::optional<Date> date;       // a one-off event …
  std::optional<EventRule> rule;  // … or a repeating one
  std::optional<TimeRange> time;  // absent: all day
  std::optional<Date> from;       // first day the rule applies (inclusive)
  std::optional<Date> until;      // last day the rule applies (inclusive)
};

struct Occurrence {
  Date date;
  std::optional<TimeRange> time;
  Instant start = 0;  // all-day events start at local midnight …
  Instant end = 0;    // … and end at the next midnight
};

// The dates a rule produces in [first, last], in order.
std::vector<Date> rule_dates(const EventRule& rule, const Date& first, const Date& last);

// The next `count` occurrences that have not ended by `after` (an occurrence in
// progress at `after` is included), at most ~10 years ahead.
std::vector<Occurrence> next_occurrences(const Schedule& schedule, const TimeZone& zone,
                                         Instant after, int count);

}  // namespace hgj
