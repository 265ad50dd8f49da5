#include "hgj/record.h"

#include <doctest/doctest.h>

#include "hgj/encoding.h"

using namespace hgj;

namespace {

std::vector<Record> records_from_csv(const CollectionSpec& spec, const std::string& path,
                                     std::string_view bytes, DiagnosticSink& sink) {
  std::vector<Record> records;
  read_csv_records(spec, path, bytes, sink, [&](Record&& r) { records.push_back(std::move(r)); });
  return records;
}

std::vector<std::string> messages(const DiagnosticSink& sink) {
  std::vector<std::string> out;
  for (const Diagnostic& d : sink.sorted()) out.push_back(format_diagnostic(d));
  return out;
}

}  // namespace

TEST_CASE("csv records map Chinese headers onto English keys and trim values") {
  DiagnosticSink sink;
  auto records = records_from_csv(collection_spec("stewards"), "content/stewards.csv",
                                  "编号,姓名,电话\ns1, 王建国 ,138 0000 0001\n", sink);
  REQUIRE(records.size() == 1);
  CHECK(sink.sorted().empty());
  const Record& r = records[0];
  CHECK(r.from_csv);
  CHECK(r.chinese_labels);
  CHECK(r.where.line == 2);
  REQUIRE(r.get("name") != nullptr);
  CHECK(r.get("name")->text == "王建国");
  CHECK(r.get("name")->label == "姓名");
  CHECK(r.get("phone")->column == 3);
  CHECK(r.label(collection_spec("stewards").field("photo")) == "照片");
}

TEST_CASE("csv records accept English keys in any case") {
  DiagnosticSink sink;
  auto records = records_from_csv(collection_spec("grids"), "g.csv",
                                  "ID,Name,community\ng1,一网格,c1\n", sink);
  REQUIRE(records.size() == 1);
  CHECK_FALSE(records[0].chinese_labels);
  CHECK(records[0].get("name")->text == "一网格");
  CHECK(records[0].label(collection_spec("grids").field("leader")) == "leader");
}

TEST_CASE("csv records read GB18030 as Excel saves it, ignoring empty trailing columns and rows") {
  DiagnosticSink sink;
  const std::string csv =
      utf8_to_gb18030("编号,姓名,电话,,\r\ns1,王建国,13800000001,,\r\n,,,,\r\n,,,,\r\n");
  auto records = records_from_csv(collection_spec("stewards"), "s.csv", csv, sink);
  CHECK(sink.sorted().empty());
  REQUIRE(records.size() == 1);
  CHECK(records[0].get("name")->text == "王建国");
}

TEST_CASE("unknown columns warn once at the header and private columns vanish silently") {
  DiagnosticSink sink;
  auto records =
      records_from_csv(collection_spec("stewards"), "s.csv",
                       "编号,姓名,_身份证号,private_住址,备注\ns1,王,330802,某路1号,好人\n", sink);
  REQUIRE(records.size() == 1);
  CHECK(messages(sink) ==
        std::vector<std::string>{"s.csv:1:5: warning: unknown column \"备注\" ignored"});
  CHECK(records[0].fields.size() == 2);
  CHECK(records[0].get("_身份证号") == nullptr);
}

TEST_CASE("excerpts of a csv row mask private and unknown cells, even quoted ones") {
  DiagnosticSink sink;
  auto records =
      records_from_csv(collection_spec("stewards"), "s.csv",
                       "编号,_身份证号,电话,备注\ns1,\"3308,02\",123,\"secret\"\n", sink);
  REQUIRE(records.size() == 1);
  const Record& r = records[0];
  Diagnostic d = r.diagnostic(r.location(*r.get("phone")), Severity::error, "bad");
  CHECK(d.excerpt == "s1,***,123,***");
  CHECK(d.caret == 7);
}

TEST_CASE("a masked cell continuing onto the next line stays masked there") {
  DiagnosticSink sink;
  auto records = records_from_csv(collection_spec("stewards"), "s.csv",
                                  "编号,_住址,姓名\ns1,\"某路\n1号\",王\n", sink);
  REQUIRE(records.size() == 1);
  const Record& r = records[0];
  Diagnostic d = r.diagnostic(r.location(*r.get("name")), Severity::error, "bad");
  CHECK(d.where.line == 3);
  CHECK(d.excerpt == "***,王");
  CHECK(d.caret == 4);
}

TEST_CASE("a header without an id column is one error and no records") {
  DiagnosticSink sink;
  auto records =
      records_from_csv(collection_spec("stewards"), "s.csv", "姓名,电话\n王,13800000001\n", sink);
  CHECK(records.empty());
  CHECK(messages(sink) ==
        std::vector<std::string>{
            "s.csv:1: error: the header has no 编号 (id) column; found: 姓名, 电话"});
}

TEST_CASE("a column given twice under two names is an error") {
  DiagnosticSink sink;
  records_from_csv(collection_spec("stewards"), "s.csv", "编号,电话,phone\ns1,1,2\n", sink);
  CHECK(messages(sink) ==
        std::vector<std::string>{
            "s.csv:1:3: error: column 3 \"phone\" and column 2 \"电话\" are both phone; keep "
            "one of them"});
}

TEST_CASE("two header aliases of one field are an error naming both columns") {
  DiagnosticSink sink;
  auto records = records_from_csv(collection_spec("stewards"), "s.csv",
                                  "编号,手机号码,联系电话\ns1,1,2\n", sink);
  CHECK(records.empty());
  CHECK(messages(sink) == std::vector<std::string>{
                              "s.csv:1:3: error: column 3 \"联系电话\" and column 2 \"手机号码\" "
                              "are both phone; keep one of them"});
}

TEST_CASE("ledger headers staff use are aliases of the fields") {
  DiagnosticSink sink;
  auto records = records_from_csv(collection_spec("stewards"), "s.csv",
                                  "编号,红管家姓名,手机号码,政治面貌,负责楼栋,任职时间\ns1,王建国,"
                                  "13800000001,中共党员,b1,2026/3/1\n",
                                  sink);
  CHECK(messages(sink).empty());
  REQUIRE(records.size() == 1);
  CHECK(records[0].get("name")->text == "王建国");
  CHECK(records[0].get("phone")->text == "13800000001");
  CHECK(records[0].get("party_member")->label == "政治面貌");
  CHECK(records[0].get("buildings")->text == "b1");
  CHECK(records[0].get("since")->text == "2026/3/1");
  for (const std::string_view header : {"联系方式", "手机", "手机号", "电话", "联系电话"}) {
    CHECK(collection_spec("stewards").find(header)->key == "phone");
  }
  for (const std::string_view header : {"联系楼栋", "所在楼栋", "包联楼栋", "联系楼道", "楼栋"}) {
    CHECK(collection_spec("stewards").find(header)->key == "buildings");
  }
  CHECK(collection_spec("stewards").find("聘任时间")->key == "since");
  CHECK(collection_spec("buildings").find("所属社区")->key == "community");
  CHECK(collection_spec("buildings").find("所属网格")->key == "grid");
  CHECK(collection_spec("grids").find("所属社区")->key == "community");
  CHECK(collection_spec("communities").find("联系电话")->key == "phone");
  CHECK(collection_spec("issues").find("问题描述")->key == "title");
  CHECK(collection_spec("issues").find("问题类别")->key == "category");
  CHECK(collection_spec("issues").find("经办人")->key == "handled_by");
}

TEST_CASE("a folder's own column mapping comes before the labels") {
  DiagnosticSink sink;
  std::vector<Record> records;
  const ColumnMap columns = {{"联系人姓名", "name"}, {"人员编码", "id"}};
  read_csv_records(
      collection_spec("stewards"), "s.csv",
      csv_table("s.csv", "人员编码,联系人姓名,电话\nLY-001,张桂兰,13800000001\n", sink), sink,
      [&](Record&& r) { records.push_back(std::move(r)); }, &columns);
  CHECK(messages(sink).empty());
  REQUIRE(records.size() == 1);
  CHECK(records[0].get("id")->text == "LY-001");
  CHECK(records[0].get("name")->text == "张桂兰");
}

TEST_CASE("ragged rows are reported with the line they start on and marked broken") {
  DiagnosticSink sink;
  auto records = records_from_csv(collection_spec("grids"), "g.csv",
                                  "编号,名称,社区\ng1,\"一\n网格\"\ng2,二网格,c1,多\n", sink);
  CHECK(messages(sink) ==
        std::vector<std::string>{"g.csv:2: error: row has 2 cells, the header has 3",
                                 "g.csv:4: error: row has 4 cells, the header has 3"});
  REQUIRE(records.size() == 2);
  CHECK(records[0].broken);
  CHECK(records[1].broken);
}

TEST_CASE("a row with more cells than the header is refused even when the extra ones are empty") {
  // An address typed with an ASCII comma in a private column: its second half would be
  // read as 服务时间 and published.
  DiagnosticSink sink;
  auto records =
      records_from_csv(collection_spec("stewards"), "s.csv",
                       "编号,姓名,_家庭住址,服务时间\ns1,王,幸福路3号,2幢501室,\n", sink);
  CHECK(messages(sink) ==
        std::vector<std::string>{"s.csv:2: error: row has 5 cells, the header has 4"});
  REQUIRE(records.size() == 1);
  CHECK(records[0].broken);
}

TEST_CASE("markdown records read front matter values, the body and the id from the file name") {
  DiagnosticSink sink;
  auto record =
      record_from_markdown(collection_spec("events"), "content/events/knock.md",
                           "+++\ntitle = \"敲门日\"\nscope = [\"c1\", \"b2\"]\ndate = 2026-12-01\n"
                           "\"_备注\" = \"内部\"\n+++\n# 标题\n",
                           sink);
  REQUIRE(record);
  CHECK(sink.sorted().empty());
  CHECK(record->get("id")->text == "knock");
  CHECK(record->get("scope")->is_array);
  CHECK(record->get("scope")->items == std::vector<std::string>{"c1", "b2"});
  CHECK(record->get("date")->text == "2026-12-01");
  CHECK(record->get("date")->line == 4);
  CHECK(record->body.text == "# 标题\n");
  CHECK(record->body.where.line == 7);
  // The private key's line is never shown in an excerpt.
  Diagnostic d = record->diagnostic({"content/events/knock.md", 5, 1}, Severity::error, "x");
  CHECK(d.excerpt.empty());
}

TEST_CASE("markdown records report TOML syntax errors at the file line") {
  DiagnosticSink sink;
  auto record =
      record_from_markdown(collection_spec("pages"), "p.md", "+++\ntitle = \n+++\n", sink);
  CHECK_FALSE(record);
  REQUIRE(sink.error_count() == 1);
  CHECK(sink.sorted()[0].where.line == 2);
}

TEST_CASE("markdown records must be UTF-8") {
  DiagnosticSink sink;
  auto record =
      record_from_markdown(collection_spec("pages"), "p.md", "+++\ntitle = \"\xff\"\n+++\n", sink);
  CHECK_FALSE(record);
  CHECK(messages(sink) ==
        std::vector<std::string>{"p.md:2:10: error: the file is not valid UTF-8 text"});
}

TEST_CASE("control characters leave csv cells with one warning per line naming them") {
  DiagnosticSink sink;
  // U+000B as Word writes a line break, U+0001, DEL and a C1 (U+0085) in UTF-8; a quoted
  // cell's newline stays, and the next line's warning has its own line.
  auto records = records_from_csv(collection_spec("stewards"), "s.csv",
                                  "编号,姓名,服务时间\ns1,王\v建国\x01,\"周一\x7f\n周二\xc2\x85\"\n"
                                  "s2,陈\x1f美华,\n",
                                  sink);
  REQUIRE(records.size() == 2);
  CHECK(records[0].get("name")->text == "王建国");
  CHECK(records[0].get("office_hours")->text == "周一\n周二");
  CHECK(records[1].get("name")->text == "陈美华");
  CHECK(messages(sink) ==
        std::vector<std::string>{
            "s.csv:2: warning: invisible control characters U+0001, U+000B, U+007F removed",
            "s.csv:3: warning: invisible control character U+0085 removed",
            "s.csv:4: warning: invisible control character U+001F removed"});
}

TEST_CASE("control characters leave front matter strings, raw or escaped, and bodies") {
  DiagnosticSink sink;
  auto record = record_from_markdown(
      collection_spec("notices"), "n.md",
      "+++\ntitle = \"停水\v通知\"\nscope = [\"c\\u00011\"]\n+++\n9 月 2 日\x01停水。\n", sink);
  REQUIRE(record);
  CHECK(record->get("title")->text == "停水通知");
  CHECK(record->get("scope")->items == std::vector<std::string>{"c1"});
  CHECK(record->body.text == "9 月 2 日停水。\n");
  CHECK(messages(sink) ==
        std::vector<std::string>{"n.md:2: warning: invisible control character U+000B removed",
                                 "n.md:3: warning: invisible control character U+0001 removed",
                                 "n.md:5: warning: invisible control character U+0001 removed"});
}

TEST_CASE("a markdown body over max_body_bytes is an error and no parser gets it") {
  const std::string front = "+++\ntitle = \"关于\"\n+++\n";
  std::string body;
  while (body.size() < max_body_bytes) body += "![[]()";
  body.resize(max_body_bytes);
  DiagnosticSink at_cap;
  auto kept = record_from_markdown(collection_spec("pages"), "p.md", front + body, at_cap);
  REQUIRE(kept);
  CHECK(at_cap.sorted().empty());
  CHECK_FALSE(kept->broken);
  CHECK(kept->body.text.size() == max_body_bytes);

  DiagnosticSink over;
  auto refused = record_from_markdown(collection_spec("pages"), "p.md", front + body + "!", over);
  REQUIRE(refused);
  CHECK(refused->broken);
  CHECK(refused->body.text.empty());
  CHECK(messages(over) ==
        std::vector<std::string>{"p.md:4: error: the text after the front matter is 65537 bytes "
                                 "long; the limit is 65536 bytes"});
}
