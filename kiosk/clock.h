// Wall-clock time as the kiosk shows it: Chinese dates and times in the site's zone,
// and whether the clock can be trusted for dated items at all.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "hgj/recurrence.h"
#include "hgj/values.h"
#include "options.h"

namespace hgj::kiosk {

// Where "now" comes from: the system clock, or a fixed/advanced one in tests.
using NowFn = std::function<Instant()>;
Instant system_now();

// 2026年11月23日 星期一
std::string chinese_date(const Date& d);
// 11月23日
std::string short_chinese_date(const Date& d);
// 星期一
std::string chinese_weekday(const Date& d);
// 09:05
std::string clock_text(int minute_of_day);
// 「11月23日 08:00」 of an instant in `zone`.
std::string chinese_moment(Instant t, const TimeZone& zone);

// The instant --at names, in `zone` unless it is UTC.
Instant resolve_at(const AtTime& at, const TimeZone& zone);

// A clock that reads long before the bundle was generated is wrong (a lobby PC after a
// dead CMOS battery wakes up months or years back); dated items ("next 敲门日 on …"),
// the clock and night mode must not rely on it. A few days before is the publisher's
// clock running ahead, not ours: the screen's own NTP-synced clock is the one to show.
inline constexpr Instant publisher_clock_slack = 7 * 86400;
inline bool clock_trusted(Instant now, Instant generated_at) {
  return now >= generated_at - publisher_clock_slack;
}

// Whether minute `m` lies in the night window [from, until), which may wrap midnight.
bool in_window(int m, int from, int until);

}  // namespace hgj::kiosk
