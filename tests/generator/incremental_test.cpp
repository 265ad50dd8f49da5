// `hgj serve`'s incremental rebuild (serve/incremental.h) on a copy of the demo: after a
// steward's file changes, the served folder must equal a full build of the edited
// content, byte for byte, while pages that do not show the steward are not rewritten.
#include "serve/incremental.h"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "../same_tree.h"
#include "../temp_folder.h"
#include "build_site.h"
#include "site_state.h"

using namespace hgj;
using hgj::testing::TempFolder;
namespace fs = std::filesystem;

using hgj::testing::check_same_tree;
using hgj::testing::slurp;
using hgj::testing::tree;

namespace {

BuildOptions options(const fs::path& content, const fs::path& out) {
  BuildOptions o;
  o.content_dir = content.string();
  o.out_dir = out.string();
  o.base_url = "http://127.0.0.1:1313";
  o.themes_dir = std::string(HGJ_SOURCE_DIR) + "/themes";
  o.print = false;
  o.kiosk = false;
  o.progress = false;
  return o;
}

// Rewrites one front-matter line of a steward file (`key = …`).
void edit(const fs::path& file, const std::string& key, const std::string& line) {
  const std::string text = slurp(file);
  const std::string changed = std::regex_replace(text, std::regex("\n" + key + " = [^\n]*"),
                                                 line.empty() ? "" : "\n" + line);
  REQUIRE(changed != text);
  std::ofstream(file, std::ios::binary) << changed;
}

// The demo copied, built once with its state kept, as `hgj serve` starts.
struct Served {
  TempFolder dir;
  fs::path content = dir.path() / "content";
  fs::path out = dir.path() / "public";
  SiteState state;
  Served() {
    ::setenv("SOURCE_DATE_EPOCH", "1795000000", 1);
    fs::copy(fs::path(HGJ_SOURCE_DIR) / "content", content, fs::copy_options::recursive);
    DiagnosticSink sink;
    std::ostringstream log;
    REQUIRE(build_site(options(content, out), sink, log, &state).exit_code == 0);
    REQUIRE(state.clean);
  }
  // A full build of the content as it is now, for comparison.
  std::map<std::string, std::string> full_build() const {
    TempFolder fresh;
    DiagnosticSink sink;
    std::ostringstream log;
    REQUIRE(build_site(options(content, fresh.path() / "public"), sink, log).exit_code == 0);
    return tree(fresh.path() / "public");
  }
};

}  // namespace

TEST_CASE("an edited steward file updates the served site to what a full build makes") {
  Served s;
  const fs::path file = s.content / "stewards/HF-001.md";
  const fs::path unrelated = s.out / "steward/HF-002/index.html";
  const auto unrelated_time = fs::last_write_time(unrelated);

  edit(file, "name", "name = \"王建平\"");
  edit(file, "phone", "phone = \"139 0000 0099\"");
  edit(file, "buildings", "buildings = \"dpb-03:1-2、xyxq-01\"");
  DiagnosticSink sink;
  const std::optional<BuildReport> report =
      serve::update_site(s.state, options(s.content, s.out), {file}, sink);
  REQUIRE(report.has_value());
  CHECK(report->exit_code == 0);
  CHECK(sink.sorted().empty());
  const auto after = tree(s.out);
  const auto pages = std::count_if(after.begin(), after.end(),
                                   [](const auto& f) { return f.first.ends_with(".html"); });
  CHECK(report->pages * 3 < static_cast<std::size_t>(pages));  // not everything
  check_same_tree(after, s.full_build());
  CHECK(slurp(s.out / "steward/HF-001/index.html").find("王建平") != std::string::npos);
  CHECK(fs::last_write_time(unrelated) == unrelated_time);

  SUBCASE("only the introduction changed") {
    const auto listing_time = fs::last_write_time(s.out / "stewards.json");
    std::ofstream(file, std::ios::app) << "\n新的一段介绍。\n";
    REQUIRE(serve::update_site(s.state, options(s.content, s.out), {file}, sink).has_value());
    CHECK(fs::last_write_time(s.out / "stewards.json") == listing_time);
    check_same_tree(tree(s.out), s.full_build());
  }
  SUBCASE("a photo taken away: the avatar stands in and the old photo is gone") {
    edit(file, "photo", "");
    REQUIRE(serve::update_site(s.state, options(s.content, s.out), {file}, sink).has_value());
    CHECK(!fs::exists(s.out / "photos/HF-001.jpg"));
    CHECK(fs::exists(s.out / "avatars/HF-001.svg"));
    check_same_tree(tree(s.out), s.full_build());
  }
}

TEST_CASE("what an incremental rebuild cannot do is left to a full build") {
  Served s;
  const fs::path file = s.content / "stewards/HF-001.md";
  const auto before = tree(s.out);
  DiagnosticSink sink;

  SUBCASE("a steward file with an error: nothing is written, the full build reports it") {
    edit(file, "phone", "phone = \"1380000\"");
    CHECK(!serve::update_site(s.state, options(s.content, s.out), {file}, sink).has_value());
    CHECK(!s.state.clean);
    std::ostringstream log;
    DiagnosticSink full;
    CHECK(build_site(options(s.content, s.out), full, log, &s.state).exit_code == 1);
    REQUIRE(full.error_count() == 1);
    CHECK(format_heading(full.sorted()[0]) ==
          file.lexically_normal().generic_string() +
              ":3:9: error: phone \"1380000\" is not a valid phone number");
  }
  SUBCASE("a CSV table") {
    CHECK(
        !serve::update_site(s.state, options(s.content, s.out), {s.content / "stewards.csv"}, sink)
             .has_value());
  }
  SUBCASE("a new steward file") {
    std::ofstream(s.content / "stewards/HF-999.md") << slurp(file);
    CHECK(!serve::update_site(s.state, options(s.content, s.out),
                              {s.content / "stewards/HF-999.md"}, sink)
               .has_value());
  }
  SUBCASE("a theme file") {
    const fs::path css = fs::path(HGJ_SOURCE_DIR) / "themes/default/assets/style.css";
    CHECK(!serve::update_site(s.state, options(s.content, s.out), {css}, sink).has_value());
  }
  CHECK(tree(s.out) == before);
}

TEST_CASE("an edit later the same day re-renders what the time changed, as a full build then") {
  // A notice that starts at 20:00 on the day the site was built at 19:06: an edit at
  // 20:06 must publish it (its page, the lists, the feed) with the edited steward, as a
  // full build at 20:06 does. The pages showing the steward alone would leave it out.
  Served s;
  std::ofstream(s.content / "notices/evening.md")
      << "+++\ntitle = \"今晚八点起停水\"\ndate = \"2026-11-18\"\nstart = \"2026-11-18 "
         "20:00\"\nexpires = \"2026-11-20\"\n+++\n天平巷社区今晚八点起停水。\n";
  {
    DiagnosticSink sink;
    std::ostringstream log;
    REQUIRE(build_site(options(s.content, s.out), sink, log, &s.state).exit_code == 0);
    REQUIRE(s.state.clean);
  }
  REQUIRE(slurp(s.out / "notices/index.html").find("今晚八点起停水") == std::string::npos);
  ::setenv("SOURCE_DATE_EPOCH", "1795003600", 1);  // an hour later
  const fs::path file = s.content / "stewards/HF-002.md";
  edit(file, "phone", "phone = \"139 0000 0098\"");
  DiagnosticSink sink;
  const std::optional<BuildReport> report =
      serve::update_site(s.state, options(s.content, s.out), {file}, sink);
  REQUIRE(report.has_value());
  CHECK(sink.sorted().empty());
  CHECK(slurp(s.out / "notices/index.html").find("今晚八点起停水") != std::string::npos);
  check_same_tree(tree(s.out), s.full_build());
  ::setenv("SOURCE_DATE_EPOCH", "1795000000", 1);
}
