#include "hgj/values.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "hgj/ledger_values.h"
#include "hgj/unit_span.h"

using namespace hgj;

namespace {

// The failure message of a parse, or "(parsed)" when it unexpectedly succeeded.
template <class T>
std::string error_of(const Parsed<T>& p) {
  return p ? std::string("(parsed)") : p.error;
}

Date date(std::string_view text) {
  auto p = parse_date(text);
  REQUIRE_MESSAGE(p, text);
  return *p.value;
}

Phone phone(std::string_view text) {
  auto p = parse_phone(text);
  REQUIRE_MESSAGE(p, text);
  return *p.value;
}

}  // namespace

TEST_CASE("ids are 1 to 64 letters, digits, underscores or hyphens") {
  CHECK(is_valid_id("dpb-03"));
  CHECK(is_valid_id("A_1"));
  CHECK(is_valid_id(std::string(64, 'a')));
  CHECK_FALSE(is_valid_id(""));
  CHECK_FALSE(is_valid_id(std::string(65, 'a')));
  CHECK_FALSE(is_valid_id("dpb 03"));
  CHECK_FALSE(is_valid_id("dpb/03"));
  CHECK_FALSE(is_valid_id("德坪坝"));
}

TEST_CASE("trim removes ASCII and full-width spaces at both ends only") {
  CHECK(trim("  a b \t\r\n") == "a b");
  CHECK(trim("\u3000张三\u3000 ") == "张三");
  CHECK(trim("\u3000") == "");
  CHECK(trim("") == "");
}

TEST_CASE("split_list splits on Chinese and ASCII separators and drops empty items") {
  using V = std::vector<std::string>;
  CHECK(split_list("dpb-01、dpb-02,dpb-03;dpb-04，dpb-05；dpb-06") ==
        V{"dpb-01", "dpb-02", "dpb-03", "dpb-04", "dpb-05", "dpb-06"});
  CHECK(split_list(" a  b\u3000c ,, ") == V{"a", "b", "c"});
  CHECK(split_list("、、") == V{});
  CHECK(split_list("") == V{});
}

TEST_CASE("split_list keeps spaces inside items when not splitting on space") {
  using V = std::vector<std::string>;
  CHECK(split_list("2018-11 月度服务之星、 2020-05 优秀党员 ", false) ==
        V{"2018-11 月度服务之星", "2020-05 优秀党员"});
}

TEST_CASE("dates are parsed in ISO, slash, dot and Chinese forms") {
  const Date expected{2024, 3, 5};
  CHECK(date("2024-03-05") == expected);
  CHECK(date("2024-3-5") == expected);
  CHECK(date("2024/3/5") == expected);
  CHECK(date("2024.3.5") == expected);
  CHECK(date("2024年3月5日") == expected);
  CHECK(date("2024年3月5") == expected);
  CHECK(date(" 2024-03-05\u3000") == expected);
  CHECK(date("1900-01-01") == Date{1900, 1, 1});
  CHECK(date("2200-12-31") == Date{2200, 12, 31});
}

TEST_CASE("malformed dates are rejected") {
  for (const char* text : {"", "2024", "2024-03", "24-03-05", "2024-03-05x", "2024-3/5",
                           "2024年3-5", "2024-003-05", "2024-03-005", "1899-12-31", "2201-01-01",
                           "2024-03-00", "2024-03-05 10", "二〇二四年三月五日"}) {
    CAPTURE(text);
    CHECK(error_of(parse_date(text)) == "is not a valid date");
  }
}

TEST_CASE("impossible dates name the month's length or the bad month") {
  CHECK(error_of(parse_date("2023-02-29")) == "is not a valid date (2023年2月 has 28 days)");
  CHECK(error_of(parse_date("1900-02-29")) == "is not a valid date (1900年2月 has 28 days)");
  CHECK(error_of(parse_date("2024-04-31")) == "is not a valid date (2024年4月 has 30 days)");
  CHECK(error_of(parse_date("2024-01-32")) == "is not a valid date (2024年1月 has 31 days)");
  CHECK(error_of(parse_date("2024-13-01")) == "is not a valid date (month 13)");
  CHECK(error_of(parse_date("2024年0月1日")) == "is not a valid date (month 0)");
}

TEST_CASE("leap years follow the Gregorian rules") {
  CHECK(date("2024-02-29") == Date{2024, 2, 29});
  CHECK(date("2000-02-29") == Date{2000, 2, 29});
  CHECK(is_leap_year(2024));
  CHECK(is_leap_year(2000));
  CHECK_FALSE(is_leap_year(1900));
  CHECK_FALSE(is_leap_year(2023));
  CHECK(days_in_month(2024, 2) == 29);
  CHECK(days_in_month(2023, 2) == 28);
  CHECK(days_in_month(2023, 12) == 31);
  CHECK(days_in_month(2023, 11) == 30);
}

TEST_CASE("dates convert to and from days since the epoch") {
  CHECK(Date{1970, 1, 1}.days_since_epoch() == 0);
  CHECK(Date{1969, 12, 31}.days_since_epoch() == -1);
  CHECK(Date{2026, 11, 24}.days_since_epoch() == 20781);
  CHECK(Date::from_days_since_epoch(20781) == Date{2026, 11, 24});
  CHECK(Date::from_days_since_epoch(-1) == Date{1969, 12, 31});
  for (long d = -30000; d < 90000; d += 37)
    CHECK(Date::from_days_since_epoch(d).days_since_epoch() == d);
}

TEST_CASE("weekday counts from Monday") {
  CHECK(Date{2026, 11, 23}.weekday() == 0);
  CHECK(Date{2026, 11, 24}.weekday() == 1);
  CHECK(Date{2000, 1, 1}.weekday() == 5);
  CHECK(Date{1970, 1, 1}.weekday() == 3);
  CHECK(Date{1969, 12, 28}.weekday() == 6);
}

TEST_CASE("dates compare chronologically and print as ISO") {
  CHECK(Date{2024, 1, 31} < Date{2024, 2, 1});
  CHECK(Date{2023, 12, 31} < Date{2024, 1, 1});
  CHECK(Date{2024, 3, 5}.iso() == "2024-03-05");
  CHECK(Date{1900, 12, 1}.iso() == "1900-12-01");
  CHECK(Date{987, 10, 29}.iso() == "0987-10-29");
  CHECK(Date{}.iso() == "0000-00-00");
  CHECK(Date{12345, 1, 2}.iso() == "12345-01-02");  // past the hand-written digits
}

TEST_CASE("mobiles are grouped 3-4-4 and accept +86 and typed punctuation") {
  const Phone expected{"13800000001", "138 0000 0001"};
  for (const char* text : {"13800000001", "138 0000 0001", "138-0000-0001", "138.0000.0001",
                           "138\u30000000\u30000001", "+86 138 0000 0001", "+8613800000001",
                           "8613800000001", "+86 138—0000—0001", " 13800000001 "}) {
    CAPTURE(text);
    CHECK(phone(text) == expected);
  }
  CHECK(phone("19912345678").tel_uri() == "tel:19912345678");
}

TEST_CASE("landlines split the area code and accept brackets") {
  CHECK(phone("0570-8012345") == Phone{"05708012345", "0570-8012345"});
  CHECK(phone("(0570)8012345") == Phone{"05708012345", "0570-8012345"});
  CHECK(phone("（0570）80123456") == Phone{"057080123456", "0570-80123456"});
  CHECK(phone("05708012345") == Phone{"05708012345", "0570-8012345"});
  CHECK(phone("010-12345678") == Phone{"01012345678", "010-12345678"});
  CHECK(phone("021 6123 4567") == Phone{"02161234567", "021-61234567"});
  CHECK(phone("0570-801-2345") == Phone{"05708012345", "0570-8012345"});
  CHECK(phone("0570-8012345").tel_uri() == "tel:05708012345");
}

TEST_CASE("landline extensions need a separator in the original text") {
  const Phone expected{"05708012345,12", "0570-8012345 转 12"};
  for (const char* text :
       {"0570-8012345-12", "0570-8012345转12", "0570-8012345 转 12", "0570 8012345 ext. 12",
        "0570-8012345 EXT 12", "0570-8012345x12", "0570-8012345 X 12"}) {
    CAPTURE(text);
    CHECK(phone(text) == expected);
  }
  CHECK(phone("0570-8012345-12").tel_uri() == "tel:05708012345,12");
  // The digits alone would read as an 8-digit number; the dash makes 8 an extension.
  CHECK(phone("010-1234567-8") == Phone{"0101234567,8", "010-1234567 转 8"});
  CHECK(phone("010-12345678") == Phone{"01012345678", "010-12345678"});
  CHECK(phone("0570-8012345-123456").digits == "05708012345,123456");
}

TEST_CASE("service numbers are kept or grouped") {
  CHECK(phone("400-123-4567") == Phone{"4001234567", "400 123 4567"});
  CHECK(phone("8001234567") == Phone{"8001234567", "800 123 4567"});
  for (const char* text : {"110", "119", "120", "122", "12345", "95598", "96345"}) {
    CAPTURE(text);
    CHECK(phone(text) == Phone{text, text});
  }
}

TEST_CASE("anything else is not a phone number") {
  for (const char* text :
       {"", "1380000", "12800000001", "138000000012", "0570-801234", "0570-801234567",
        "0570-8012345-1234567", "0570-8012345转", "13800000001转12", "+86 0570 8012345",
        "+1 138 0000 0001", "138 0000 000a", "电话13800000001", "111", "12346", "97123",
        "4001234567 转 1", "5001234567"}) {
    CAPTURE(text);
    CHECK(error_of(parse_phone(text)) == "is not a valid phone number");
  }
}

TEST_CASE("booleans accept Chinese, English and digits") {
  for (const char* text : {"是", "true", "TRUE", "True", "yes", "1", "Y", "y", " 是 "}) {
    CAPTURE(text);
    CHECK(parse_bool(text).value == std::optional<bool>(true));
  }
  for (const char* text : {"否", "false", "FALSE", "no", "0", "N", "n"}) {
    CAPTURE(text);
    CHECK(parse_bool(text).value == std::optional<bool>(false));
  }
  for (const char* text : {"", "对", "maybe", "2"}) {
    CAPTURE(text);
    CHECK(error_of(parse_bool(text)) == "is not 是/否 or true/false");
  }
}

TEST_CASE("counts are plain non-negative whole numbers") {
  CHECK(parse_count("12").value == std::optional<int>(12));
  CHECK(parse_count(" 0 ").value == std::optional<int>(0));
  CHECK(parse_count("007").value == std::optional<int>(7));
  CHECK(parse_count("999999999").value == std::optional<int>(999999999));
  for (const char* text : {"", "12户", "-1", "+3", "1.5", "1 2", "9999999999"}) {
    CAPTURE(text);
    CHECK(error_of(parse_count(text)) == "is not a whole number");
  }
}

TEST_CASE("building references name a building and optionally units") {
  CHECK(parse_building_ref("dpb-03").value == std::optional(BuildingRef{"dpb-03", 0, 0}));
  CHECK(parse_building_ref("dpb-03").value->whole_building());
  CHECK(parse_building_ref("dpb-03:2").value == std::optional(BuildingRef{"dpb-03", 2, 2}));
  CHECK(parse_building_ref("dpb-03:1-2").value == std::optional(BuildingRef{"dpb-03", 1, 2}));
  CHECK(parse_building_ref(" dpb-03：1–2 ").value == std::optional(BuildingRef{"dpb-03", 1, 2}));
  CHECK(parse_building_ref("b:1-999").value == std::optional(BuildingRef{"b", 1, 999}));
}

TEST_CASE("bad building references are rejected") {
  // The example is the user's own building when the id part reads as one.
  const std::string bad =
      "is not a building reference: write the building's id, or id:units "
      "for some of its units, e.g. ";
  for (const char* text : {"", "dpb 03", "德坪坝3幢", ":1"}) {
    CAPTURE(text);
    CHECK(error_of(parse_building_ref(text)) == bad + "ID:1-2");
  }
  for (const char* text : {"dpb-03:", "dpb-03:a", "dpb-03:1-", "dpb-03:1-2-3"}) {
    CAPTURE(text);
    CHECK(error_of(parse_building_ref(text)) == bad + "dpb-03:1-2");
  }
  for (const char* text : {"dpb-03:3-1", "dpb-03:0", "dpb-03:0-2", "dpb-03:1-1000"}) {
    CAPTURE(text);
    CHECK(error_of(parse_building_ref(text)) == "has an invalid unit range");
  }
}

TEST_CASE("clock times are minutes since midnight up to 24:00") {
  CHECK(parse_clock("19:00").value == std::optional(19 * 60));
  CHECK(parse_clock("9:05").value == std::optional(9 * 60 + 5));
  CHECK(parse_clock("19：30").value == std::optional(19 * 60 + 30));
  CHECK(parse_clock("00:00").value == std::optional(0));
  CHECK(parse_clock("24:00").value == std::optional(24 * 60));
  for (const char* text : {"", "19", "19:0", "19:60", "24:01", "25:00", "19.00", "7pm"}) {
    CAPTURE(text);
    CHECK(error_of(parse_clock(text)) == "is not a time like 19:00");
  }
}

TEST_CASE("time ranges accept the usual separators") {
  const TimeRange expected{19 * 60, 20 * 60 + 30};
  for (const char* text : {"19:00-20:30", "19:00–20:30", "19:00—20:30", "19:00~20:30",
                           "19:00～20:30", "19:00至20:30", "19：00-20：30", " 19:00 - 20:30 "}) {
    CAPTURE(text);
    CHECK(parse_time_range(text).value == std::optional(expected));
  }
  CHECK(parse_time_range("9:00-11:00").value == std::optional(TimeRange{540, 660}));
  CHECK(parse_time_range("22:00-24:00").value == std::optional(TimeRange{1320, 1440}));
}

TEST_CASE("bad time ranges are rejected") {
  for (const char* text :
       {"", "19:00", "19:00-", "19:00 20:30", "19-20", "24:00-24:00", "19:00-25:00"}) {
    CAPTURE(text);
    CHECK(error_of(parse_time_range(text)) == "is not a time range like 19:00-20:30");
  }
  CHECK(error_of(parse_time_range("20:30-19:00")) == "ends before it starts");
  CHECK(error_of(parse_time_range("19:00-19:00")) == "ends before it starts");
}

TEST_CASE("time ranges print with an en dash and two-digit hours") {
  CHECK(TimeRange{19 * 60, 20 * 60 + 30}.text() == "19:00–20:30");
  CHECK(TimeRange{9 * 60, 11 * 60}.text() == "09:00–11:00");
}

TEST_CASE("weekly rules accept English and Chinese weekday names") {
  const auto weekly = [](int weekday) {
    return std::optional(EventRule{EventRule::Kind::weekly, weekday, 0});
  };
  CHECK(parse_event_rule("weekly:tue").value == weekly(1));
  CHECK(parse_event_rule("weekly:Tuesday").value == weekly(1));
  CHECK(parse_event_rule("WEEKLY:TUE").value == weekly(1));
  CHECK(parse_event_rule("weekly:mon").value == weekly(0));
  CHECK(parse_event_rule("weekly:sunday").value == weekly(6));
  CHECK(parse_event_rule("weekly:周二").value == weekly(1));
  CHECK(parse_event_rule("weekly:星期五").value == weekly(4));
  CHECK(parse_event_rule("weekly:周日").value == weekly(6));
  CHECK(parse_event_rule("weekly:星期日").value == weekly(6));
  CHECK(parse_event_rule(" weekly：wed ").value == weekly(2));
}

TEST_CASE("monthly and quarterly rules take a day of the month") {
  CHECK(parse_event_rule("monthly:20").value ==
        std::optional(EventRule{EventRule::Kind::monthly, 0, 20}));
  CHECK(parse_event_rule("quarterly:15").value ==
        std::optional(EventRule{EventRule::Kind::quarterly, 0, 15}));
  CHECK(parse_event_rule("monthly:31").value ==
        std::optional(EventRule{EventRule::Kind::monthly, 0, 31}));
  CHECK(parse_event_rule("Monthly:1").value ==
        std::optional(EventRule{EventRule::Kind::monthly, 0, 1}));
}

TEST_CASE("bad event rules are rejected with the reason") {
  const std::string bad = "is not a rule like weekly:tue, monthly:20 or quarterly:15";
  for (const char* text :
       {"", "weekly", "daily:1", "yearly:5", "monthly:", "monthly:x", "monthly:-1", "每周二"}) {
    CAPTURE(text);
    CHECK(error_of(parse_event_rule(text)) == bad);
  }
  for (const char* text : {"weekly:tues", "weekly:周八", "weekly:", "weekly:1"}) {
    CAPTURE(text);
    CHECK(error_of(parse_event_rule(text)) ==
          "has an unknown weekday (use mon tue wed thu fri sat sun)");
  }
  for (const char* text : {"monthly:0", "monthly:32", "quarterly:99999999999"}) {
    CAPTURE(text);
    CHECK(error_of(parse_event_rule(text)) == "has a day outside 1–31");
  }
}

TEST_CASE("event rules print canonically and in Chinese") {
  const EventRule tue{EventRule::Kind::weekly, 1, 0};
  const EventRule sun{EventRule::Kind::weekly, 6, 0};
  const EventRule monthly{EventRule::Kind::monthly, 0, 20};
  const EventRule quarterly{EventRule::Kind::quarterly, 0, 15};
  CHECK(tue.text() == "weekly:tue");
  CHECK(tue.chinese() == "每周二");
  CHECK(sun.text() == "weekly:sun");
  CHECK(sun.chinese() == "每周日");
  CHECK(monthly.text() == "monthly:20");
  CHECK(monthly.chinese() == "每月20日");
  CHECK(quarterly.text() == "quarterly:15");
  CHECK(quarterly.chinese() == "每季度首月15日");
  CHECK(parse_event_rule("weekly:星期二").value->text() == "weekly:tue");
}

TEST_CASE("dates with a time of day keep the date") {
  CHECK(date("2026/3/14 9:30") == Date{2026, 3, 14});
  CHECK(date("2026-03-14 09:30:00") == Date{2026, 3, 14});
  CHECK(date("2026年3月14日 9:30") == Date{2026, 3, 14});
  CHECK(date("2026-03-14T09:30") == Date{2026, 3, 14});
  CHECK(date("2026.10.15") == Date{2026, 10, 15});
  CHECK(error_of(parse_date("2026/3/14 25:00")) == "is not a valid date");
  CHECK(error_of(parse_date("2026/3/14 9")) == "is not a valid date");
  CHECK(error_of(parse_date("2026/3/149:30")) == "is not a valid date");
  CHECK(error_of(parse_date("2026/3/14 9:30 下午")) == "is not a valid date");
}

TEST_CASE("full-width digits, letters and punctuation are folded to ASCII") {
  CHECK(normalize_width("ＬＹ－００１") == "LY-001");
  CHECK(normalize_width("１３８００００００01") == "13800000001");
  CHECK(normalize_width("２０２６／３／１４") == "2026/3/14");
  CHECK(normalize_width("dpb-03") == "dpb-03");
  CHECK(normalize_width("") == "");
  CHECK(date(normalize_width("２０２６年３月１４日")) == Date{2026, 3, 14});
  CHECK(phone(normalize_width("（０５７０）８０１２３４５")).display == "0570-8012345");
}

TEST_CASE("phones from number-typed cells are read as their digits") {
  CHECK(phone("13800000001.0").digits == "13800000001");
  CHECK(phone("1.3800000001E+10").digits == "13800000001");
  CHECK(phone("1.3800000001e10").digits == "13800000001");
  CHECK(phone("12345.0").digits == "12345");
  CHECK(error_of(parse_phone("1.38E+10")) ==
        "is a number Excel cut short; format the column as text and type the number again");
  CHECK(error_of(parse_phone("13800000001.5")) == "is not a valid phone number");
}

TEST_CASE("a landline that lost its leading 0 is found again") {
  CHECK(landline_without_zero("5708012345")->display == "0570-8012345");
  CHECK(landline_without_zero("2886001234")->display == "028-86001234");
  CHECK(landline_without_zero("1062345678")->display == "010-62345678");
  CHECK(landline_without_zero("57186001234")->display == "0571-86001234");
  CHECK(landline_without_zero("5708012345.0")->display == "0570-8012345");
  CHECK_FALSE(landline_without_zero("13800000001"));
  CHECK_FALSE(landline_without_zero("1162345678"));
  CHECK_FALSE(landline_without_zero("0570801234"));
  CHECK_FALSE(landline_without_zero("57080123"));
  CHECK_FALSE(landline_without_zero("570801234567"));
}

TEST_CASE("政治面貌 values: party members and everyone else") {
  for (std::string_view member :
       {"中共党员", "中共预备党员", "党员", "预备党员", " 中共党员 ", "是"})
    CHECK_MESSAGE(parse_party_status(member), member);
  for (std::string_view other : {"群众", "共青团员", "民主党派", "民盟盟员", "", "否"})
    CHECK_FALSE_MESSAGE(parse_party_status(other), other);
}

TEST_CASE("parse_date_time: a date, or a date and a time of day as staff and TOML write them") {
  const auto read = [](std::string_view text) { return parse_date_time(text); };
  CHECK(read("2026-12-08").value->date == Date{2026, 12, 8});
  CHECK_FALSE(read("2026-12-08").value->minute);
  CHECK(read("2026-12-08 18:00").value->minute == std::optional(18 * 60));
  CHECK(read("2026-12-08T18:00:00").value->minute == std::optional(18 * 60));
  CHECK(read("2026年12月8日 9:30").value->minute == std::optional(9 * 60 + 30));
  CHECK(read("2026/12/8 09:05").value->text() == "2026-12-08 09:05");
  CHECK(read("2026-12-08").value->text() == "2026-12-08");
  CHECK(read("2026-12-08 25:00").error == "is not a valid date");
  CHECK(read("明天").error == "is not a valid date");
}

TEST_CASE("unit_span: the units a steward serves, one spelling for site, boards and kiosk") {
  CHECK(unit_span({"b", 0, 0}) == "");
  CHECK(unit_span({"b", 3, 3}) == "3");
  CHECK(unit_span({"b", 1, 2}) == "1–2");  // an en dash: the kiosk once wrote 1—2
  CHECK(unit_span({"b", 10, 12}) == "10–12");
}
