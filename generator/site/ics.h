// iCalendar (RFC 5545) for the site's events: events.ics for the street and one per
// community. Lines end in CRLF and are folded at 75 octets; text is escaped; repeating
// events carry an RRULE, times a TZID with a VTIMEZONE.
#pragma once

#include <optional>
#include <string>
#include <string_view>
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

}  // namespace hgj::site
