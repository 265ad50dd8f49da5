#include "site/pages/ics.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "site/pages/markdown.h"

namespace hgj::site {

namespace {

const char* const kByDay[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

std::string two(int n) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return buf;
}

std::string ics_date(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year, d.month, d.day);
  return buf;
}

std::string ics_local(const Date& d, int minute) {
  return ics_date(d) + "T" + two(minute / 60) + two(minute % 60) + "00";
}

std::string host_of(std::string_view url) {
  if (auto p = url.find("://"); p != std::string_view::npos) url.remove_prefix(p + 3);
  if (auto p = url.find('/'); p != std::string_view::npos) url = url.substr(0, p);
  return url.empty() ? std::string("hgj") : std::string(url);
}

// A VTIMEZONE with the zone's offset. hgj's zones (China) keep no daylight saving time;
// for other zones this is the offset at build time.
std::string vtimezone(const TimeZone& zone, Instant now) {
  const int offset = zone.offset_at(now);
  const int mins = (offset < 0 ? -offset : offset) / 60;
  const std::string off = std::string(offset < 0 ? "-" : "+") + two(mins / 60) + two(mins % 60);
  std::string out = "BEGIN:VTIMEZONE\r\nTZID:" + zone.name() + "\r\n";
  out += "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n";
  out += "TZOFFSETFROM:" + off + "\r\nTZOFFSETTO:" + off + "\r\n";
  if (zone.name() == "Asia/Shanghai") out += "TZNAME:CST\r\n";
  out += "END:STANDARD\r\nEND:VTIMEZONE\r\n";
  return out;
}

// The first day a repeating event happens: on or after `from`, or for rules without one,
// on or after the start of the year before `now` (any past anchor works for clients).
std::optional<Date> first_date(const Event& e, const TimeZone& zone, Instant now) {
  const Schedule& s = e.schedule;
  Date start = s.from ? *s.from : Date{zone.local_date(now).year - 1, 1, 1};
  const Date last = Date::from_days_since_epoch(start.days_since_epoch() + 400);
  for (const Date& d : rule_dates(*s.rule, start, last)) {
    if (!s.until || d <= *s.until) return d;
  }
  return std::nullopt;
}

void add(std::string& out, std::string_view line) { out += ics_fold(line); }

void add_event(std::string& out, const CalendarInfo& info, const Event& e, const TimeZone& zone,
               Instant now) {
  const Schedule& s = e.schedule;
  std::optional<Date> first = s.date;
  if (!first && s.rule) first = first_date(e, zone, now);
  if (!first) return;  // a rule whose from/until leave no day
  add(out, "BEGIN:VEVENT");
  add(out, "UID:" + ics_escape(e.id) + "@" + host_of(info.base_url));
  add(out, "DTSTAMP:" + ics_utc(now));
  const std::string tz = ";TZID=" + zone.name() + ":";
  if (s.time) {
    add(out, "DTSTART" + tz + ics_local(*first, s.time->start_minute));
    add(out, "DTEND" + tz + ics_local(*first, s.time->end_minute));
  } else {
    add(out, "DTSTART;VALUE=DATE:" + ics_date(*first));
    add(out,
        "DTEND;VALUE=DATE:" + ics_date(Date::from_days_since_epoch(first->days_since_epoch() + 1)));
  }
  if (s.rule) {
    std::string until;
    if (s.until) {
      // With a TZID start, UNTIL must be UTC: the end of the last local day.
      until = s.time ? ics_utc(zone.to_instant(*s.until, 24 * 60) - 1) : ics_date(*s.until);
    }
    add(out, "RRULE:" + ics_rrule(*s.rule, until));
  }
  add(out, "SUMMARY:" + ics_escape(e.title));
  if (!e.location.empty()) add(out, "LOCATION:" + ics_escape(e.location));
  if (!e.kind.empty()) add(out, "CATEGORIES:" + ics_escape(e.kind));
  const std::string text = markdown_to_text(e.body.text);
  if (!text.empty()) add(out, "DESCRIPTION:" + ics_escape(text));
  if (!info.url.empty()) add(out, "URL:" + info.url + "#event-" + e.id);
  add(out, "END:VEVENT");
}

}  // namespace

std::string ics_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string ics_fold(std::string_view line) {
  std::string out;
  std::size_t used = 0;  // octets on the current physical line
  std::size_t i = 0;
  while (i < line.size()) {
    std::size_t len = 1;  // the UTF-8 sequence starting at i
    const auto lead = static_cast<unsigned char>(line[i]);
    if (lead >= 0xF0)
      len = 4;
    else if (lead >= 0xE0)
      len = 3;
    else if (lead >= 0xC0)
      len = 2;
    len = std::min(len, line.size() - i);
    if (used + len > 75) {
      out += "\r\n ";
      used = 1;
    }
    out.append(line.substr(i, len));
    used += len;
    i += len;
  }
  out += "\r\n";
  return out;
}

std::string ics_rrule(const EventRule& rule, std::string_view until) {
  std::string out;
  if (rule.kind == EventRule::Kind::weekly) {
    out = std::string("FREQ=WEEKLY;BYDAY=") + kByDay[rule.weekday % 7];
  } else {
    out = "FREQ=MONTHLY";
    if (rule.kind == EventRule::Kind::quarterly) out += ";INTERVAL=3";
    if (rule.day <= 28) {
      out += ";BYMONTHDAY=" + std::to_string(rule.day);
    } else if (rule.day >= 31) {
      out += ";BYMONTHDAY=-1";
    } else {
      // The 29th/30th, or the month's last day when it is shorter.
      out += ";BYMONTHDAY=28";
      for (int d = 29; d <= rule.day; ++d) out += "," + std::to_string(d);
      out += ";BYSETPOS=-1";
    }
  }
  if (!until.empty()) out += ";UNTIL=" + std::string(until);
  return out;
}

std::string ics_utc(Instant t) {
  const long days = static_cast<long>(t >= 0 ? t / 86400 : (t - 86399) / 86400);
  const long secs = static_cast<long>(t - Instant{days} * 86400);
  const Date d = Date::from_days_since_epoch(days);
  return ics_date(d) + "T" + two(static_cast<int>(secs / 3600)) +
         two(static_cast<int>(secs / 60 % 60)) + two(static_cast<int>(secs % 60)) + "Z";
}

std::string ics_calendar(const CalendarInfo& info, const std::vector<const Event*>& events,
                         const TimeZone& zone, Instant now) {
  return IcsCalendars(info.base_url, info.url, zone, now).calendar(info.name, events);
}

IcsCalendars::IcsCalendars(std::string base_url, std::string url, const TimeZone& zone, Instant now)
    : info_{{}, std::move(base_url), std::move(url)},
      zone_(zone),
      now_(now),
      vtimezone_(vtimezone(zone, now)) {}

std::string IcsCalendars::calendar(const std::string& name,
                                   const std::vector<const Event*>& events) {
  std::string out;
  add(out, "BEGIN:VCALENDAR");
  add(out, "VERSION:2.0");
  add(out, "PRODID:-//hgj//hgj " HGJ_VERSION "//ZH");
  add(out, "CALSCALE:GREGORIAN");
  add(out, "METHOD:PUBLISH");
  add(out, "X-WR-CALNAME:" + ics_escape(name));
  add(out, "X-WR-TIMEZONE:" + zone_.name());
  out += vtimezone_;
  for (const Event* e : events) {
    auto [it, added] = vevents_.try_emplace(e);
    if (added) add_event(it->second, info_, *e, zone_, now_);
    out += it->second;
  }
  add(out, "END:VCALENDAR");
  return out;
}

}  // namespace hgj::site
