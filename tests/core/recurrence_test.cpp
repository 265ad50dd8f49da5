#include "hgj/recurrence.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace hgj;

namespace {

constexpr Instant kHour = 3600;
constexpr Instant kDay = 86400;
// 2026-11-24 19:00 in Shanghai (UTC+8) is 11:00 UTC.
constexpr Instant kTue1900 = 1795518000;
// 2026-11-24 00:00 in Shanghai.
constexpr Instant kTueMidnight = kTue1900 - 19 * kHour;

TimeZone zone(const std::string& name) {
  auto z = TimeZone::make(name);
  REQUIRE_MESSAGE(z, name);
  return *z;
}

EventRule rule(std::string_view text) {
  auto r = parse_event_rule(text);
  REQUIRE_MESSAGE(r, text);
  return *r.value;
}

std::vector<std::string> isos(const std::vector<Date>& dates) {
  std::vector<std::string> out;
  for (const Date& d : dates) out.push_back(d.iso());
  return out;
}

std::vector<std::string> isos(const std::vector<Occurrence>& occurrences) {
  std::vector<std::string> out;
  for (const Occurrence& o : occurrences) out.push_back(o.date.iso());
  return out;
}

using Strings = std::vector<std::string>;

Schedule tuesday_evenings() {
  Schedule s;
  s.rule = EventRule{EventRule::Kind::weekly, 1, 0};
  s.time = TimeRange{19 * 60, 20 * 60 + 30};
  return s;
}

}  // namespace

TEST_CASE("time zones are made from IANA names and unknown names are rejected") {
  CHECK(zone("Asia/Shanghai").name() == "Asia/Shanghai");
  CHECK(TimeZone::make("Asia/Atlantis") == std::nullopt);
  CHECK(TimeZone::make("") == std::nullopt);
  CHECK(TimeZone::make("Etc/Unknown") == std::nullopt);
}

TEST_CASE("Shanghai is eight hours ahead of UTC all year") {
  const TimeZone sh = zone("Asia/Shanghai");
  CHECK(sh.offset_at(kTue1900) == 8 * kHour);
  CHECK(sh.offset_at(kTue1900 - 180 * kDay) == 8 * kHour);
  CHECK(sh.to_instant(Date{2026, 11, 24}, 19 * 60) == kTue1900);
  CHECK(sh.to_instant(Date{2026, 11, 24}, 0) == kTueMidnight);
  CHECK(sh.to_instant(Date{2026, 11, 24}, 24 * 60) == kTueMidnight + kDay);
  CHECK(sh.local_date(kTue1900) == Date{2026, 11, 24});
  CHECK(sh.local_minute(kTue1900) == 19 * 60);
}

TEST_CASE("local dates change at local midnight, not UTC midnight") {
  const TimeZone sh = zone("Asia/Shanghai");
  CHECK(sh.local_date(kTueMidnight) == Date{2026, 11, 24});
  CHECK(sh.local_minute(kTueMidnight) == 0);
  CHECK(sh.local_date(kTueMidnight - 1) == Date{2026, 11, 23});
  CHECK(sh.local_minute(kTueMidnight - 1) == 23 * 60 + 59);
}

TEST_CASE("instants before 1970 give the right local date") {
  const TimeZone utc = zone("Etc/UTC");
  CHECK(utc.offset_at(-1) == 0);
  CHECK(utc.local_date(-1) == Date{1969, 12, 31});
  CHECK(utc.local_minute(-1) == 23 * 60 + 59);
  CHECK(utc.to_instant(Date{1969, 12, 31}, 0) == -kDay);
}

TEST_CASE("zones with daylight saving follow it and skip the missing hour forward") {
  const TimeZone ny = zone("America/New_York");
  const Instant winter = ny.to_instant(Date{2026, 1, 15}, 12 * 60);
  const Instant summer = ny.to_instant(Date{2026, 7, 15}, 12 * 60);
  CHECK(ny.offset_at(winter) == -5 * kHour);
  CHECK(ny.offset_at(summer) == -4 * kHour);
  // 2026-03-08 02:30 does not exist in New York; it lands at 03:30 EDT.
  const Instant gap = ny.to_instant(Date{2026, 3, 8}, 2 * 60 + 30);
  CHECK(ny.local_minute(gap) == 3 * 60 + 30);
  CHECK(ny.local_date(gap) == Date{2026, 3, 8});
}

TEST_CASE("weekly rules give every such weekday in the range") {
  CHECK(isos(rule_dates(rule("weekly:tue"), Date{2026, 11, 1}, Date{2026, 11, 30})) ==
        Strings{"2026-11-03", "2026-11-10", "2026-11-17", "2026-11-24"});
  CHECK(isos(rule_dates(rule("weekly:mon"), Date{2026, 11, 23}, Date{2026, 11, 30})) ==
        Strings{"2026-11-23", "2026-11-30"});
  CHECK(rule_dates(rule("weekly:sun"), Date{2026, 11, 23}, Date{2026, 11, 28}).empty());
}

TEST_CASE("monthly rules clamp a day past the month's end to its last day") {
  CHECK(isos(rule_dates(rule("monthly:31"), Date{2024, 1, 1}, Date{2024, 4, 30})) ==
        Strings{"2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"});
  CHECK(isos(rule_dates(rule("monthly:30"), Date{2023, 2, 1}, Date{2023, 3, 31})) ==
        Strings{"2023-02-28", "2023-03-30"});
  CHECK(isos(rule_dates(rule("monthly:20"), Date{2024, 12, 1}, Date{2025, 1, 31})) ==
        Strings{"2024-12-20", "2025-01-20"});
}

TEST_CASE("rule ranges are inclusive at both ends") {
  CHECK(isos(rule_dates(rule("monthly:20"), Date{2024, 1, 20}, Date{2024, 2, 20})) ==
        Strings{"2024-01-20", "2024-02-20"});
  CHECK(isos(rule_dates(rule("monthly:20"), Date{2024, 1, 21}, Date{2024, 2, 19})).empty());
  CHECK(rule_dates(rule("weekly:tue"), Date{2026, 12, 1}, Date{2026, 11, 1}).empty());
}

TEST_CASE("quarterly rules fall in January, April, July and October") {
  CHECK(isos(rule_dates(rule("quarterly:31"), Date{2024, 1, 1}, Date{2024, 12, 31})) ==
        Strings{"2024-01-31", "2024-04-30", "2024-07-31", "2024-10-31"});
  CHECK(isos(rule_dates(rule("quarterly:15"), Date{2024, 4, 16}, Date{2025, 4, 15})) ==
        Strings{"2024-07-15", "2024-10-15", "2025-01-15", "2025-04-15"});
  CHECK(rule_dates(rule("quarterly:1"), Date{2024, 2, 1}, Date{2024, 3, 31}).empty());
}

TEST_CASE("the next weekly occurrences start at the local time in the zone") {
  const auto next =
      next_occurrences(tuesday_evenings(), zone("Asia/Shanghai"), kTue1900 - 7 * kHour, 3);
  REQUIRE(next.size() == 3);
  CHECK(isos(next) == Strings{"2026-11-24", "2026-12-01", "2026-12-08"});
  CHECK(next[0].start == kTue1900);
  CHECK(next[0].end == kTue1900 + 90 * 60);
  CHECK(next[1].start == kTue1900 + 7 * kDay);
  CHECK(next[0].time == TimeRange{19 * 60, 20 * 60 + 30});
}

TEST_CASE("an occurrence in progress is included and one just ended is not") {
  const TimeZone sh = zone("Asia/Shanghai");
  CHECK(isos(next_occurrences(tuesday_evenings(), sh, kTue1900 + 30 * 60, 1)) ==
        Strings{"2026-11-24"});
  CHECK(isos(next_occurrences(tuesday_evenings(), sh, kTue1900 + 90 * 60 - 1, 1)) ==
        Strings{"2026-11-24"});
  CHECK(isos(next_occurrences(tuesday_evenings(), sh, kTue1900 + 90 * 60, 1)) ==
        Strings{"2026-12-01"});
}

TEST_CASE("all-day events run from local midnight to the next") {
  Schedule s;
  s.date = Date{2026, 11, 24};
  const TimeZone sh = zone("Asia/Shanghai");
  const auto next = next_occurrences(s, sh, kTueMidnight - kDay, 5);
  REQUIRE(next.size() == 1);
  CHECK(next[0].start == kTueMidnight);
  CHECK(next[0].end == kTueMidnight + kDay);
  CHECK(next[0].time == std::nullopt);
  CHECK(next_occurrences(s, sh, kTueMidnight + kDay - 1, 5).size() == 1);
  CHECK(next_occurrences(s, sh, kTueMidnight + kDay, 5).empty());
}

TEST_CASE("a one-off event in the past has no occurrences") {
  Schedule s = tuesday_evenings();
  s.rule.reset();
  s.date = Date{2026, 11, 24};
  CHECK(next_occurrences(s, zone("Asia/Shanghai"), kTue1900 + kDay, 3).empty());
  CHECK(isos(next_occurrences(s, zone("Asia/Shanghai"), kTue1900 - kDay, 3)) ==
        Strings{"2026-11-24"});
}

TEST_CASE("from and until bound a rule inclusively") {
  Schedule s = tuesday_evenings();
  s.from = Date{2026, 12, 1};
  s.until = Date{2026, 12, 15};
  CHECK(isos(next_occurrences(s, zone("Asia/Shanghai"), kTue1900 - 30 * kDay, 10)) ==
        Strings{"2026-12-01", "2026-12-08", "2026-12-15"});
  CHECK(next_occurrences(s, zone("Asia/Shanghai"), kTue1900 + 30 * kDay, 10).empty());
}

TEST_CASE("monthly and quarterly occurrences clamp to the month's end") {
  Schedule s;
  s.rule = EventRule{EventRule::Kind::monthly, 0, 31};
  const TimeZone sh = zone("Asia/Shanghai");
  const Instant jan_2024 = sh.to_instant(Date{2024, 1, 1}, 0);
  CHECK(isos(next_occurrences(s, sh, jan_2024, 3)) ==
        Strings{"2024-01-31", "2024-02-29", "2024-03-31"});
  s.rule = EventRule{EventRule::Kind::quarterly, 0, 31};
  CHECK(isos(next_occurrences(s, sh, sh.to_instant(Date{2026, 3, 1}, 0), 3)) ==
        Strings{"2026-04-30", "2026-07-31", "2026-10-31"});
}

TEST_CASE("the search stops about ten years ahead") {
  Schedule s = tuesday_evenings();
  const TimeZone sh = zone("Asia/Shanghai");
  const auto all = next_occurrences(s, sh, kTue1900, 100000);
  CHECK(all.size() >= 521);
  CHECK(all.size() <= 523);
  s.from = Date{2035, 1, 1};
  CHECK(isos(next_occurrences(s, sh, kTue1900, 1)) == Strings{"2035-01-02"});
  s.from = Date{2040, 1, 1};
  CHECK(next_occurrences(s, sh, kTue1900, 1).empty());
}

TEST_CASE("occurrences keep their local time across a daylight saving change") {
  const TimeZone ny = zone("America/New_York");
  const auto next =
      next_occurrences(tuesday_evenings(), ny, ny.to_instant(Date{2026, 10, 21}, 0), 3);
  REQUIRE(next.size() == 3);
  CHECK(isos(next) == Strings{"2026-10-27", "2026-11-03", "2026-11-10"});
  for (const Occurrence& o : next) CHECK(ny.local_minute(o.start) == 19 * 60);
  CHECK(next[1].start - next[0].start == 7 * kDay + kHour);
}

TEST_CASE("nothing to schedule gives no occurrences") {
  CHECK(next_occurrences(Schedule{}, zone("Asia/Shanghai"), kTue1900, 3).empty());
  CHECK(next_occurrences(tuesday_evenings(), zone("Asia/Shanghai"), kTue1900, 0).empty());
}
