// Value parsers: dates, phones, lists, building references, times and event rules, as
// people type them into Excel, WPS or a text editor.
#include "hgj/values.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "hgj/language.h"
#include "hgj/ledger_values.h"

namespace hgj {
namespace {

constexpr std::string_view kFullWidthSpace = "\u3000";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

// Consumes `prefix` from the front of `s` if it is there.
bool take(std::string_view& s, std::string_view prefix) {
  if (!s.starts_with(prefix)) return false;
  s.remove_prefix(prefix.size());
  return true;
}

// Consumes a run of min_len..max_len ASCII digits (max_len ≤ 9, so it fits an int).
std::optional<int> take_number(std::string_view& s, size_t min_len, size_t max_len) {
  size_t n = 0;
  while (n < s.size() && is_digit(s[n])) ++n;
  if (n < min_len || n > max_len) return std::nullopt;
  int value = 0;
  for (size_t i = 0; i < n; ++i) value = value * 10 + (s[i] - '0');
  s.remove_prefix(n);
  return value;
}

// ASCII-only lowering keeps byte offsets, so positions found in the copy fit the original.
std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_ascii_space(char c) {
  return std::string_view(" \t\r\n\v\f").find(c) != std::string_view::npos;
}

size_t whitespace_length(std::string_view s) {
  if (s.empty()) return 0;
  if (is_ascii_space(s[0])) return 1;
  return s.starts_with(kFullWidthSpace) ? kFullWidthSpace.size() : 0;
}

}  // namespace

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
  });
}

std::string_view trim(std::string_view text) {
  while (size_t n = whitespace_length(text)) text.remove_prefix(n);
  while (!text.empty()) {
    if (is_ascii_space(text.back())) {
      text.remove_suffix(1);
    } else if (text.ends_with(kFullWidthSpace)) {
      text.remove_suffix(kFullWidthSpace.size());
    } else {
      break;
    }
  }
  return text;
}

std::vector<std::string> split_list(std::string_view text, bool split_on_space) {
  static constexpr std::array<std::string_view, 5> kSeparators = {"、", ",", ";", "，", "；"};
  std::vector<std::string> items;
  auto push = [&](std::string_view item) {
    item = trim(item);
    if (!item.empty()) items.emplace_back(item);
  };
  // Stepping byte by byte is safe: UTF-8 lead bytes never occur inside another
  // character, so a separator cannot match in the middle of one.
  size_t start = 0;
  for (size_t i = 0; i < text.size();) {
    std::string_view rest = text.substr(i);
    size_t len = split_on_space ? whitespace_length(rest) : 0;
    for (auto sep : kSeparators)
      if (len == 0 && rest.starts_with(sep)) len = sep.size();
    if (len == 0) {
      ++i;
      continue;
    }
    push(text.substr(start, i - start));
    i += len;
    start = i;
  }
  push(text.substr(start));
  return items;
}

// ---- Dates ------------------------------------------------------------------------

bool is_leap_year(int year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[static_cast<size_t>(month - 1)];
}

// Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
long Date::days_since_epoch() const {
  const long y = year - (month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// Howard Hinnant's civil_from_days, the inverse of the above.
Date Date::from_days_since_epoch(long days) {
  days += 719468;
  const long era = (days >= 0 ? days : days - 146096) / 146097;
  const long doe = days - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return Date{static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0)), m, d};
}

int Date::weekday() const {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  return static_cast<int>(((days_since_epoch() + 3) % 7 + 7) % 7);
}

std::string chinese_month(int year, int month) {
  return std::to_string(year) + "年" + std::to_string(month) + "月";
}

std::string Date::chinese() const {
  return chinese_month(year, month) + std::to_string(day) + "日";
}

std::string Date::iso() const {
  // By hand, not snprintf: a city's pages print 300,000 of these.
  if (year < 0 || year > 9999 || month < 0 || month > 99 || day < 0 || day > 99) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
  }
  const auto digit = [](int n) { return static_cast<char>('0' + n % 10); };
  return {digit(year / 1000),
          digit(year / 100),
          digit(year / 10),
          digit(year),
          '-',
          digit(month / 10),
          digit(month),
          '-',
          digit(day / 10),
          digit(day)};
}

namespace {

// " 9:30", " 09:30:00", "T09:30": the time a date-time cell carries after its date;
// consumed whole or not at all.
bool take_time_of_day(std::string_view& s) {
  std::string_view t = s;
  if (!take(t, "T")) {
    const size_t before = t.size();
    while (size_t n = whitespace_length(t)) t.remove_prefix(n);
    if (t.size() == before) return false;
  }
  auto hour = take_number(t, 1, 2);
  if (!hour || *hour > 23 || !take(t, ":")) return false;
  auto minute = take_number(t, 2, 2);
  if (!minute || *minute > 59) return false;
  if (take(t, ":")) {
    auto second = take_number(t, 2, 2);
    if (!second || *second > 59) return false;
  }
  if (!trim(t).empty()) return false;
  s = {};
  return true;
}

}  // namespace

// Also YYYY.M.D, and a time after the date as Excel and platform exports write one
// (2026/3/14 9:30, 2026-03-14 09:30:00, 2026年3月14日 9:30): accepted and dropped.
Parsed<Date> parse_date(std::string_view text) {
  const auto bad = Parsed<Date>::fail(
      say("不是有效的日期：请写成 2026-03-14、2026/3/14 或 2026年3月14日", "is not a valid date"));
  std::string_view s = trim(text);
  auto year = take_number(s, 4, 4);
  if (!year) return bad;
  // The separator after the year decides the one after the month: 年…月, -…-, /…/, .….
  std::string_view month_sep;
  for (std::string_view sep : {"-", "/", "."})
    if (month_sep.empty() && take(s, sep)) month_sep = sep;
  if (month_sep.empty() && take(s, "年")) month_sep = "月";
  if (month_sep.empty()) return bad;
  auto month = take_number(s, 1, 2);
  if (!month || !take(s, month_sep)) return bad;
  auto day = take_number(s, 1, 2);
  if (!day) return bad;
  if (month_sep == "月") take(s, "日");
  if (!s.empty() && !take_time_of_day(s)) return bad;
  if (!s.empty() || *year < 1900 || *year > 2200 || *day < 1) return bad;
  if (*month < 1 || *month > 12)
    return Parsed<Date>::fail(say("不是有效的日期（没有 " + std::to_string(*month) + " 月）",
                                  "is not a valid date (month " + std::to_string(*month) + ")"));
  if (int dim = days_in_month(*year, *month); *day > dim)
    return Parsed<Date>::fail(
        say("不是有效的日期（" + std::to_string(*year) + "年" + std::to_string(*month) + "月只有 " +
                std::to_string(dim) + " 天）",
            "is not a valid date (" + std::to_string(*year) + "年" + std::to_string(*month) +
                "月 has " + std::to_string(dim) + " days)"));
  return Parsed<Date>::ok(Date{*year, *month, *day});
}

// The time parse_date accepts and drops is kept here: what follows the last space or T.
Parsed<DateTime> parse_date_time(std::string_view text) {
  Parsed<Date> date = parse_date(text);
  if (!date) return Parsed<DateTime>::fail(date.error);
  DateTime result{*date.value, std::nullopt};
  const std::string_view s = trim(text);
  const size_t at = s.find_last_of(" \tT");
  if (at != std::string_view::npos) {
    std::string_view clock = s.substr(at + 1);
    // 18:00:00 → 18:00; parse_date has checked the seconds.
    if (const size_t first = clock.find(':'); first != std::string_view::npos) {
      if (const size_t second = clock.find(':', first + 1); second != std::string_view::npos)
        clock = clock.substr(0, second);
    }
    Parsed<int> minute = parse_clock(clock);
    if (minute) result.minute = *minute.value;
  }
  return Parsed<DateTime>::ok(result);
}

std::string DateTime::text() const {
  if (!minute) return date.iso();
  char clock[16];
  std::snprintf(clock, sizeof clock, " %02d:%02d", *minute / 60 % 100, *minute % 60);
  return date.iso() + clock;
}

// ---- Phones -----------------------------------------------------------------------

namespace {

struct Landline {
  std::string area, subscriber;
};

// Beijing (010) and the 02X cities have 3-digit area codes, everywhere else 4.
std::optional<Landline> split_landline(const std::string& d) {
  if (d.size() < 3 || d[0] != '0') return std::nullopt;
  const size_t area = (d.starts_with("010") || d[1] == '2') ? 3 : 4;
  const size_t rest = d.size() - std::min(d.size(), area);
  if (rest != 7 && rest != 8) return std::nullopt;
  return Landline{d.substr(0, area), d.substr(area)};
}

bool is_mobile(const std::string& d) {
  return d.size() == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

bool is_extension(const std::string& d) { return !d.empty() && d.size() <= 6; }

bool is_service_number(const std::string& d) {
  if (d == "110" || d == "119" || d == "120" || d == "122" || d == "12345") return true;
  return d.size() == 5 && (d.starts_with("95") || d.starts_with("96"));
}

// The digits of what was typed, dropping the punctuation people group numbers with;
// nullopt when anything else is there.
std::optional<std::string> phone_digits(std::string_view s) {
  static constexpr std::array<std::string_view, 10> kIgnored = {
      " ", "\t", kFullWidthSpace, "-", "—", ".", "(", ")", "（", "）"};
  std::string out;
  while (!s.empty()) {
    if (is_digit(s[0])) {
      out += s[0];
      s.remove_prefix(1);
    } else if (std::none_of(kIgnored.begin(), kIgnored.end(),
                            [&](std::string_view p) { return take(s, p); })) {
      return std::nullopt;
    }
  }
  return out;
}

struct PhoneParts {
  std::string_view number;
  std::optional<std::string_view> extension;
};

// Finds an extension in the original text, since the digits alone cannot tell
// 010-1234567-8 (extension 8) from 010-12345678: it is marked by 转, ext or x, or is
// the group after the last '-' when the digits before it make a whole landline.
PhoneParts split_extension(std::string_view s) {
  const std::string lower = lower_ascii(s);
  for (std::string_view marker : {"转", "ext", "x"}) {
    if (size_t pos = lower.find(marker); pos != std::string::npos)
      return {s.substr(0, pos), s.substr(pos + marker.size())};
  }
  if (size_t dash = s.rfind('-'); dash != std::string_view::npos) {
    auto number = phone_digits(s.substr(0, dash));
    auto ext = phone_digits(s.substr(dash + 1));
    if (number && ext && is_extension(*ext) && split_landline(*number))
      return {s.substr(0, dash), s.substr(dash + 1)};
  }
  return {s, std::nullopt};
}

Phone landline_phone(const Landline& l, const std::string& ext) {
  Phone p{l.area + l.subscriber, l.area + "-" + l.subscriber};
  if (!ext.empty()) {
    p.digits += "," + ext;
    p.display += " 转 " + ext;
  }
  return p;
}

}  // namespace

std::string Phone::tel_uri() const { return "tel:" + digits; }

namespace {

// The digits of a number-typed phone as a CSV export writes them: "13800000001.0", or
// "1.3800000001E+10" (Excel's scientific form). nullopt: not such a form; "" when the
// exponent form dropped digits (1.38E+10 is 13800000000 only by accident).
std::optional<std::string> exported_number(std::string_view s) {
  const size_t point = s.find('.');
  if (point == std::string_view::npos || point == 0 || !all_digits(s.substr(0, point)))
    return std::nullopt;
  std::string_view rest = s.substr(point + 1);
  if (all_digits(rest) && std::all_of(rest.begin(), rest.end(), [](char c) { return c == '0'; }))
    return std::string(s.substr(0, point));
  const size_t e = std::min(rest.find('E'), rest.find('e'));
  if (point != 1 || e == std::string_view::npos) return std::nullopt;
  std::string_view fraction = rest.substr(0, e), exponent = rest.substr(e + 1);
  take(exponent, "+");
  if (!all_digits(fraction) || !all_digits(exponent) || exponent.size() > 2) return std::nullopt;
  const auto shift = static_cast<size_t>(std::stoi(std::string(exponent)));
  while (fraction.size() > shift && fraction.ends_with('0')) fraction.remove_suffix(1);
  if (fraction.size() != shift) return std::string();
  return std::string(s.substr(0, 1)) + std::string(fraction);
}

}  // namespace

// Also the forms a number-typed cell is exported in: 13800000001.0 and 1.3800000001E+10
// (an exponent that hides digits, 1.38E+10, is an error: the number was cut short).
Parsed<Phone> parse_phone(std::string_view text) {
  const auto bad = Parsed<Phone>::fail(
      say("不是有效的电话号码：手机写 11 位数字，座机写区号加号码，例如 0851-85550001",
          "is not a valid phone number"));
  std::string_view s = trim(text);
  std::string exported;
  if (auto number = exported_number(s)) {
    if (number->empty())
      return Parsed<Phone>::fail(
          say("是被 Excel 截短了的数字：请把这一列设为“文本”格式，再重新输入号码",
              "is a number Excel cut short; format the column as text and type the number again"));
    exported = std::move(*number);
    s = exported;
  }
  const bool plus = take(s, "+");
  const PhoneParts parts = split_extension(s);
  auto digits = phone_digits(parts.number);
  if (!digits) return bad;
  std::string d = *digits;
  if (parts.extension) {
    auto ext = phone_digits(*parts.extension);
    auto landline = split_landline(d);
    if (plus || !ext || !is_extension(*ext) || !landline) return bad;
    return Parsed<Phone>::ok(landline_phone(*landline, *ext));
  }
  // +86 / 86 is only written before mobiles; 86 + 11 digits cannot be anything else.
  if (plus || (d.size() == 13 && d.starts_with("86"))) {
    if (!d.starts_with("86") || !is_mobile(d.substr(2))) return bad;
    d = d.substr(2);
  }
  if (is_mobile(d))
    return Parsed<Phone>::ok({d, d.substr(0, 3) + " " + d.substr(3, 4) + " " + d.substr(7)});
  if (auto landline = split_landline(d)) return Parsed<Phone>::ok(landline_phone(*landline, ""));
  if (d.size() == 10 && (d.starts_with("400") || d.starts_with("800")))
    return Parsed<Phone>::ok({d, d.substr(0, 3) + " " + d.substr(3, 3) + " " + d.substr(6)});
  if (is_service_number(d)) return Parsed<Phone>::ok({d, d});
  return bad;
}

std::optional<Phone> landline_without_zero(std::string_view text) {
  std::string_view s = trim(text);
  std::string exported;
  if (auto number = exported_number(s); number && !number->empty()) {
    exported = std::move(*number);
    s = exported;
  }
  if (!all_digits(s) || s.size() < 9 || s.size() > 11 || s[0] == '0' || is_mobile(std::string(s)))
    return std::nullopt;
  // 01X: only Beijing's 010 is an area code.
  if (s[0] == '1' && s[1] != '0') return std::nullopt;
  const auto landline = split_landline("0" + std::string(s));
  if (!landline) return std::nullopt;
  return landline_phone(*landline, "");
}

bool parse_party_status(std::string_view text) {
  const std::string_view s = trim(text);
  for (std::string_view member : {"中共党员", "中共预备党员", "党员", "预备党员", "中国共产党党员"})
    if (s == member) return true;
  return parse_bool(s).value.value_or(false);
}

// ---- Booleans, counts, building references ----------------------------------------

Parsed<bool> parse_bool(std::string_view text) {
  const std::string s = lower_ascii(trim(text));
  for (std::string_view yes : {"是", "true", "yes", "1", "y"})
    if (s == yes) return Parsed<bool>::ok(true);
  for (std::string_view no : {"否", "false", "no", "0", "n"})
    if (s == no) return Parsed<bool>::ok(false);
  return Parsed<bool>::fail(say("不是 是/否：请写 是 或 否", "is not 是/否 or true/false"));
}

Parsed<int> parse_count(std::string_view text) {
  std::string_view s = trim(text);
  while (s.size() > 1 && s[0] == '0') s.remove_prefix(1);  // "007" is 7, not overflow
  auto n = take_number(s, 1, 9);
  if (!n || !s.empty())
    return Parsed<int>::fail(say("不是整数：请只写数字，例如 3", "is not a whole number"));
  return Parsed<int>::ok(*n);
}

Parsed<BuildingRef> parse_building_ref(std::string_view text) {
  std::string_view s = trim(text);
  size_t colon = std::min(s.find(':'), s.find("："));
  std::string_view id = s.substr(0, colon);
  // The example is the user's own building when its id reads as one.
  const std::string example = is_valid_id(id) ? std::string(id) : say("楼栋编号", "ID");
  const auto bad = Parsed<BuildingRef>::fail(say(
      "不是楼栋编号：写楼栋的编号；只负责其中几个单元时写成 编号:单元，例如 " + example + ":1-2",
      "is not a building reference: write the building's id, or id:units for some of "
      "its units, e.g. " +
          example + ":1-2"));
  if (!is_valid_id(id)) return bad;
  if (colon == std::string_view::npos) return Parsed<BuildingRef>::ok({std::string(id), 0, 0});
  std::string_view units = s.substr(colon);
  if (!take(units, ":")) take(units, "：");
  auto first = take_number(units, 1, 9);
  if (!first) return bad;
  int last = *first;
  if (take(units, "-") || take(units, "–")) {
    auto n = take_number(units, 1, 9);
    if (!n) return bad;
    last = *n;
  }
  if (!units.empty()) return bad;
  if (*first < 1 || last < *first || last > 999)
    return Parsed<BuildingRef>::fail(
        say("的单元范围不对：写成 " + std::string(id) + ":1-2 这样，从小到大，最多 999",
            "has an invalid unit range"));
  return Parsed<BuildingRef>::ok({std::string(id), *first, last});
}

// ---- Times ------------------------------------------------------------------------

Parsed<int> parse_clock(std::string_view text) {
  std::string_view s = trim(text);
  auto hour = take_number(s, 1, 2);
  const bool colon = take(s, ":") || take(s, "：");
  auto minute = take_number(s, 2, 2);
  if (!hour || !colon || !minute || !s.empty() || *hour > 24 || *minute > 59 ||
      (*hour == 24 && *minute != 0))
    return Parsed<int>::fail(say("不是时间：请写成 19:00 这样", "is not a time like 19:00"));
  return Parsed<int>::ok(*hour * 60 + *minute);
}

Parsed<TimeRange> parse_time_range(std::string_view text) {
  const auto bad = Parsed<TimeRange>::fail(
      say("不是时间段：请写成 19:00-20:30 这样", "is not a time range like 19:00-20:30"));
  std::string_view s = trim(text);
  size_t at = std::string_view::npos, len = 0;
  for (std::string_view sep : {"-", "–", "—", "~", "～", "至", "到"}) {
    if (size_t pos = s.find(sep); pos < at) {
      at = pos;
      len = sep.size();
    }
  }
  if (at == std::string_view::npos) return bad;
  auto start = parse_clock(s.substr(0, at));
  auto end = parse_clock(s.substr(at + len));
  if (!start || !end || *start.value == 24 * 60) return bad;
  if (*end.value <= *start.value)
    return Parsed<TimeRange>::fail(
        say("结束时间早于开始时间：请把两个时间对调", "ends before it starts"));
  return Parsed<TimeRange>::ok({*start.value, *end.value});
}

std::string TimeRange::text() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d–%02d:%02d", start_minute / 60, start_minute % 60,
                end_minute / 60, end_minute % 60);
  return buf;
}

// ---- Event rules ------------------------------------------------------------------

namespace {

constexpr std::array<std::string_view, 7> kWeekdayShort = {"mon", "tue", "wed", "thu",
                                                           "fri", "sat", "sun"};
constexpr std::array<std::string_view, 7> kWeekdayLong = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
constexpr std::array<std::string_view, 7> kWeekdayChinese = {"一", "二", "三", "四",
                                                             "五", "六", "日"};

std::optional<int> parse_weekday(std::string_view name) {
  const std::string lower = lower_ascii(name);
  std::string_view s = lower;
  // 周二 and 星期二 both name Tuesday; 天 is the spoken form of 日 (Sunday).
  const bool chinese = take(s, "周") || take(s, "星期");
  for (int i = 0; i < 7; ++i) {
    if (chinese ? s == kWeekdayChinese[i] : (s == kWeekdayShort[i] || s == kWeekdayLong[i]))
      return i;
  }
  if (chinese && s == "天") return 6;
  return std::nullopt;
}

}  // namespace

Parsed<EventRule> parse_event_rule(std::string_view text) {
  const auto bad =
      Parsed<EventRule>::fail(say("不是重复规则：请写 weekly:tue（每周二）、monthly:20（每月20日）"
                                  "或 quarterly:15（每季度首月15日）",
                                  "is not a rule like weekly:tue, monthly:20 or quarterly:15"));
  std::string_view s = trim(text);
  size_t colon = std::min(s.find(':'), s.find("："));
  if (colon == std::string_view::npos) return bad;
  const std::string kind = lower_ascii(trim(s.substr(0, colon)));
  std::string_view arg = s.substr(colon);
  if (!take(arg, ":")) take(arg, "：");
  arg = trim(arg);
  if (kind == "weekly") {
    auto weekday = parse_weekday(arg);
    if (!weekday)
      return Parsed<EventRule>::fail(
          say("的星期写法不认识：请用 mon tue wed thu fri sat sun 或 周一…周日",
              "has an unknown weekday (use mon tue wed thu fri sat sun)"));
    return Parsed<EventRule>::ok({EventRule::Kind::weekly, *weekday, 0});
  }
  if (kind != "monthly" && kind != "quarterly") return bad;
  if (!all_digits(arg)) return bad;
  auto day = parse_count(arg);
  if (!day || *day.value < 1 || *day.value > 31)
    return Parsed<EventRule>::fail(say("的日子不在 1–31 之间", "has a day outside 1–31"));
  auto k = kind == "monthly" ? EventRule::Kind::monthly : EventRule::Kind::quarterly;
  return Parsed<EventRule>::ok({k, 0, *day.value});
}

std::string EventRule::text() const {
  switch (kind) {
    case Kind::weekly:
      return "weekly:" + std::string(kWeekdayShort[static_cast<size_t>(weekday) % 7]);
    case Kind::monthly:
      return "monthly:" + std::to_string(day);
    case Kind::quarterly:
      return "quarterly:" + std::to_string(day);
  }
  return {};
}

std::string EventRule::chinese() const {
  switch (kind) {
    case Kind::weekly:
      return "每周" + std::string(kWeekdayChinese[static_cast<size_t>(weekday) % 7]);
    case Kind::monthly:
      return "每月" + std::to_string(day) + "日";
    case Kind::quarterly:
      return "每季度首月" + std::to_string(day) + "日";
  }
  return {};
}

}  // namespace hgj
