#include "hgj/loader.h"

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>

#include "../temp_folder.h"
#include "hgj/reload.h"

using namespace hgj;
using hgj::testing::TempFolder;

namespace {

// A small valid street: two communities, three buildings, stewards in md and csv.
void write_street(const TempFolder& dir) {
  dir.write("site.toml",
            "title = \"测试街道\"\nbase_url = \"https://hgj.example.cn/\"\nstreet = \"测试街道\"\n"
            "hotline = \"0570-1234567\"\nduty_scheme = \"6442\"\n[print]\npaper = \"A4\"\n"
            "[kiosk]\nidle_seconds = 90\nnight_from = \"23:00\"\nnight_until = \"06:00\"\n");
  dir.write(
      "duties/6442.md",
      "+++\ntitle = \"6442职责\"\n[[groups]]\nname = \"六大员\"\nitems = [\"宣传员\", \"信息员\"]\n"
      "[[groups]]\nname = \"四清\"\nitems = [\"人户清\"]\n+++\n说明\n");
  dir.write("duties/345.md",
            "+++\ntitle = \"345\"\n[[groups]]\nname = \"三个清\"\nitems = [\"党员情况清\"]\n+++\n");
  dir.write("communities.csv", "编号,名称,职责方案\nc1,幸福社区,\nc2,和平社区,345\n");
  dir.write("grids.csv",
            "id,name,community,leader_phone\ng1,一网格,c1,13800000101\ng2,二网格,c2,\n");
  dir.write("buildings.csv",
            "编号,名称,社区,网格,单元数,户数\nb1,幸福1幢,c1,g1,4,48\nb2,幸福2幢,c1,g1,,\nb3,"
            "和平1幢,c2,g2,2,20\n");
  dir.write("stewards/s1.md",
            "+++\nname = \"王建国\"\nphone = \"138-0000-0001\"\nbuildings = [\"b1:1-2\", \"b2\"]\n"
            "party_member = true\nhonors = \"2018-11 月度服务之星、2019-03 优秀红管家\"\nsince = "
            "2018-06-01\n"
            "+++\n退休教师。\n");
  dir.write("stewards.csv", "编号,姓名,电话,楼栋,党员\ns2,陈美华,13900000002,b1:3-4 b3,否\n");
  dir.write("issues.csv",
            "编号,事项,类别,楼栋,巡查日期,反馈日期,销号日期,解决层级,经办红管家,满意度,结果\n"
            "i2,电动车楼道充电,飞线充电,b1,2026-03-01,2026/3/2,2026年3月11日,楼道,s1,满意,\n"
            "i1,邻里噪音,邻里纠纷,b3,2026-04-01,,,,s2,,\n"
            "i3,路灯不亮,设施维修,b3,2026-05-01,,2026-05-03,街道,,,referred\n");
  dir.write(
      "events/knock.md",
      "+++\ntitle = \"敲门日\"\nkind = \"敲门日\"\nrule = \"monthly:20\"\ntime = \"19:00-20:30\"\n"
      "scope = [\"c1\"]\n+++\n");
  dir.write("notices/old.md", "+++\ntitle = \"旧通知\"\ndate = \"2025/1/2\"\n+++\n");
  dir.write("notices/new.md",
            "+++\ntitle = \"新通知\"\ndate = \"2026年11月1日\"\npinned = \"是\"\n+++\n");
  dir.write("pages/how.md", "+++\ntitle = \"如何反映问题\"\norder = 2\n+++\n");
  dir.write("pages/about.md", "+++\ntitle = \"关于\"\norder = 1\n+++\n");
}

// Adds `bytes` at the end of a file the street wrote (site.toml's sections).
void append(const TempFolder& dir, const std::string& relative, std::string_view bytes) {
  std::ofstream(dir.path() / relative, std::ios::binary | std::ios::app)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Every message but who looks after what (a building without a steward, a steward without
// a building): the streets here leave stewards out on purpose to test something else,
// and tests/fixtures/steward_coverage pins those warnings. (In English: test_main.cpp.)
std::string all_messages(const DiagnosticSink& sink) {
  std::string out;
  for (const Diagnostic& d : sink.sorted()) {
    if (d.severity == Severity::warning &&
        (d.message.find("have no steward") != std::string::npos ||
         d.message.find("has no steward") != std::string::npos ||
         d.message.find("looks after no building") != std::string::npos)) {
      continue;
    }
    out += format_heading(d) + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("loading a valid street gives every collection, sorted and indexed") {
  TempFolder dir;
  write_street(dir);
  DiagnosticSink sink;
  LoadResult loaded = load_content(dir.str(), sink);
  CHECK(all_messages(sink) == "");
  CHECK_FALSE(loaded.io_error);
  const Content& c = loaded.content;
  CHECK(c.site.base_url == "https://hgj.example.cn");
  CHECK(c.site.hotline->display == "0570-1234567");
  CHECK(c.site.print.paper == "A4");
  CHECK(c.site.kiosk.idle_seconds == 90);
  CHECK(c.site.categories.size() == 11);
  CHECK(c.site.is_private_category("邻里纠纷"));
  CHECK(c.communities.size() == 2);
  CHECK(c.buildings.size() == 3);
  REQUIRE(c.stewards.size() == 2);
  const Steward& s1 = *c.steward("s1");
  CHECK(s1.name == "王建国");
  CHECK(s1.phone->display == "138 0000 0001");
  CHECK(s1.party_member);
  CHECK(s1.honors == std::vector<std::string>{"2018-11 月度服务之星", "2019-03 优秀红管家"});
  CHECK(s1.since == Date{2018, 6, 1});
  CHECK(s1.body.text == "退休教师。\n");
  CHECK(s1.body.where.line == 9);
  REQUIRE(s1.buildings.size() == 2);
  CHECK(s1.buildings[0] == BuildingRef{"b1", 1, 2});
  CHECK(s1.buildings[1].whole_building());
  CHECK_FALSE(c.steward("s2")->party_member);

  // Relations.
  CHECK(c.stewards_of_building("b1").size() == 2);
  CHECK(c.stewards_of_building("b3").size() == 1);
  CHECK(c.buildings_of_community("c1").size() == 2);
  CHECK(c.grids_of_community("c2").size() == 1);
  CHECK(c.buildings_of_grid("g1").size() == 2);
  CHECK(c.issues_of_building("b3").size() == 2);
  CHECK(c.issues_handled_by("s1").size() == 1);
  CHECK(c.duty_scheme_for_building("b1")->id == "6442");
  CHECK(c.duty_scheme_for_building("b3")->id == "345");
  REQUIRE(c.duty_scheme("6442")->groups.size() == 2);
  CHECK(c.duty_scheme("6442")->groups[0].items == std::vector<std::string>{"宣传员", "信息员"});

  // Issues: sorted by id, outcome defaults, days to close.
  REQUIRE(c.issues.size() == 3);
  CHECK(c.issues[0].id == "i1");
  CHECK(c.issues[1].id == "i2");
  CHECK(c.issues[2].id == "i3");
  CHECK(c.issues_of_building("b3").front()->id == "i1");  // indexed after sorting
  CHECK(c.issues_of_building("b3").back()->id == "i3");
  CHECK(c.issues[0].outcome == Outcome::in_progress);
  CHECK_FALSE(c.issues[0].days_to_close());
  CHECK(c.issues[1].outcome == Outcome::resolved);
  CHECK(c.issues[1].days_to_close() == 10);
  CHECK(c.issues[2].outcome == Outcome::referred);

  // Events and notices.
  REQUIRE(c.events.size() == 1);
  CHECK(c.events[0].id == "knock");
  CHECK(c.events[0].schedule.rule->text() == "monthly:20");
  CHECK(c.scope_covers(c.events[0].scope, *c.building("b1")));
  CHECK_FALSE(c.scope_covers(c.events[0].scope, *c.building("b3")));
  REQUIRE(c.notices.size() == 2);
  CHECK(c.notices[0].id == "new");
  CHECK(c.notices[0].pinned);
  REQUIRE(c.pages.size() == 2);
  CHECK(c.pages[0].id == "about");
}

TEST_CASE("a duplicate id across Markdown and CSV names both places") {
  TempFolder dir;
  write_street(dir);
  dir.write("stewards/s2.md", "+++\nname = \"陈美华\"\nphone = \"13900000002\"\n+++\n");
  DiagnosticSink sink;
  load_content(dir.str(), sink);
  const std::string csv = dir.str() + "/stewards.csv";
  CHECK(all_messages(sink) ==
        csv + ":2:1: error: 编号 \"s2\" is already used at " + dir.str() + "/stewards/s2.md:1\n");
}

TEST_CASE("issue step dates must not go backwards, whichever steps are skipped") {
  TempFolder dir;
  write_street(dir);
  dir.write("issues.csv",
            "编号,事项,类别,楼栋,巡查日期,协调日期,处置日期,销号日期\n"
            "i1,灯坏,其他,b1,2026-03-05,,2026-03-04,2026-03-06\n"
            "i2,灯坏,其他,b1,2026-03-05,2026-03-05,2026-03-07,2026-03-06\n");
  DiagnosticSink sink;
  load_content(dir.str(), sink);
  const std::string csv = dir.str() + "/issues.csv";
  CHECK(all_messages(sink) ==
        csv + ":2:7: error: 处置日期 \"2026-03-04\" is before 巡查日期 2026-03-05\n" + csv +
            ":3:8: error: 销号日期 \"2026-03-06\" is before 处置日期 2026-03-07\n");
}

TEST_CASE("site.toml must exist and name its required settings") {
  TempFolder dir;
  DiagnosticSink sink;
  LoadResult loaded = load_content(dir.str(), sink);
  CHECK(loaded.io_error);
  dir.write(
      "site.toml",
      "title = \"x\"\nbase_url = \"ftp://x\"\ntimezone = \"Mars/Base\"\n[print]\npaper = \"B5\"\n");
  DiagnosticSink again;
  loaded = load_content(dir.str(), again);
  CHECK_FALSE(loaded.io_error);
  const std::string site = dir.str() + "/site.toml";
  CHECK(all_messages(again) ==
        site + ":1: error: street is required\n" + site +
            ":2:12: error: base_url \"ftp://x\" must start with https:// or http://\n" + site +
            ":3:12: error: timezone \"Mars/Base\" is not a known time zone (e.g. Asia/Shanghai)\n" +
            site + ":4:1: error: [print] paper \"B5\" is not A3 or A4\n");
}

TEST_CASE("one rule for base URLs: site.toml's base_url and every --base-url") {
  for (const char* url : {"javascript:alert(1)", "ftp://x", "//example.org", "example.org"})
    CHECK(base_url_problem(url) == "must start with https:// or http://");
  for (const char* url : {"", "https://example.org", "http://127.0.0.1:1313"})
    CHECK(base_url_problem(url).empty());
}

TEST_CASE("site categories replace the defaults and private categories must be among them") {
  TempFolder dir;
  write_street(dir);
  dir.write("site.toml",
            "title = \"t\"\nbase_url = \"https://x\"\nstreet = \"s\"\n"
            "categories = [\"飞线充电\", \"其他\"]\nprivate_categories = [\"家事\"]\n");
  DiagnosticSink sink;
  load_content(dir.str(), sink);
  const std::string messages = all_messages(sink);
  INFO(messages);
  CHECK(messages.find(
            "site.toml:5:22: error: private_categories \"家事\" is not one of the categories") !=
        std::string::npos);
  CHECK(messages.find("issues.csv:3:3: error: 类别 \"邻里纠纷\" is not one of: 飞线充电 其他") !=
        std::string::npos);
}

TEST_CASE("photo paths must stay inside the content folder, symlinks included") {
  TempFolder outside;
  outside.write("secret.jpg", "\xFF\xD8\xFFsecret");
  TempFolder dir;
  write_street(dir);
  dir.write("photos/ok.jpg", "\xFF\xD8\xFF\xE0");
  dir.write("photos/not-an-image.jpg", "hello");
  std::filesystem::create_symlink(outside.path() / "secret.jpg", dir.path() / "photos/link.jpg");
  // A linked folder leads out as surely as a linked file; links that stay inside are fine.
  std::filesystem::create_directory_symlink(outside.path(), dir.path() / "elsewhere");
  std::filesystem::create_directory_symlink(dir.path() / "photos", dir.path() / "pictures");
  std::filesystem::create_symlink("ok.jpg", dir.path() / "photos/alias.jpg");
  dir.write("stewards.csv",
            "编号,姓名,电话,照片,微信群二维码\n"
            "s2,陈美华,13900000002,photos/ok.jpg,/etc/passwd\n"
            "s3,李,13900000003,photos/link.jpg,photos/not-an-image.jpg\n"
            "s4,王,13900000004,elsewhere/secret.jpg,pictures/ok.jpg\n"
            "s5,赵,13900000005,photos/alias.jpg,photos/../pictures/alias.jpg\n"
            "s6,钱,13900000006,../photos/ok.jpg,pictures/../elsewhere/secret.jpg\n");
  DiagnosticSink sink;
  LoadResult loaded = load_content(dir.str(), sink);
  const std::string csv = dir.str() + "/stewards.csv";
  CHECK(all_messages(sink) ==
        csv + ":2:5: error: 微信群二维码 \"/etc/passwd\" is outside the content folder\n" + csv +
            ":3:4: error: 照片 \"photos/link.jpg\" is outside the content folder\n" + csv +
            ":3:5: warning: 微信群二维码 \"photos/not-an-image.jpg\" is not a JPEG, PNG, GIF or "
            "WebP image\n" +
            csv + ":4:4: error: 照片 \"elsewhere/secret.jpg\" is outside the content folder\n" +
            csv + ":6:4: error: 照片 \"../photos/ok.jpg\" is outside the content folder\n" + csv +
            ":6:5: error: 微信群二维码 \"pictures/../elsewhere/secret.jpg\" is outside the content "
            "folder\n");
  REQUIRE(loaded.content.steward("s5") != nullptr);
  CHECK(loaded.content.steward("s5")->photo == "photos/alias.jpg");
  CHECK(loaded.content.steward("s5")->wechat_qr == "pictures/alias.jpg");
}

TEST_CASE("content files are read only when they resolve inside the content folder") {
  TempFolder outside;
  outside.write("secret.md", "+++\ntitle = \"SECRET-TITLE\"\n+++\nSECRET-BODY\n");
  outside.write("grids.csv", "SECRET-FIRST-LINE\ng9,九网格,c1\n");
  outside.write("notices/n.md", "+++\ntitle = \"SECRET-NOTICE\"\ndate = \"2026-11-01\"\n+++\n");
  TempFolder dir;
  write_street(dir);
  std::filesystem::remove(dir.path() / "grids.csv");
  std::filesystem::remove_all(dir.path() / "notices");
  std::filesystem::create_symlink(outside.path() / "secret.md", dir.path() / "pages/leak.md");
  std::filesystem::create_symlink(outside.path() / "grids.csv", dir.path() / "grids.csv");
  std::filesystem::create_directory_symlink(outside.path() / "notices", dir.path() / "notices");
  // Links that stay inside keep working: a file and a folder.
  std::filesystem::create_symlink("about.md", dir.path() / "pages/about-us.md");
  std::filesystem::rename(dir.path() / "events", dir.path() / "events-real");
  std::filesystem::create_directory_symlink(dir.path() / "events-real", dir.path() / "events");
  DiagnosticSink sink;
  LoadResult loaded = load_content(dir.str(), sink);
  const std::string all = all_messages(sink);
  const std::string refused =
      " is a symbolic link that leads outside the content folder; only what is inside it is "
      "read\n";
  // The refused grids take the buildings' grid references with them: counted under the
  // refusal, which leads, rather than reported one by one.
  CHECK(all == dir.str() + "/grids.csv: error: the file" + refused + dir.str() +
                   "/notices: error: the folder" + refused + dir.str() +
                   "/pages/leak.md: error: the file" + refused);
  CHECK(sink.sorted().front().folded == 3);
  CHECK(all.find("SECRET") == std::string::npos);
  CHECK(loaded.content.notices.empty());
  CHECK(loaded.content.events.size() == 1);
  std::set<std::string> pages;
  for (const Page& p : loaded.content.pages) pages.insert(p.id);
  CHECK(pages == std::set<std::string>{"about", "about-us", "how"});
}

TEST_CASE("ids that differ only in case are duplicates; references still match exactly") {
  TempFolder dir;
  write_street(dir);
  dir.write("buildings.csv",
            "编号,名称,社区,网格,单元数\nHF-001,幸福5幢,c1,g1,\nhf-001,幸福6幢,c1,g1,\n"
            "b1,幸福1幢,c1,g1,4\nb2,幸福2幢,c1,g1,\nb3,和平1幢,c2,g2,2\n");
  dir.write("issues.csv",
            "编号,事项,类别,楼栋,巡查日期\ni1,楼道堆物,其他,hf-001,2026-05-01\n"
            "i2,楼道堆物,其他,HF-001,2026-05-01\n");
  dir.write("stewards.csv", "编号,姓名,电话,楼栋\ns2,陈美华,13900000002,b3\n");
  DiagnosticSink sink;
  LoadResult loaded = load_content(dir.str(), sink);
  const std::string buildings = dir.str() + "/buildings.csv";
  CHECK(all_messages(sink) == buildings + ":3:1: error: 编号 \"hf-001\" is already used at " +
                                  buildings + ":2 (as \"HF-001\")\n" + dir.str() +
                                  "/issues.csv:2:4: error: 楼栋 \"hf-001\" is not a known "
                                  "building (did you mean HF-001?)\n");
  REQUIRE(loaded.content.issues.size() == 1);
  CHECK(loaded.content.issues[0].id == "i2");
  CHECK(loaded.content.issues[0].building == "HF-001");
}

TEST_CASE("a steward file reloaded alone is refused when it leads outside the content folder") {
  TempFolder outside;
  outside.write("s1.md", "+++\nname = \"王建国\"\nphone = \"13800000009\"\n+++\n");
  TempFolder dir;
  write_street(dir);
  DiagnosticSink sink;
  LoadResult loaded = load_content(dir.str(), sink);
  REQUIRE(loaded.content.steward("s1") != nullptr);
  std::filesystem::remove(dir.path() / "stewards/s1.md");
  std::filesystem::create_symlink(outside.path() / "s1.md", dir.path() / "stewards/s1.md");
  CHECK_FALSE(
      reload_steward_file(loaded.content, (dir.path() / "stewards/s1.md").string(), nullptr));
  CHECK(loaded.content.steward("s1")->phone->display == "138 0000 0001");
}

TEST_CASE("ids are unique across a long table, however the loader splits its work") {
  TempFolder dir;
  write_street(dir);
  // More rows than the loader converts at a time, with a repeat far from the first.
  std::string rows = "编号,事项,类别,楼栋,巡查日期\n";
  for (int i = 1; i <= 10000; ++i) {
    rows += "i" + std::to_string(i == 9000 ? 3 : i) + ",楼道堆物,其他,b1,2026-05-01\n";
  }
  rows += "i10001,楼道堆物,其他,b9,2026-05-01\n";
  dir.write("issues.csv", rows);
  DiagnosticSink sink;
  LoadResult loaded = load_content(dir.str(), sink);
  const std::string csv = dir.str() + "/issues.csv";
  CHECK(all_messages(sink) ==
        csv + ":9001:1: error: 编号 \"i3\" is already used at " + csv + ":4\n" + csv +
            ":10002:4: error: 楼栋 \"b9\" is not a known building (did you mean b1, b2, b3?)\n");
  REQUIRE(loaded.content.issues.size() == 9999);
  std::set<std::string> ids;
  for (const Issue& issue : loaded.content.issues) ids.insert(issue.id);
  CHECK(ids.size() == 9999);  // i3 once, i9000 never (its row repeated i3), i10001 rejected
  CHECK(ids.count("i3") == 1);
  CHECK(ids.count("i9000") == 0);
  CHECK(ids.count("i10000") == 1);
}

TEST_CASE("a missing duty scheme reference is reported where it is made") {
  TempFolder dir;
  write_street(dir);
  dir.write("communities.csv", "编号,名称,职责方案\nc1,幸福社区,999\nc2,和平社区,\n");
  DiagnosticSink sink;
  load_content(dir.str(), sink);
  CHECK(all_messages(sink) ==
        dir.str() + "/communities.csv:2:3: error: 职责方案 \"999\" is not a known duty scheme\n");
}

TEST_CASE("references to an entity that failed to load are not reported twice") {
  TempFolder dir;
  write_street(dir);
  dir.write(
      "buildings.csv",
      "编号,名称,社区,网格,单元数\nb1,幸福1幢,c1,g1,四\nb2,幸福2幢,c1,g1,\nb3,和平1幢,c2,g2,2\n");
  DiagnosticSink sink;
  LoadResult loaded = load_content(dir.str(), sink);
  CHECK(all_messages(sink) ==
        dir.str() + "/buildings.csv:2:5: error: 单元数 \"四\" is not a whole number\n");
  CHECK(loaded.content.buildings.size() == 2);
}

TEST_CASE("unit ranges need a building whose units are known, and within them") {
  TempFolder dir;
  write_street(dir);
  dir.write("stewards.csv",
            "编号,姓名,电话,楼栋\ns2,陈美华,13900000002,b2:1\ns3,李,13900000003,b1:4-5\n");
  DiagnosticSink sink;
  load_content(dir.str(), sink);
  const std::string csv = dir.str() + "/stewards.csv";
  CHECK(all_messages(sink) ==
        csv + ":2:4: error: 楼栋 \"b2:1\" names units but 幸福2幢 has no 单元数\n" + csv +
            ":3:4: error: 楼栋 \"b1:4-5\" names unit 5 but 幸福1幢 has 4 units\n");
}

TEST_CASE("an issue needs a title, a known category and building, and valid enums") {
  TempFolder dir;
  write_street(dir);
  dir.write("issues.csv",
            "id,title,category,building,found_on,level,satisfaction,outcome,reopened\n"
            "i1,,其他,b9,2026-01-01,楼道,满意,已解决,1\n"
            "i2,灯坏了,其他,b1,2026-01-01,楼道,满意,已解决,两次\n");
  DiagnosticSink sink;
  LoadResult loaded = load_content(dir.str(), sink);
  const std::string csv = dir.str() + "/issues.csv";
  CHECK(all_messages(sink) ==
        csv + ":2:2: error: title is required\n" + csv +
            ":2:4: error: building \"b9\" is not a known building (did you mean b1, b2, b3?)\n" +
            csv + ":3:9: error: reopened \"两次\" is not a whole number\n");
  CHECK(loaded.content.issues.empty());
}

TEST_CASE("a name unique in its collection stands for its id in a reference") {
  TempFolder dir;
  write_street(dir);
  dir.write("buildings.csv",
            "编号,名称,所属社区,所属网格,单元数\nb1,幸福1幢,幸福社区,一网格,4\nb2,幸福2幢,c1,g1,\n"
            "b3,和平1幢,和平社区,g2,2\n");
  dir.write("stewards.csv",
            "编号,红管家姓名,手机号码,负责楼栋\ns2,陈美华,13900000002,和平1幢 b1:3\n");
  dir.write("issues.csv",
            "编号,事项,类别,所在楼栋,巡查日期,经办红管家\n"
            "i1,邻里噪音,邻里纠纷,和平1幢,2026-04-01,陈美华\n"
            "i2,路灯不亮,设施维修,ｂ３,２０２６／５／１ 9:30,王建国\n");
  DiagnosticSink sink;
  LoadResult loaded = load_content(dir.str(), sink);
  CHECK(all_messages(sink).empty());
  const Content& c = loaded.content;
  REQUIRE(c.buildings.size() == 3);
  // Buildings are listed in the readers' order (和平 before 幸福): look them up by id.
  REQUIRE(c.building("b1") != nullptr);
  REQUIRE(c.building("b3") != nullptr);
  CHECK(c.building("b1")->community == "c1");
  CHECK(c.building("b1")->grid == "g1");
  CHECK(c.building("b3")->community == "c2");
  REQUIRE(c.issues.size() == 2);
  const auto& i1 = c.issues[0].id == "i1" ? c.issues[0] : c.issues[1];
  const auto& i2 = c.issues[0].id == "i1" ? c.issues[1] : c.issues[0];
  CHECK(i1.building == "b3");
  CHECK(i1.handled_by == "s2");
  CHECK(i2.building == "b3");
  CHECK(i2.handled_by == "s1");
  CHECK(i2.step(Step::found) == Date{2026, 5, 1});
  const Steward* s2 = nullptr;
  for (const Steward& s : c.stewards) s2 = s.id == "s2" ? &s : s2;
  REQUIRE(s2 != nullptr);
  CHECK(s2->buildings == std::vector<BuildingRef>{{"b3", 0, 0}, {"b1", 3, 3}});
}

TEST_CASE("an ambiguous name lists the candidates; an unknown one the nearest") {
  TempFolder dir;
  write_street(dir);
  dir.write("stewards.csv",
            "编号,姓名,电话,楼栋\ns2,陈美华,13900000002,b3\ns3,陈美华,13900000003,b2\n");
  dir.write("issues.csv",
            "编号,事项,类别,楼栋,巡查日期,经办红管家\n"
            "i1,邻里噪音,邻里纠纷,b3,2026-04-01,陈美华\n"
            "i2,路灯不亮,设施维修,b3,2026-05-01,王建军\n"
            "i3,路灯不亮,设施维修,幸福3幢,2026-05-01,s4\n");
  DiagnosticSink sink;
  load_content(dir.str(), sink);
  const std::string csv = dir.str() + "/issues.csv";
  CHECK(all_messages(sink) ==
        csv +
            ":2:6: error: 经办红管家 \"陈美华\" is the name of 2 stewards (s2, s3); write the "
            "id of the one meant\n" +
            csv +
            ":3:6: error: 经办红管家 \"王建军\" is not a known steward (did you mean 王建国 "
            "(s1)?)\n" +
            csv +
            ":4:4: error: 楼栋 \"幸福3幢\" is not a known building (did you mean 幸福1幢 "
            "(b1), 幸福2幢 (b2)?)\n" +
            csv +
            ":4:6: error: 经办红管家 \"s4\" is not a known steward (did you mean s1, s2, "
            "s3?)\n");
}

TEST_CASE("政治面貌 reads 中共党员 and 中共预备党员 as party members, anything else not") {
  TempFolder dir;
  write_street(dir);
  dir.write("stewards.csv",
            "编号,姓名,电话,政治面貌\ns2,陈美华,13900000002,中共预备党员\ns3,李明,13900000003,"
            "群众\ns4,赵丽,13900000004,共青团员\n");
  DiagnosticSink sink;
  LoadResult loaded = load_content(dir.str(), sink);
  CHECK(all_messages(sink).empty());
  std::map<std::string, bool> party;
  for (const Steward& s : loaded.content.stewards) party[s.id] = s.party_member;
  CHECK(party ==
        std::map<std::string, bool>{{"s1", true}, {"s2", true}, {"s3", false}, {"s4", false}});
}

TEST_CASE("a landline that lost its 0 is read with a warning naming the likely number") {
  TempFolder dir;
  write_street(dir);
  dir.write("stewards.csv", "编号,姓名,电话\ns2,陈美华,5708012345\ns3,李明,1.3900000003E+10\n");
  DiagnosticSink sink;
  LoadResult loaded = load_content(dir.str(), sink);
  CHECK(all_messages(sink) ==
        dir.str() +
            "/stewards.csv:2:3: warning: 电话 \"5708012345\" has lost its leading 0; "
            "read as 0570-8012345 (format the column as text)\n");
  std::map<std::string, std::string> phones;
  for (const Steward& s : loaded.content.stewards) phones[s.id] = s.phone->digits;
  CHECK(phones["s2"] == "05708012345");
  CHECK(phones["s3"] == "13900000003");
}

TEST_CASE("site.toml maps a platform export's own headers onto fields") {
  TempFolder dir;
  write_street(dir);
  append(dir, "site.toml",
         "[columns.stewards]\n\"人员编码\" = \"id\"\n\"联系人姓名\" = \"name\"\n\"移动电话\" = "
         "\"phone\"\n");
  dir.write("stewards.csv", "人员编码,联系人姓名,移动电话\ns2,陈美华,13900000002\n");
  DiagnosticSink sink;
  LoadResult loaded = load_content(dir.str(), sink);
  CHECK(all_messages(sink).empty());
  CHECK(loaded.content.stewards.size() == 2);
}

TEST_CASE("a column mapping to an unknown collection or field is an error") {
  TempFolder dir;
  write_street(dir);
  append(dir, "site.toml",
         "[columns.steward]\n\"联系人姓名\" = \"name\"\n[columns.stewards]\n\"移动电话\" = "
         "\"phnoe\"\n\"备注\" = 3\n");
  DiagnosticSink sink;
  load_content(dir.str(), sink);
  const std::string toml = dir.str() + "/site.toml";
  CHECK(all_messages(sink) ==
        toml +
            ":12:1: error: [columns.steward]: there is no collection steward (did you mean "
            "stewards?)\n" +
            toml +
            ":15:10: error: [columns.stewards] \"移动电话\": \"phnoe\" is not a field of "
            "stewards (did you mean phone?)\n" +
            toml +
            ":16:8: error: [columns.stewards] \"备注\": the field must be a key in quotes, "
            "like \"name\"\n");
}

TEST_CASE("unknown keys and wrongly typed values in site.toml sections are warnings") {
  TempFolder dir;
  write_street(dir);
  dir.write("site.toml",
            "title = \"测试街道\"\nbase_url = \"https://hgj.example.cn/\"\nstreet = \"测试街道\"\n"
            "[print]\npapr = \"A4\"\n[kiosk]\nslide_seconds = \"12\"\nnight_mode = 1\n");
  DiagnosticSink sink;
  LoadResult loaded = load_content(dir.str(), sink);
  const std::string toml = dir.str() + "/site.toml";
  CHECK(all_messages(sink) ==
        toml + ":5:8: warning: [print] has no key \"papr\"; it is ignored (did you mean paper?)\n" +
            toml +
            ":7:17: warning: [kiosk] slide_seconds expected a number (write it without "
            "quotes); it is ignored\n" +
            toml + ":8:14: warning: [kiosk] night_mode expected a text in quotes; it is ignored\n");
  CHECK(loaded.content.site.kiosk.slide_seconds == 12);
  CHECK(loaded.content.site.print.paper == "A3");
}

TEST_CASE("a reference by name to an entity that failed to load is not reported twice") {
  TempFolder dir;
  write_street(dir);
  dir.write(
      "buildings.csv",
      "编号,名称,社区,网格,单元数\nb1,幸福1幢,c1,g1,四\nb2,幸福2幢,c1,g1,\nb3,和平1幢,c2,g2,2\n");
  dir.write("stewards.csv", "编号,姓名,电话,楼栋\ns2,陈美华,13900000002,幸福1幢、和平1幢\n");
  dir.write("issues.csv",
            "编号,事项,类别,楼栋,巡查日期\ni1,邻里噪音,邻里纠纷,幸福1幢,2026-04-01\n");
  DiagnosticSink sink;
  LoadResult loaded = load_content(dir.str(), sink);
  CHECK(all_messages(sink) ==
        dir.str() + "/buildings.csv:2:5: error: 单元数 \"四\" is not a whole number\n");
  std::map<std::string, std::vector<BuildingRef>> of;
  for (const Steward& s : loaded.content.stewards) of[s.id] = s.buildings;
  CHECK(of["s2"] == std::vector<BuildingRef>{{"b3", 0, 0}});
}

TEST_CASE("an id typed in full-width forms is the same id, and a duplicate of it") {
  TempFolder dir;
  write_street(dir);
  dir.write("stewards.csv",
            "编号,姓名,电话,楼栋\nｓ２,陈美华,13900000002,b3\ns2,李明,13900000003,b2\n");
  DiagnosticSink sink;
  LoadResult loaded = load_content(dir.str(), sink);
  const std::string csv = dir.str() + "/stewards.csv";
  CHECK(all_messages(sink) ==
        csv + ":3:1: error: 编号 \"s2\" is already used at " + csv + ":2 (as \"ｓ２\")\n");
  std::set<std::string> ids;
  for (const Steward& s : loaded.content.stewards) ids.insert(s.id);
  CHECK(ids == std::set<std::string>{"s1", "s2"});
}

TEST_CASE("screens: header labels, orientation, size and night times read and checked") {
  TempFolder dir;
  write_street(dir);
  dir.write("buildings.csv",
            "编号,名称,社区,网格,单元数,户数,状态\nb1,幸福1幢,c1,g1,4,48,\nb2,幸福2幢,c1,g1,,,\nb3,"
            "和平1幢,c2,g2,2,20,\nb4,和平2幢,c2,g2,2,20,拆除\n");
  dir.write("screens.csv",
            "屏幕编号,楼栋,方向,尺寸,夜间开始,夜间结束,备注\n"
            "p2,b2,landscape,1920×1080,,,\n"
            "p1,幸福1幢,竖屏,1080x1920,22:30,6:30,一楼大厅\n"
            "p3,b4,,,,,\n"
            "p4,b7,斜屏,1920 by 1080,25:00,,\n"
            "p5,b1,,,23:00,,\n");
  DiagnosticSink sink;
  LoadResult loaded = load_content(dir.str(), sink);
  const std::string csv = dir.str() + "/screens.csv";
  CHECK(all_messages(sink) ==
        csv +
            ":4:2: warning: 楼栋 \"b4\" is marked 拆除 (no longer in use): the screen shows "
            "nothing for it; move the screen to a building in use\n" +
            csv + ":5:2: error: 楼栋 \"b7\" is not a known building (did you mean b1, b2, b3?)\n" +
            csv +
            ":5:3: error: 方向 \"斜屏\" is not an orientation: write landscape or portrait\n" +
            csv +
            ":5:4: error: 尺寸 \"1920 by 1080\" is not a screen size: write width x height in "
            "pixels, such as 1920x1080\n" +
            csv + ":5:5: error: 夜间开始 \"25:00\" is not a time like 19:00\n" + csv +
            ":6:6: error: 夜间开始 is given, so 夜间结束 is needed too: a night period has "
            "a start and an end\n");
  const std::vector<Screen>& screens = loaded.content.screens;
  REQUIRE(screens.size() == 3);
  CHECK(screens[0].id == "p1");        // by id
  CHECK(screens[0].building == "b1");  // the building's name stands for its id
  CHECK(screens[0].orientation == "portrait");
  CHECK(screens[0].size == "1080x1920");
  CHECK(screens[0].night_from == "22:30");
  CHECK(screens[0].night_until == "06:30");
  CHECK(screens[0].note == "一楼大厅");
  CHECK(screens[1].orientation == "landscape");
  CHECK(screens[1].size == "1920x1080");
  CHECK(screens[2].building == "b4");
}

TEST_CASE("screens: one pairing code written twice is the same screen twice") {
  TempFolder dir;
  write_street(dir);
  dir.write("screens.csv", "屏幕编号,楼栋\nK7Q-4M2,b1\nk7q4m2,b2\nQ7Q-4M2,b3\n");
  DiagnosticSink sink;
  LoadResult loaded = load_content(dir.str(), sink);
  const std::string csv = dir.str() + "/screens.csv";
  CHECK(all_messages(sink) ==
        csv + ":3: error: screen id \"k7q4m2\" is the same pairing code as \"K7Q-4M2\" at " + csv +
            ":2: list a screen once; remove one of the rows\n");
}

TEST_CASE("a notice's urgent flag and start (a date or a date and time) are read and checked") {
  TempFolder dir;
  write_street(dir);
  dir.write("notices/evening.md",
            "+++\ntitle = \"停水\"\ndate = 2026-12-01\nstart = 2026-12-02T18:00:00\n\"紧急\" = "
            "true\n+++\n");
  dir.write("notices/day.md",
            "+++\ntitle = \"开会\"\ndate = 2026-12-01\nstart = \"2026/12/3\"\n+++\n");
  dir.write("notices/late.md",
            "+++\ntitle = \"迟\"\ndate = 2026-12-01\nexpires = 2026-12-05\nstart = \"2026-12-06 "
            "08:00\"\n+++\n");
  dir.write(
      "notices/odd.md",
      "+++\ntitle = \"怪\"\ndate = 2026-12-01\nstart = \"下周一\"\nurgent = \"maybe\"\n+++\n");
  DiagnosticSink sink;
  LoadResult loaded = load_content(dir.str(), sink);
  const std::string dir_text = dir.str();
  // evening.md is urgent without an end: it would cover every screen until taken down.
  CHECK(all_messages(sink) ==
        dir_text +
            "/notices/evening.md:5:8: warning: an urgent notice without expires covers every "
            "screen in its "
            "scope until someone removes it or marks it not urgent; give it expires\n" +
            dir_text +
            "/notices/late.md:5:9: error: start \"2026-12-06 08:00\" is after expires 2026-12-05: "
            "the notice would expire before it starts\n" +
            dir_text + "/notices/odd.md:4:9: error: start \"下周一\" is not a valid date\n" +
            dir_text +
            "/notices/odd.md:5:10: error: urgent \"maybe\" is not 是/否 or true/false\n");
  const Notice* evening = nullptr;
  const Notice* day = nullptr;
  for (const Notice& n : loaded.content.notices) {
    if (n.id == "evening") evening = &n;
    if (n.id == "day") day = &n;
  }
  REQUIRE(evening);
  REQUIRE(day);
  CHECK(evening->urgent);
  REQUIRE(evening->start);
  CHECK(evening->start->date == Date{2026, 12, 2});
  CHECK(evening->start->minute == 18 * 60);
  CHECK_FALSE(day->urgent);
  REQUIRE(day->start);
  CHECK(day->start->date == Date{2026, 12, 3});
  CHECK_FALSE(day->start->minute);
}

TEST_CASE(
    "notice_current: from the start (a date alone is its midnight) to the end of expiry day") {
  const Date d1{2026, 12, 1}, d2{2026, 12, 2}, d3{2026, 12, 3};
  CHECK(notice_current(std::nullopt, std::nullopt, d1, 0));
  CHECK(notice_current(std::nullopt, d2, d2, 24 * 60 - 1));
  CHECK_FALSE(notice_current(std::nullopt, d2, d3, 0));
  const DateTime evening{d2, 18 * 60};
  CHECK_FALSE(notice_current(evening, std::nullopt, d1, 23 * 60));
  CHECK_FALSE(notice_current(evening, std::nullopt, d2, 18 * 60 - 1));
  CHECK(notice_current(evening, std::nullopt, d2, 18 * 60));
  CHECK(notice_current(evening, std::nullopt, d3, 0));
  const DateTime day{d2, std::nullopt};
  CHECK_FALSE(notice_current(day, std::nullopt, d1, 24 * 60 - 1));
  CHECK(notice_current(day, std::nullopt, d2, 0));
  CHECK_FALSE(notice_current(day, d2, d3, 0));
}
