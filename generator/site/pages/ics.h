// iCalendar (RFC 5545) for the site's events: events.ics for the street and one per
// community. Lines end in CRLF and are folded at 75 octets; text is escaped; repeating
// events carry an RRULE, times a TZID with a VTIMEZONE.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "hgj/model.h"
#include "hgj/recurrence.h"

namespace hgj::site {

// TEXT value escaping: backslash, ';', ',' and newlines (as \n); CRs dropped.
std::string ics_escape(std::string_view text);

// One content line folded at 75 octets (never inside a UTF-8 sequence), each physical
// line ending in CRLF, continuation lines starting with a space.
std::string ics_fold(std::string_view line);

// The RRULE value for a rule ("FREQ=WEEKLY;BYDAY=TU"). Days past 28 clamp to the
// month's end as hgj's rules do (BYMONTHDAY=-1, or BYMONTHDAY=28,29,30;BYSETPOS=-1).
// `until` is the UNTIL value, already formatted; empty: no end.
std::string ics_rrule(const EventRule& rule, std::string_view until = {});

// 20260115T150000Z for an instant.
std::string ics_utc(Instant t);

struct CalendarInfo {
  std::string name;      // X-WR-CALNAME
  std::string base_url;  // for UIDs and URLs
  std::string url;       // URL of the events page
};

// A whole VCALENDAR with the given events (in order), stamped `now`.
std::string ics_calendar(const CalendarInfo& info, const std::vector<const Event*>& events,
                         const TimeZone& zone, Instant now);

// Several calendars over the same events, as the street's and each community's are: an
// event's VEVENT is made once however many calendars list it (a street-wide event is in
// all 500 of a city's). Each calendar is given its name; `base_url` and `url` are
// CalendarInfo's. Not for use from several threads at once.
class IcsCalendars {
 public:
  IcsCalendars(std::string base_url, std::string url, const TimeZone& zone, Instant now);
  // What ics_calendar() gives for `name` and `events`.
  std::string calendar(const std::string& name, const std::vector<const Event*>& events);

 private:
  CalendarInfo info_;  // without a name: the events' links only
  const TimeZone& zone_;
  Instant now_;
  std::string vtimezone_;
  std::unordered_map<const Event*, std::string> vevents_;
};

}  // namespace hgj::site
