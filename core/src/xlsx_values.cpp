#include "hgj/xlsx_values.h"

#include <charconv>
#include <chrono>
#include <cmath>

namespace hgj {

bool is_date_format(int id, std::string_view code) {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
      (id >= 50 && id <= 58)) {
    return true;
  }
  if (id < 164) return false;  // other built-in formats are numbers and text
  bool quoted = false;
  int bracket = 0;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (quoted) {
      quoted = c != '"';
    } else if (c == '"') {
      quoted = true;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal (or padding)
    } else if (c == '[') {
      ++bracket;
    } else if (c == ']') {
      bracket = bracket > 0 ? bracket - 1 : 0;
    } else if (bracket == 0) {
      switch (c) {
        case 'y':
        case 'Y':
        case 'm':
        case 'M':
        case 'd':
        case 'D':
        case 'h':
        case 'H':
        case 's':
        case 'S':
          return true;
        default:
          break;
      }
    }
  }
  return false;
}

namespace {

std::optional<double> parse_number(std::string_view stored) {
  double value = 0;
  const char* end = stored.data() + stored.size();
  auto [ptr, ec] = std::from_chars(stored.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace

std::optional<std::string> number_text(std::string_view stored) {
  const std::optional<double> value = parse_number(stored);
  if (!value) return std::nullopt;
  char buffer[64];
  // Below 2^53 every integer is exact: a phone or an id typed as a number.
  if (*value == std::floor(*value) && std::fabs(*value) < 9007199254740992.0) {
    const auto whole = static_cast<long long>(*value);
    auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, whole);
    return std::string(buffer, ptr);
  }
  auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, *value);
  return std::string(buffer, ptr);
}

std::optional<std::string> date_text(std::string_view stored, bool date1904, bool shows_time,
                                     bool time_only) {
  const std::optional<double> value = parse_number(stored);
  if (!value || *value < 0 || *value > 2958466) return std::nullopt;  // past 9999-12-31
  // Whole minutes, rounded as Excel shows them.
  const auto minutes = static_cast<long long>(std::llround(*value * 1440.0));
  const long long serial = minutes / 1440;
  const int minute_of_day = static_cast<int>(minutes % 1440);
  // Written digit by digit: a city's issues have 600,000 date cells, and snprintf was a
  // tenth of reading them.
  auto two = [](std::string& out, int n) {
    out += static_cast<char>('0' + n / 10);
    out += static_cast<char>('0' + n % 10);
  };
  std::string clock;
  two(clock, minute_of_day / 60);
  clock += ':';
  two(clock, minute_of_day % 60);
  if (time_only && serial == 0) return clock;
  std::string date;
  if (!date1904 && serial == 60) {
    date = "1900-02-29";
  } else {
    using namespace std::chrono;
    // 1900: serial 1 is 1900-01-01, and the phantom 1900-02-29 shifts every later day.
    const sys_days base = date1904 ? sys_days(year{1904} / January / 1)
                                   : sys_days(year{1899} / December / (serial < 60 ? 31 : 30));
    const year_month_day day(base + days(serial));
    const int y = static_cast<int>(day.year());
    two(date, y / 100);
    two(date, y % 100);
    date += '-';
    two(date, static_cast<int>(static_cast<unsigned>(day.month())));
    date += '-';
    two(date, static_cast<int>(static_cast<unsigned>(day.day())));
  }
  if (shows_time && minute_of_day != 0) date += " " + clock;
  return date;
}

std::string column_letters(int column) {
  std::string letters;
  while (column > 0) {
    --column;
    letters.insert(letters.begin(), static_cast<char>('A' + column % 26));
    column /= 26;
  }
  return letters;
}

int column_of_reference(std::string_view reference) {
  int column = 0;
  for (char c : reference) {
    if (c >= 'A' && c <= 'Z') {
      column = column * 26 + (c - 'A' + 1);
    } else if (c >= 'a' && c <= 'z') {
      column = column * 26 + (c - 'a' + 1);
    } else {
      break;
    }
    if (column > 16384) return 0;
  }
  return column;
}

int row_of_reference(std::string_view reference) {
  std::size_t i = 0;
  while (i < reference.size() && ((reference[i] >= 'A' && reference[i] <= 'Z') ||
                                  (reference[i] >= 'a' && reference[i] <= 'z'))) {
    ++i;
  }
  int row = 0;
  const char* end = reference.data() + reference.size();
  auto [ptr, ec] = std::from_chars(reference.data() + i, end, row);
  if (ec != std::errc() || ptr != end || row < 1 || row > 1048576) return 0;
  return row;
}

}  // namespace hgj
