// How an Excel cell's stored value becomes the text a CSV export would hold: numbers as
// their digits (a phone 13800000001, never 1.38E+10), date serials as YYYY-MM-DD in the
// workbook's date system, and cell references as Excel names them (C7).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hgj {

// True when a number format shows a date or time: built-in formats 14-22, 27-36, 45-47 and
// 50-58 (the last two ranges are the Chinese-locale 年月日 formats) and custom codes with
// y, m, d, h or s outside quotes, [brackets] and \-escapes.
bool is_date_format(int id, std::string_view code);

// A number as text: integral values as their digits, others in the shortest form that
// reads back the same (3.5). nullopt when `stored` is not a number.
std::optional<std::string> number_text(std::string_view stored);

// A date serial as YYYY-MM-DD, with " HH:MM" when it has a time of day and the format shows
// hours; a serial below 1 in a time-only format is "HH:MM". 1900 system: serial 60 is
// Excel's 1900-02-29, a day that never was (it is printed so and refused as a date later).
std::optional<std::string> date_text(std::string_view stored, bool date1904, bool shows_time,
                                     bool time_only);

// The column letters of a 1-based column number: 1 → A, 27 → AA.
std::string column_letters(int column);
// The 1-based column number of a reference such as "C7"; 0 when it has none.
int column_of_reference(std::string_view reference);
// The 1-based row of a reference such as "C7"; 0 when it has none.
int row_of_reference(std::string_view reference);

}  // namespace hgj
