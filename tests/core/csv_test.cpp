#include "hgj/csv.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "hgj/encoding.h"

using hgj::CsvTable;

namespace {

const std::string kUnclosed = "unclosed quote: the field starting here never ends";

std::vector<std::string> values(const hgj::CsvRow& row) {
  std::vector<std::string> out;
  for (const auto& cell : row.cells) out.push_back(cell.value);
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("csv reader splits plain rows and records where each cell starts") {
  const CsvTable t = hgj::parse_csv("id,name\nS1,张三\n");
  REQUIRE(t.rows.size() == 2);
  CHECK(values(t.rows[0]) == Strings{"id", "name"});
  CHECK(values(t.rows[1]) == Strings{"S1", "张三"});
  CHECK(t.rows[1].line == 2);
  CHECK(t.rows[1].end_line == 2);
  CHECK(t.rows[1].cells[0].line == 2);
  CHECK(t.rows[1].cells[0].offset == 0);
  CHECK(t.rows[1].cells[1].offset == 3);
  CHECK(t.lines == Strings{"id,name", "S1,张三"});
  CHECK(t.problems.empty());
}

TEST_CASE("csv reader counts cell offsets in bytes") {
  const CsvTable t = hgj::parse_csv("张三,李四,x");
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0].cells[1].offset == 7);
  CHECK(t.rows[0].cells[2].offset == 14);
}

TEST_CASE("csv reader ends rows at LF, CRLF and a lone CR alike") {
  for (const char* newline : {"\n", "\r\n", "\r"}) {
    CAPTURE(std::string(newline));
    const std::string nl = newline;
    const CsvTable t = hgj::parse_csv("a,b" + nl + "c,d" + nl + "e,f" + nl);
    REQUIRE(t.rows.size() == 3);
    CHECK(values(t.rows[2]) == Strings{"e", "f"});
    CHECK(t.rows[2].line == 3);
    CHECK(t.rows[2].cells[1].line == 3);
    CHECK(t.rows[2].cells[1].offset == 2);
    CHECK(t.lines == Strings{"a,b", "c,d", "e,f"});
  }
}

TEST_CASE("csv reader reads the last row with or without a trailing newline") {
  const CsvTable with = hgj::parse_csv("a\nb\n");
  const CsvTable without = hgj::parse_csv("a\nb");
  REQUIRE(with.rows.size() == 2);
  REQUIRE(without.rows.size() == 2);
  CHECK(values(with.rows[1]) == Strings{"b"});
  CHECK(values(without.rows[1]) == Strings{"b"});
  CHECK(with.lines == Strings{"a", "b"});
  CHECK(without.lines == Strings{"a", "b"});
}

TEST_CASE("csv reader returns nothing for empty input") {
  const CsvTable t = hgj::parse_csv("");
  CHECK(t.rows.empty());
  CHECK(t.lines.empty());
  CHECK(t.problems.empty());
}

TEST_CASE("csv reader keeps commas, doubled quotes and newlines inside quotes") {
  const CsvTable t = hgj::parse_csv("a,\"x, y\",\"say \"\"hi\"\"\"\n");
  REQUIRE(t.rows.size() == 1);
  CHECK(values(t.rows[0]) == Strings{"a", "x, y", "say \"hi\""});
  CHECK(t.rows[0].cells[1].offset == 2);  // the opening quote
  CHECK(t.rows[0].cells[2].offset == 9);
  CHECK(t.problems.empty());
}

TEST_CASE("csv reader spans a row over the lines of a quoted newline") {
  const CsvTable t = hgj::parse_csv("id,intro\r\n1,\"第一行\r\n第二行\n第三行\",z\r\n2,b\r\n");
  REQUIRE(t.rows.size() == 3);
  CHECK(values(t.rows[1]) == Strings{"1", "第一行\n第二行\n第三行", "z"});
  CHECK(t.rows[1].line == 2);
  CHECK(t.rows[1].end_line == 4);
  CHECK(t.rows[1].cells[1].line == 2);
  CHECK(t.rows[1].cells[1].offset == 2);
  CHECK(t.rows[1].cells[2].line == 4);
  CHECK(t.rows[1].cells[2].offset == 11);
  CHECK(t.rows[2].line == 5);
  CHECK(t.rows[2].end_line == 5);
  CHECK(t.lines == Strings{"id,intro", "1,\"第一行", "第二行", "第三行\",z", "2,b"});
}

TEST_CASE("csv reader reads a field that is just two quotes as empty") {
  const CsvTable t = hgj::parse_csv("\"\",a,\"\"\n\"\"");
  REQUIRE(t.rows.size() == 2);
  CHECK(values(t.rows[0]) == Strings{"", "a", ""});
  CHECK(values(t.rows[1]) == Strings{""});
  CHECK(t.problems.empty());
}

TEST_CASE("csv reader keeps whitespace, blank rows and trailing empty columns") {
  const CsvTable t = hgj::parse_csv(" a , b\t\n\n,,\n x,,\n");
  REQUIRE(t.rows.size() == 4);
  CHECK(values(t.rows[0]) == Strings{" a ", " b\t"});
  CHECK(values(t.rows[1]) == Strings{""});
  CHECK(values(t.rows[2]) == Strings{"", "", ""});
  CHECK(values(t.rows[3]) == Strings{" x", "", ""});
  CHECK(t.rows[2].line == 3);
  CHECK(t.lines == Strings{" a , b\t", "", ",,", " x,,"});
}

TEST_CASE("csv row is blank when every cell is empty or whitespace") {
  const CsvTable t = hgj::parse_csv(",,\n \t, \n\xE3\x80\x80,\n,x\n\" \"\n");
  REQUIRE(t.rows.size() == 5);
  CHECK(t.rows[0].blank());
  CHECK(t.rows[1].blank());
  CHECK(t.rows[2].blank());  // ideographic space
  CHECK_FALSE(t.rows[3].blank());
  CHECK(t.rows[4].blank());
}

TEST_CASE("csv reader keeps a quote in the middle of an unquoted field") {
  const CsvTable t = hgj::parse_csv("ab\"c,d\"\n");
  REQUIRE(t.rows.size() == 1);
  CHECK(values(t.rows[0]) == Strings{"ab\"c", "d\""});
  CHECK(t.problems.empty());
}

TEST_CASE("csv reader reports an unclosed quote where the field starts") {
  const CsvTable t = hgj::parse_csv("id,name\n1,ok\n2,\"abc\n3,x\n");
  REQUIRE(t.rows.size() == 2);
  CHECK(values(t.rows[1]) == Strings{"1", "ok"});
  REQUIRE(t.problems.size() == 1);
  CHECK(t.problems[0].line == 3);
  CHECK(t.problems[0].column == 2);
  CHECK(t.problems[0].message == kUnclosed);
  CHECK(t.lines.size() == 4);
}

TEST_CASE("csv reader reports a quote opened at the end of input") {
  const CsvTable t = hgj::parse_csv("a\n\"");
  CHECK(t.rows.size() == 1);
  REQUIRE(t.problems.size() == 1);
  CHECK(t.problems[0].line == 2);
  CHECK(t.problems[0].column == 1);
  CHECK(t.problems[0].message == kUnclosed);
}

TEST_CASE("csv reader keeps text after a closing quote and reports it") {
  const CsvTable t = hgj::parse_csv("x,y\n1,\"ab\"c,d\n");
  REQUIRE(t.rows.size() == 2);
  CHECK(values(t.rows[1]) == Strings{"1", "abc", "d"});
  REQUIRE(t.problems.size() == 1);
  CHECK(t.problems[0].line == 2);
  CHECK(t.problems[0].column == 2);
  CHECK(t.problems[0].message == "unexpected text after a closing quote");
}

TEST_CASE("csv reader parses decoded GB18030 text with Chinese headers") {
  const std::string utf8 = "编号,姓名,楼栋\r\nS001,张三,\"b1、b2\"\r\n";
  const hgj::Decoded d = hgj::decode_text(hgj::utf8_to_gb18030(utf8));
  REQUIRE(d.ok);
  const CsvTable t = hgj::parse_csv(d.text);
  REQUIRE(t.rows.size() == 2);
  CHECK(values(t.rows[0]) == Strings{"编号", "姓名", "楼栋"});
  CHECK(values(t.rows[1]) == Strings{"S001", "张三", "b1、b2"});
}

TEST_CASE("csv reader handles 100000 rows") {
  std::string text = "id,name,phone\n";
  for (int i = 0; i < 100000; ++i)
    text += "S" + std::to_string(i) + ",\"张, 三\"," + std::to_string(13800000000 + i) + "\r\n";
  const CsvTable t = hgj::parse_csv(text);
  REQUIRE(t.rows.size() == 100001);
  CHECK(t.rows[100000].line == 100001);
  CHECK(values(t.rows[100000]) == Strings{"S99999", "张, 三", "13800099999"});
  CHECK(t.lines.size() == 100001);
}
