#include "studio/when.h"

#include <cstdio>
#include <ctime>

#include "hgj/values.h"

namespace hgj::studio {

std::string local_time_text(Instant t, const std::string& timezone) {
  std::optional<TimeZone> zone = TimeZone::make(timezone);
  if (!zone) zone = TimeZone::make(default_timezone);
  const int minute = zone->local_minute(t);
  char hhmm[32];
  std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", minute / 60, minute % 60);
  return zone->local_date(t).chinese() + " " + hhmm;
}

std::optional<Instant> parse_utc(const std::string& text) {
  std::tm tm{};
  char z = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &z) != 7 ||
      z != 'Z')
    return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<Instant>(::timegm(&tm));
}

std::string local_time_text(const std::string& utc, const std::string& timezone) {
  const std::optional<Instant> t = parse_utc(utc);
  return t ? local_time_text(*t, timezone) : utc;
}

}  // namespace hgj::studio
