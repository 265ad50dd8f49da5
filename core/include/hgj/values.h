// Parsers for the value forms content uses, each accepting what people type into
// Excel or a text editor. A parser returns the value or, on failure, the reason as the
// tail of a message: the caller prefixes the field label and the raw text, giving
//   电话 "1380000" is not a valid phone number
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace hgj {

// A value or the reason it could not be parsed.
template <class T>
struct Parsed {
  std::optional<T> value;
  std::string error;  // set when !value, e.g. "is not a valid date"

  static Parsed ok(T v) { return Parsed{std::move(v), {}}; }
  static Parsed fail(std::string why) { return Parsed{std::nullopt, std::move(why)}; }
  explicit operator bool() const { return value.has_value(); }
};

// [A-Za-z0-9_-]{1,64}: used in URLs and file names as they are.
bool is_valid_id(std::string_view id);

// A calendar date. Comparison is chronological.
struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31

  auto operator<=>(const Date&) const = default;
  // Days since 1970-01-01 (negative before).
  long days_since_epoch() const;
  static Date from_days_since_epoch(long days);
  int weekday() const;      // 0 = Monday … 6 = Sunday
  std::string iso() const;  // YYYY-MM-DD
  // How every page, board and screen writes a date for people: 2026年7月30日.
  std::string chinese() const;
};
// The same for a month: 2026年7月.
std::string chinese_month(int year, int month);
bool is_leap_year(int year);
int days_in_month(int year, int month);

// YYYY-MM-DD, YYYY/M/D, YYYY年M月D日 (also YYYY-M-D), validated against the calendar.
Parsed<Date> parse_date(std::string_view text);

// A phone number: a mobile 1[3-9]XXXXXXXXX, a landline 0AA(A)-NNNNNNN(N)[-ext], a
// 400/800 service number or a short public service number (110, 12345, 96345).
// Spaces, dashes, dots and brackets as people type them are accepted.
struct Phone {
  std::string digits;           // normalised: digits only, extension after a ','
  std::string display;          // grouped for reading: 138 0000 0001, 0570-8012345-12
  std::string tel_uri() const;  // tel:13800000001 or tel:05708012345,12
  bool operator==(const Phone&) const = default;
};
Parsed<Phone> parse_phone(std::string_view text);

// 是/否, true/false, yes/no, 1/0 (case-insensitive).
Parsed<bool> parse_bool(std::string_view text);

// A non-negative whole number ("12", also "12户" is not accepted: just digits).
Parsed<int> parse_count(std::string_view text);

// Splits a list written as 、 , ; ， ； separated items — and on whitespace too when
// split_on_space (ids; not honours like "2018-11 月度服务之星"). Items are trimmed;
// empty items vanish.
std::vector<std::string> split_list(std::string_view text, bool split_on_space = true);

// Trims ASCII and full-width (U+3000) whitespace at both ends.
std::string_view trim(std::string_view text);

// A building and optionally a range of its units: "dpb-03", "dpb-03:2", "dpb-03:1-2".
struct BuildingRef {
  std::string building;
  int first_unit = 0;  // 0 = the whole building
  int last_unit = 0;
  bool whole_building() const { return first_unit == 0; }
  bool operator==(const BuildingRef&) const = default;
};
Parsed<BuildingRef> parse_building_ref(std::string_view text);

// Minutes since midnight, "HH:MM" 00:00..24:00.
Parsed<int> parse_clock(std::string_view text);

// A local date, with a time of day when one is given: a notice's start. Local to the
// site's time zone (site.toml timezone), as staff read a wall clock.
struct DateTime {
  Date date;
  std::optional<int> minute;  // minutes since midnight; absent: from the day's start
  int minute_or_midnight() const { return minute.value_or(0); }
  std::string text() const;  // "2026-12-08" or "2026-12-08 18:00"
};
// A date as parse_date reads it, optionally followed by a space or T and HH:MM (seconds,
// as a TOML date-time writes them, are allowed when zero).
Parsed<DateTime> parse_date_time(std::string_view text);

// "19:00-20:30" (also with – — ~ 至 or full-width colons); end after start.
struct TimeRange {
  int start_minute = 0;
  int end_minute = 0;
  bool operator==(const TimeRange&) const = default;
  std::string text() const;  // 19:00–20:30
};
Parsed<TimeRange> parse_time_range(std::string_view text);

// How an event repeats: "weekly:tue", "monthly:20", "quarterly:15".
struct EventRule {
  enum class Kind { weekly, monthly, quarterly };
  Kind kind = Kind::weekly;
  int weekday = 0;  // weekly: 0 = Monday … 6 = Sunday
  int day = 0;      // monthly/quarterly: 1..31; past the month's end = its last day
  bool operator==(const EventRule&) const = default;
  std::string text() const;     // the canonical form, "weekly:tue"
  std::string chinese() const;  // 每周二 / 每月20日 / 每季度首月15日
};
Parsed<EventRule> parse_event_rule(std::string_view text);

}  // namespace hgj
