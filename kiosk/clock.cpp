#include "clock.h"

#include <chrono>
#include <cstdio>

namespace hgj::kiosk {

Instant system_now() {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

std::string chinese_weekday(const Date& d) {
  static const char* const names[] = {"星期一", "星期二", "星期三", "星期四",
                                      "星期五", "星期六", "星期日"};
  const int w = d.weekday();
  return (w >= 0 && w < 7) ? names[w] : "";
}

std::string chinese_date(const Date& d) { return d.chinese() + " " + chinese_weekday(d); }

std::string short_chinese_date(const Date& d) {
  return std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
}

std::string clock_text(int minute_of_day) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (minute_of_day / 60) % 24, minute_of_day % 60);
  return buf;
}

std::string chinese_moment(Instant t, const TimeZone& zone) {
  return short_chinese_date(zone.local_date(t)) + " " + clock_text(zone.local_minute(t));
}

Instant resolve_at(const AtTime& at, const TimeZone& zone) {
  const Date d{at.year, at.month, at.day};
  if (at.utc) return static_cast<Instant>(d.days_since_epoch()) * 86400 + at.minute_of_day * 60;
  return zone.to_instant(d, at.minute_of_day);
}

bool in_window(int m, int from, int until) {
  if (from == until) return false;
  if (from < until) return m >= from && m < until;
  return m >= from || m < until;
}

}  // namespace hgj::kiosk
