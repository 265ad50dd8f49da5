#include "hgj/xlsx_values.h"

#include <doctest/doctest.h>

using hgj::date_text;
using hgj::is_date_format;
using hgj::number_text;

TEST_CASE("xlsx: number formats that show dates") {
  for (int id : {14, 15, 17, 22, 27, 31, 36, 45, 47, 50, 58}) CHECK(is_date_format(id, ""));
  for (int id : {0, 1, 2, 10, 23, 37, 44, 49}) CHECK_FALSE(is_date_format(id, ""));
  CHECK(is_date_format(164, "yyyy/m/d"));
  CHECK(is_date_format(164, "yyyy\"年\"m\"月\"d\"日\""));
  CHECK(is_date_format(170, "[$-F800]dddd, mmmm dd, yyyy"));
  CHECK(is_date_format(171, "h:mm"));
  // y, m, d inside quotes, [brackets] or after \ are text, not date parts.
  CHECK_FALSE(is_date_format(164, "\"day \"0"));
  CHECK_FALSE(is_date_format(165, "[Red]0.00"));
  CHECK_FALSE(is_date_format(166, "0\\d"));
  CHECK_FALSE(is_date_format(167, "#,##0.00_);(#,##0.00)"));
  CHECK_FALSE(is_date_format(168, "General"));
}

TEST_CASE("xlsx: a number is read as its digits") {
  CHECK(number_text("13800000001") == "13800000001");
  CHECK(number_text("1.3800000001E10") == "13800000001");
  CHECK(number_text("13800000001.0") == "13800000001");
  CHECK(number_text("3") == "3");
  CHECK(number_text("3.5") == "3.5");
  CHECK(number_text("0.1") == "0.1");
  CHECK(number_text("-2") == "-2");
  CHECK(number_text("abc") == std::nullopt);
  CHECK(number_text("") == std::nullopt);
}

TEST_CASE("xlsx: date serials in the 1900 system, with Excel's 1900-02-29") {
  CHECK(date_text("1", false, false, false) == "1900-01-01");
  CHECK(date_text("59", false, false, false) == "1900-02-28");
  CHECK(date_text("60", false, false, false) == "1900-02-29");  // a day that never was
  CHECK(date_text("61", false, false, false) == "1900-03-01");
  CHECK(date_text("43344", false, false, false) == "2018-09-01");
  CHECK(date_text("46095", false, false, false) == "2026-03-14");
  // A time shows only when the format shows hours and the serial has one.
  CHECK(date_text("46095.395833333336", false, true, false) == "2026-03-14 09:30");
  CHECK(date_text("46095.395833333336", false, false, false) == "2026-03-14");
  CHECK(date_text("46095", false, true, false) == "2026-03-14");
  CHECK(date_text("0.75", false, true, true) == "18:00");
  CHECK(date_text("-1", false, false, false) == std::nullopt);
  CHECK(date_text("3000000", false, false, false) == std::nullopt);
}

TEST_CASE("xlsx: date serials in the 1904 system") {
  CHECK(date_text("0", true, false, false) == "1904-01-01");
  CHECK(date_text("41882", true, false, false) == "2018-09-01");
}

TEST_CASE("xlsx: cell references") {
  CHECK(hgj::column_letters(1) == "A");
  CHECK(hgj::column_letters(26) == "Z");
  CHECK(hgj::column_letters(27) == "AA");
  CHECK(hgj::column_letters(16384) == "XFD");
  CHECK(hgj::column_letters(0) == "");
  CHECK(hgj::column_of_reference("C7") == 3);
  CHECK(hgj::column_of_reference("XFD1048576") == 16384);
  CHECK(hgj::column_of_reference("XFE1") == 0);
  CHECK(hgj::row_of_reference("C7") == 7);
  CHECK(hgj::row_of_reference("A1048576") == 1048576);
  CHECK(hgj::row_of_reference("A1048577") == 0);
  CHECK(hgj::row_of_reference("C") == 0);
}
