#include <doctest/doctest.h>

#include "site/pages/ics.h"

using namespace hgj;
using namespace hgj::site;

TEST_CASE("ics_escape escapes backslash, semicolon, comma and newlines") {
  CHECK(ics_escape("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf");
  CHECK(ics_escape("敲门日：19:00") == "敲门日：19:00");
}

TEST_CASE("ics_fold keeps lines at 75 octets and never splits a UTF-8 character") {
  CHECK(ics_fold("SUMMARY:short") == "SUMMARY:short\r\n");
  const std::string ascii(100, 'x');
  CHECK(ics_fold(ascii) == std::string(75, 'x') + "\r\n " + std::string(25, 'x') + "\r\n");
  // 8 ASCII octets then 3-octet characters: the first line takes 22 of them (8 + 66 =
  // 74; a 23rd would make 77), continuation lines hold a space and 24 (1 + 72 = 73).
  std::string line = "SUMMARY:";
  for (int i = 0; i < 50; ++i) line += "红";
  const std::string folded = ics_fold(line);
  std::size_t start = 0, lines = 0;
  std::string unfolded;
  while (start < folded.size()) {
    const std::size_t end = folded.find("\r\n", start);
    REQUIRE(end != std::string::npos);
    const std::string physical = folded.substr(start, end - start);
    CHECK(physical.size() <= 75);
    unfolded += lines == 0 ? physical : physical.substr(1);
    if (lines > 0) CHECK(physical[0] == ' ');
    start = end + 2;
    ++lines;
  }
  CHECK(unfolded == line);
  CHECK(lines == 3);
  CHECK(folded.substr(0, 8 + 66) == line.substr(0, 74));
}

TEST_CASE("ics_rrule: weekly, monthly, quarterly and month-end clamping") {
  EventRule weekly{EventRule::Kind::weekly, 1, 0};
  CHECK(ics_rrule(weekly) == "FREQ=WEEKLY;BYDAY=TU");
  EventRule sunday{EventRule::Kind::weekly, 6, 0};
  CHECK(ics_rrule(sunday, "20261231T155959Z") == "FREQ=WEEKLY;BYDAY=SU;UNTIL=20261231T155959Z");
  EventRule monthly{EventRule::Kind::monthly, 0, 20};
  CHECK(ics_rrule(monthly) == "FREQ=MONTHLY;BYMONTHDAY=20");
  EventRule quarterly{EventRule::Kind::quarterly, 0, 15};
  CHECK(ics_rrule(quarterly) == "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15");
  EventRule last{EventRule::Kind::monthly, 0, 31};
  CHECK(ics_rrule(last) == "FREQ=MONTHLY;BYMONTHDAY=-1");
  // The 30th, or the last day of shorter months (February).
  EventRule thirtieth{EventRule::Kind::monthly, 0, 30};
  CHECK(ics_rrule(thirtieth) == "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1");
  EventRule q29{EventRule::Kind::quarterly, 0, 29};
  CHECK(ics_rrule(q29) == "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=28,29;BYSETPOS=-1");
}

TEST_CASE("ics_utc formats instants as UTC date-times") {
  CHECK(ics_utc(0) == "19700101T000000Z");
  CHECK(ics_utc(1795000000) == "20261118T110640Z");
  CHECK(ics_utc(-1) == "19691231T235959Z");
}

TEST_CASE("ics_calendar writes a VTIMEZONE, a repeating event with UNTIL in UTC, CRLF lines") {
  const auto zone = TimeZone::make("Asia/Shanghai");
  REQUIRE(zone);
  Event e;
  e.id = "knock";
  e.title = "周二敲门日, 晚上";
  e.kind = "敲门日";
  e.schedule.rule = EventRule{EventRule::Kind::weekly, 1, 0};
  e.schedule.time = TimeRange{19 * 60, 20 * 60 + 30};
  e.schedule.from = Date{2025, 1, 1};
  e.schedule.until = Date{2026, 12, 31};
  const std::string ics =
      ics_calendar({"街道", "https://x.cn", "https://x.cn/events/"}, {&e}, *zone, 1795000000);
  CHECK(ics.find("BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\n") != std::string::npos);
  CHECK(ics.find("TZOFFSETTO:+0800\r\n") != std::string::npos);
  CHECK(ics.find("UID:knock@x.cn\r\n") != std::string::npos);
  CHECK(ics.find("DTSTAMP:20261118T110640Z\r\n") != std::string::npos);
  // 2025-01-07 is the first Tuesday on or after from.
  CHECK(ics.find("DTSTART;TZID=Asia/Shanghai:20250107T190000\r\n") != std::string::npos);
  CHECK(ics.find("DTEND;TZID=Asia/Shanghai:20250107T203000\r\n") != std::string::npos);
  // The end of 2026-12-31 in Shanghai is 15:59:59 UTC.
  CHECK(ics.find("RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20261231T155959Z\r\n") != std::string::npos);
  CHECK(ics.find("SUMMARY:周二敲门日\\, 晚上\r\n") != std::string::npos);
  CHECK(ics.find('\n') == ics.find("\r\n") + 1);
  for (std::size_t i = 0; i < ics.size(); ++i) {
    if (ics[i] == '\n') REQUIRE(ics[i - 1] == '\r');
  }
}

TEST_CASE("ics_calendar writes all-day one-off events as DATE values") {
  const auto zone = TimeZone::make("Asia/Shanghai");
  Event e;
  e.id = "fair";
  e.title = "义诊";
  e.schedule.date = Date{2027, 1, 23};
  const std::string ics = ics_calendar({"街道", "", ""}, {&e}, *zone, 0);
  CHECK(ics.find("DTSTART;VALUE=DATE:20270123\r\nDTEND;VALUE=DATE:20270124\r\n") !=
        std::string::npos);
  CHECK(ics.find("RRULE") == std::string::npos);
  CHECK(ics.find("UID:fair@hgj\r\n") != std::string::npos);
}

TEST_CASE("calendars sharing events each come out as ics_calendar makes them alone") {
  const auto zone = TimeZone::make("Asia/Shanghai");
  Event street, fair;
  street.id = "knock";
  street.title = "敲门日";
  street.schedule.rule = EventRule{EventRule::Kind::weekly, 1, 0};
  street.schedule.from = Date{2025, 1, 1};
  fair.id = "fair";
  fair.title = "义诊";
  fair.schedule.date = Date{2027, 1, 23};
  const CalendarInfo info{"", "https://x.cn", "https://x.cn/events/"};
  IcsCalendars calendars(info.base_url, info.url, *zone, 1795000000);
  const std::vector<std::pair<std::string, std::vector<const Event*>>> wanted = {
      {"街道", {&street, &fair}},
      {"坊口街社区", {&street}},
      {"新苑社区", {&fair, &street}},
      {"空", {}}};
  for (const auto& [name, events] : wanted) {
    CAPTURE(name);
    CHECK(calendars.calendar(name, events) ==
          ics_calendar({name, info.base_url, info.url}, events, *zone, 1795000000));
  }
}
