// Every value parser on the same text — phone, date, bool, count, list, building:unit,
// clock, time range, event rule — and what the parsed values promise: the canonical
// form parses back to the same value, dates survive the day count, rules give dates.
// The input is "text" or "text\nmore" (the second part is a second date or range).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "hgj/recurrence.h"
#include "hgj/values.h"

namespace {

void require(bool ok, const char* what, std::string_view text) {
  if (ok) return;
  std::fprintf(stderr, "%s: \"%.*s\"\n", what, static_cast<int>(text.size()), text.data());
  std::abort();
}

void check_date(std::string_view text) {
  const auto d = hgj::parse_date(text);
  if (!d) return;
  const hgj::Date date = *d.value;
  require(date.month >= 1 && date.month <= 12 && date.day >= 1 &&
              date.day <= hgj::days_in_month(date.year, date.month),
          "parse_date accepted a day the calendar lacks", text);
  const auto again = hgj::parse_date(date.iso());
  require(again && *again.value == date, "Date::iso() does not parse back", text);
  require(hgj::Date::from_days_since_epoch(date.days_since_epoch()) == date,
          "days_since_epoch does not round-trip", text);
  const int wd = date.weekday();
  require(wd >= 0 && wd <= 6, "weekday out of range", text);
}

void check_phone(std::string_view text) {
  const auto p = hgj::parse_phone(text);
  if (!p) return;
  const auto again = hgj::parse_phone(p.value->display);
  require(again && again.value->digits == p.value->digits, "phone display does not parse back",
          text);
  (void)p.value->tel_uri();
}

void check_rule(std::string_view text, std::string_view range) {
  const auto r = hgj::parse_event_rule(text);
  if (!r) return;
  const auto again = hgj::parse_event_rule(r.value->text());
  require(again && *again.value == *r.value, "EventRule::text() does not parse back", text);
  (void)r.value->chinese();
  const auto first = hgj::parse_date(range.substr(0, range.find(' ')));
  const auto last = hgj::parse_date(range.substr(range.find(' ') + 1));
  if (!first || !last) return;
  const long span = last.value->days_since_epoch() - first.value->days_since_epoch();
  if (span > 3 * 366) return;  // each date is checked; a few years are enough
  for (const hgj::Date& d : hgj::rule_dates(*r.value, *first.value, *last.value)) {
    require(!(d < *first.value) && !(*last.value < d), "rule date outside the range", text);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  const std::size_t nl = all.find('\n');
  const std::string_view text = all.substr(0, nl);
  const std::string_view more =
      nl == std::string_view::npos ? std::string_view() : all.substr(nl + 1);

  (void)hgj::is_valid_id(text);
  (void)hgj::trim(text);
  check_date(text);
  check_phone(text);
  if (const auto b = hgj::parse_bool(text)) (void)*b.value;
  if (const auto c = hgj::parse_count(text)) require(*c.value >= 0, "negative count", text);
  for (bool on_space : {true, false}) {
    for (const std::string& item : hgj::split_list(text, on_space)) {
      require(!item.empty() && hgj::trim(item) == item, "split_list item not trimmed", text);
    }
  }
  if (const auto ref = hgj::parse_building_ref(text)) {
    require(ref.value->first_unit <= ref.value->last_unit, "unit range backwards", text);
  }
  if (const auto m = hgj::parse_clock(text))
    require(*m.value >= 0 && *m.value <= 24 * 60, "clock", text);
  if (const auto t = hgj::parse_time_range(text)) {
    require(t.value->start_minute < t.value->end_minute, "time range backwards", text);
    const auto again = hgj::parse_time_range(t.value->text());
    require(again && *again.value == *t.value, "TimeRange::text() does not parse back", text);
  }
  check_rule(text, more);
  return 0;
}
