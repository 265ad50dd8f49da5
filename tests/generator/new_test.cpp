#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <sstream>

#include "../temp_folder.h"
#include "cli.h"
#include "hgj/loader.h"
#include "hgj/schema.h"

namespace hgj {

namespace fs = std::filesystem;
using testing::TempFolder;

namespace {

// A street with one community, building and steward for skeletons to refer to.
void write_mini_site(const TempFolder& dir) {
  dir.write("site.toml",
            "title = \"测试\"\nbase_url = \"https://t.example\"\nstreet = \"测试街道\"\n");
  dir.write("communities.csv", "编号,名称\ntianping,天平巷社区\n");
  dir.write("buildings.csv", "编号,名称,社区\ndpb-03,德平坝小区3幢,tianping\n");
  dir.write("stewards.csv", "编号,姓名,电话,楼栋\nHF-001,王建华,13800000001,dpb-03\n");
}

struct Run {
  int code;
  std::string out, err;
};

Run hgj_new(const TempFolder& content, const std::string& kind, const std::string& id) {
  std::ostringstream out, err;
  const int code = run_new({kind, id, "--content", content.str()}, out, err);
  return {code, out.str(), err.str()};
}

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void fill(const fs::path& file, const std::vector<std::pair<std::string, std::string>>& values) {
  std::string text = slurp(file);
  for (const auto& [key, value] : values) {
    const std::string empty = "\n" + key + " = \"\"\n";
    const auto at = text.find(empty);
    REQUIRE_MESSAGE(at != std::string::npos, key);
    text.replace(at, empty.size(), "\n" + key + " = " + value + "\n");
  }
  std::ofstream(file, std::ios::binary) << text;
}

// Every diagnostic's heading, with the temporary folder's path cut off.
std::vector<std::string> check(const TempFolder& content) {
  DiagnosticSink sink;
  load_content(content.str(), sink);
  std::vector<std::string> headings;
  for (const Diagnostic& d : sink.sorted()) {
    std::string heading = format_heading(d);
    if (heading.starts_with(content.str() + "/")) heading.erase(0, content.str().size() + 1);
    headings.push_back(heading);
  }
  return headings;
}

}  // namespace

TEST_CASE("hgj new steward writes a skeleton that passes check once required fields are filled") {
  TempFolder content;
  write_mini_site(content);
  const Run run = hgj_new(content, "steward", "HF-030");
  CHECK(run.code == 0);
  CHECK(run.err == "");
  CHECK(run.out == "hgj new: wrote " + content.str() +
                       "/stewards/HF-030.md; fill in 姓名、电话, then run hgj check\n");
  CHECK(check(content) == std::vector<std::string>{
                              "stewards/HF-030.md:8:8: error: name is required",
                              "stewards/HF-030.md:11:9: error: phone is required",
                          });
  fill(content.path() / "stewards/HF-030.md",
       {{"name", "\"李德明\""}, {"phone", "\"139 0000 0002\""}, {"buildings", "\"dpb-03\""}});
  CHECK(check(content).empty());
}

TEST_CASE("hgj new building, issue and notice skeletons pass check once filled") {
  TempFolder content;
  write_mini_site(content);
  REQUIRE(hgj_new(content, "building", "dpb-05").code == 0);
  REQUIRE(hgj_new(content, "notice", "2026-12-meeting").code == 0);
  const Run issue = hgj_new(content, "issue", "SX-2026-100");
  REQUIRE(issue.code == 0);
  CHECK(issue.out.ends_with("hgj new: issues usually live in " + content.str() +
                            "/issues.csv, one row each\n"));
  CHECK(check(content).size() == 7);  // 名称 社区, 标题 日期, 事项 类别 楼栋

  fill(content.path() / "buildings/dpb-05.md",
       {{"name", "\"德平坝小区5幢\""}, {"community", "\"tianping\""}});
  fill(content.path() / "notices/2026-12-meeting.md",
       {{"title", "\"居民议事会\""}, {"date", "\"2026-12-01\""}});
  fill(content.path() / "issues/SX-2026-100.md", {{"title", "\"楼道堆放杂物\""},
                                                  {"category", "\"楼道堆物\""},
                                                  {"building", "\"dpb-05\""},
                                                  {"found_on", "\"2026-11-02\""}});
  // No error; the new building waits for a steward, and check says so.
  CHECK(check(content) ==
        std::vector<std::string>{
            "buildings/dpb-05.md:1: warning: building dpb-05 德平坝小区5幢 has no "
            "steward, so its board and cards name nobody to call: put dpb-05 in a "
            "steward's buildings (楼栋) column",
        });
}

TEST_CASE("hgj new community, grid, event and duty skeletons pass check once filled") {
  TempFolder content;
  write_mini_site(content);
  for (const auto& kind_id :
       std::vector<std::pair<std::string, std::string>>{{"community", "fangkou"},
                                                        {"grid", "fangkou-1"},
                                                        {"event", "fangkou-knock"},
                                                        {"duty", "6442"}}) {
    const Run run = hgj_new(content, kind_id.first, kind_id.second);
    INFO(kind_id.first << ": " << run.err);
    REQUIRE(run.code == 0);
  }
  CHECK(
      check(content) ==
      std::vector<std::string>{
          "communities/fangkou.md:8:8: error: name is required",
          "duties/6442.md:7:9: error: title is required",
          "duties/6442.md:10:1: error: each [[groups]] needs a name and a list of items (line 10)",
          "events/fangkou-knock.md:7:9: error: title is required",
          "grids/fangkou-1.md:8:8: error: name is required",
          "grids/fangkou-1.md:11:13: error: community is required",
      });
  fill(content.path() / "communities/fangkou.md", {{"name", "\"坊口社区\""}});
  fill(content.path() / "grids/fangkou-1.md",
       {{"name", "\"坊口社区第一网格\""}, {"community", "\"fangkou\""}});
  fill(content.path() / "events/fangkou-knock.md",
       {{"title", "\"周四敲门日\""}, {"rule", "\"weekly:thu\""}, {"time", "\"19:00-20:30\""}});
  fill(content.path() / "duties/6442.md",
       {{"title", "\"“6442”工作机制\""}, {"name", "\"六大员\""}});
  std::string duty = slurp(content.path() / "duties/6442.md");
  duty.replace(duty.find("items = []"), 10, "items = [\"政策宣传员\", \"民情收集员\"]");
  std::ofstream(content.path() / "duties/6442.md", std::ios::binary) << duty;
  CHECK(check(content).empty());
}

TEST_CASE("hgj new skeletons name every field with its Chinese label") {
  TempFolder content;
  write_mini_site(content);
  const std::pair<const char*, const char*> kinds[] = {
      {"community", "communities"}, {"grid", "grids"},   {"building", "buildings"},
      {"steward", "stewards"},      {"issue", "issues"}, {"event", "events"},
      {"notice", "notices"},        {"duty", "duties"}};
  for (const auto& [kind, collection] : kinds) {
    REQUIRE(hgj_new(content, kind, "X1").code == 0);
    const std::string text = slurp(content.path() / collection / "X1.md");
    for (const FieldSpec& field : collection_spec(collection).fields) {
      if (field.key == "id") continue;
      INFO(kind << " " << field.key);
      CHECK(text.find("# " + field.labels.front() + "（" + field.key) != std::string::npos);
      CHECK((text.find("\n" + field.key + " = ") != std::string::npos ||
             text.find("\n[[" + field.key + "]]\n") != std::string::npos));
    }
  }
}

TEST_CASE("hgj new refuses to overwrite a file") {
  TempFolder content;
  write_mini_site(content);
  content.write("stewards/HF-002.md", "+++\nname = \"李德明\"\nphone = \"13900000002\"\n+++\n");
  const Run run = hgj_new(content, "steward", "HF-002");
  CHECK(run.code == 2);
  CHECK(run.err == "hgj new: " + content.str() +
                       "/stewards/HF-002.md already exists; hgj new never overwrites a file\n");
  CHECK(slurp(content.path() / "stewards/HF-002.md") ==
        "+++\nname = \"李德明\"\nphone = \"13900000002\"\n+++\n");
}

TEST_CASE("hgj new refuses an id the collection already has in its table") {
  TempFolder content;
  write_mini_site(content);
  const Run run = hgj_new(content, "steward", "HF-001");
  CHECK(run.code == 2);
  CHECK(run.err == "hgj new: " + content.str() + "/stewards.csv:2 already has steward HF-001\n");
  CHECK(!fs::exists(content.path() / "stewards/HF-001.md"));
}

TEST_CASE("hgj new rejects invalid ids, unknown kinds and folders without site.toml") {
  TempFolder content;
  write_mini_site(content);
  Run run = hgj_new(content, "steward", "../escape");
  CHECK(run.code == 2);
  CHECK(run.err ==
        "hgj new: \"../escape\" is not a valid id (letters, digits, - and _, at most 64)\n");
  run = hgj_new(content, "steward", "王建国");
  CHECK(run.code == 2);
  run = hgj_new(content, "steward", "");
  CHECK(run.code == 2);
  CHECK(run.err ==
        "hgj new: give a kind and an id, such as hgj new steward ID (kinds: "
        "duty|community|grid|building|steward|issue|event|notice|screen)\n");
  run = hgj_new(content, "photo", "x");
  CHECK(run.code == 2);
  CHECK(run.err ==
        "hgj new: unknown kind \"photo\" "
        "(duty|community|grid|building|steward|issue|event|notice|screen)\n");
  run = hgj_new(content, "page", "x");
  CHECK(run.code == 2);

  TempFolder empty;
  run = hgj_new(empty, "steward", "HF-001");
  CHECK(run.code == 2);
  CHECK(run.err == "hgj new: " + empty.str() + " is not a content folder (it has no site.toml)\n");

  std::ostringstream out, err;
  CHECK(run_new({"steward"}, out, err) == 2);
}

}  // namespace hgj
