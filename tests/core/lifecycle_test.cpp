// Stewards who left (离任) and buildings pulled down or merged (拆除, 合并): set aside
// from the content's lists, still found by the issues that name them.
#include <doctest/doctest.h>

#include "../language_scope.h"
#include "../temp_folder.h"
#include "hgj/language.h"
#include "hgj/loader.h"
#include "hgj/reload.h"

using namespace hgj;
using hgj::testing::TempFolder;

namespace {

void write_street(const TempFolder& dir) {
  dir.write("site.toml",
            "title = \"测试街道\"\nbase_url = \"https://hgj.example.cn\"\nstreet = \"测试街道\"\n");
  dir.write("communities.csv", "编号,名称\nc1,幸福社区\n");
  dir.write("buildings.csv",
            "编号,名称,社区,状态\nb1,幸福1幢,c1,在用\nb2,幸福2幢,c1,拆除\nb3,幸福3幢,c1,合并\n"
            "b4,幸福4幢,c1,\n");
  dir.write("stewards/s1.md",
            "+++\nname = \"王建国\"\nphone = \"13800000001\"\nbuildings = \"b1\"\n+++\n");
  dir.write("stewards.csv",
            "编号,姓名,电话,楼栋,状态,离任日期\ns2,陈美华,13900000002,b1 b4,离任,2026-01-15\n");
  dir.write("issues.csv",
            "编号,事项,类别,楼栋,巡查日期,经办红管家\ni1,灯坏,设施维修,b2,2026-03-01,s2\n"
            "i2,门坏,设施维修,b1,2026-03-02,s1\n");
}

std::string all_messages(const DiagnosticSink& sink) {
  std::string out;
  for (const Diagnostic& d : sink.sorted()) out += format_heading(d) + "\n";
  return out;
}

}  // namespace

TEST_CASE("a steward who left and buildings no longer in use are set aside, not lost") {
  TempFolder dir;
  write_street(dir);
  DiagnosticSink sink;
  const LoadResult loaded = load_content(dir.str(), sink);
  const Content& c = loaded.content;
  CHECK(all_messages(sink) ==
        dir.str() +
            "/buildings.csv:5: warning: building b4 幸福4幢 has no steward now: every steward "
            "who looked after it has left (离任): 陈美华 (s2) on 2026-01-15; name a new one in "
            "stewards\n");
  REQUIRE(c.stewards.size() == 1);
  CHECK(c.stewards[0].id == "s1");
  CHECK(c.steward("s2") == nullptr);
  REQUIRE(c.former_steward("s2") != nullptr);
  CHECK(c.former_steward("s2")->name == "陈美华");
  CHECK(c.former_steward("s2")->left_on == Date{2026, 1, 15});
  CHECK(c.former_steward("s1") == nullptr);
  CHECK(c.stewards_of_building("b4").empty());
  CHECK(c.stewards_of_building("b1").size() == 1);

  REQUIRE(c.buildings.size() == 2);
  CHECK(c.building("b2") == nullptr);
  CHECK(c.former_building("b2")->name == "幸福2幢");
  CHECK(c.former_building("b3")->status == "合并");
  CHECK(c.buildings_of_community("c1").size() == 2);

  // The issues stay, naming who handled them and where.
  REQUIRE(c.issues.size() == 2);
  CHECK(c.issues[0].building == "b2");
  CHECK(c.issues[0].handled_by == "s2");
  CHECK(c.issues_handled_by("s2").size() == 1);
}

TEST_CASE("a steward file that now says 离任 is not reloaded alone") {
  TempFolder dir;
  write_street(dir);
  DiagnosticSink sink;
  LoadResult loaded = load_content(dir.str(), sink);
  REQUIRE(loaded.content.steward("s1") != nullptr);
  dir.write("stewards/s1.md",
            "+++\nname = \"王建国\"\nphone = \"13800000001\"\nbuildings = \"b1\"\nstatus = "
            "\"离任\"\nleft_on = \"2026-02-01\"\n+++\n");
  CHECK_FALSE(
      reload_steward_file(loaded.content, (dir.path() / "stewards/s1.md").string(), nullptr));
  CHECK(loaded.content.steward("s1") != nullptr);
}

TEST_CASE("who looks after what: in English with --lang en, and folded per community") {
  TempFolder dir;
  dir.write("site.toml",
            "title = \"测试街道\"\nbase_url = \"https://hgj.example.cn\"\nstreet = \"测试街道\"\n");
  dir.write("communities.csv", "编号,名称\nc1,幸福社区\nc2,和平社区\n");
  dir.write(
      "buildings.csv",
      "编号,名称,社区,单元数\nb1,幸福1幢,c1,3\nh1,和平1幢,c2,\nh2,和平2幢,c2,\nh3,和平3幢,c2,\n"
      "h4,和平4幢,c2,\n");
  dir.write("stewards.csv",
            "编号,姓名,电话,楼栋\ns1,王建国,13800000001,b1:2\ns2,陈美华,13900000002,\n");
  const LanguageScope english(Language::en);
  DiagnosticSink sink;
  load_content(dir.str(), sink);
  CHECK(all_messages(sink) ==
        dir.str() +
            "/buildings.csv:2: warning: building b1 幸福1幢: units 1, 3 have no steward: the "
            "stewards' unit ranges (such as b1:1-2) leave them out; name a steward for them "
            "too\n" +
            dir.str() +
            "/buildings.csv:3: warning: 和平社区: 4 buildings have no steward: h1 和平1幢, "
            "h2 和平2幢, h3 和平3幢, h4 和平4幢. Put their ids in the stewards' buildings "
            "(楼栋) column so boards and cards name someone to call\n" +
            dir.str() +
            "/stewards.csv:3: warning: steward 陈美华 (s2) looks after no building, so no "
            "board or card shows them: put the ids of their buildings in the buildings "
            "(楼栋) column\n");
}
