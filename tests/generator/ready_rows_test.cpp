// Issue rows rendered once per depth (site/templates/ready_rows.h): when a theme allows it, and
// that the pages come out byte for byte as with the issue_row partial inlined.
#include "site/templates/ready_rows.h"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <atomic>
#include <sstream>
#include <thread>

#include "../same_tree.h"
#include "../temp_folder.h"
#include "build_site.h"
#include "hgj/loader.h"
#include "site/pages/issue_row_cache.h"
#include "site/pages/page_data.h"
#include "site/pages/page_recipes.h"
#include "site/templates/theme.h"

using namespace hgj;
using namespace hgj::site;
using hgj::testing::TempFolder;
namespace fs = std::filesystem;

namespace {

const fs::path kDefaultTheme = fs::path(HGJ_SOURCE_DIR) / "themes/default";

std::optional<RowPartial> partial(const std::string& text) {
  return standalone_row_partial(text, issue_row_names());
}

const fs::path kDemo = fs::path(HGJ_SOURCE_DIR) / "content";

// The demo (or `content`) built with `theme` (a folder over the default theme, or the default).
std::map<std::string, std::string> demo_site(const fs::path& theme,
                                             const fs::path& content = kDemo) {
  ::setenv("SOURCE_DATE_EPOCH", "1795000000", 1);
  TempFolder out;
  BuildOptions o;
  o.content_dir = content.string();
  o.out_dir = (out.path() / "public").string();
  o.theme = theme.string();
  o.print = false;
  o.kiosk = false;
  o.progress = false;
  DiagnosticSink sink;
  std::ostringstream log;
  REQUIRE(build_site(o, sink, log).exit_code == 0);
  auto files = testing::tree(out.path() / "public");
  files.erase(page_record_file);  // the pages' recipes name their templates, which differ
  return files;
}

std::string slurp(const fs::path& file) { return testing::slurp(file); }

}  // namespace

TEST_CASE("the default issue_row partial renders alone, its last line break left to the page") {
  const auto row = partial(slurp(kDefaultTheme / "partials/issue_row.mustache"));
  REQUIRE(row);
  CHECK(row->line_end == "\n");
  CHECK(row->body.starts_with("<li class=\"issue\""));
  CHECK(row->body.ends_with("</li>"));
  const auto crlf = partial("<li>{{t.issue_building}} {{root}}{{building_url}}</li>\r\n");
  REQUIRE(crlf);
  CHECK(crlf->line_end == "\r\n");
  CHECK(crlf->body == "<li>{{t.issue_building}} {{root}}{{building_url}}</li>");
}

TEST_CASE("a partial that could read the page, or lose a line where it stands, stays inlined") {
  // Each renders differently on two pages at the same depth, or alone and inlined.
  for (const char* text : {
           "<li>{{id}} {{page_title}}</li>",                     // a page's field
           "<li>{{#steps}}{{name}}{{/steps}}</li>",              // a step has no name: the page's
           "<li>{{site.title}}</li>",                            // dotted, not the strings
           "<li>{{steward.name}}</li>",                          // dotted: falls through when false
           "<li>{{res}}photos/</li>",                            // differs in the elder/ copy
           "{{#title}}<p>{{.}}</p>{{/title}}\n<li>{{id}}</li>",  // first line only in a section
           "<li>{{id}}</li>\n{{#title}}<p>{{.}}</p>{{/title}}",  // last line only in a section
           "<li>{{id}}</li>\n\n",                                // an empty last line
           "<li>{{id}}{{=<% %>=}}</li>",                         // other delimiters
           "<li>{{id}}</li>{{#steward}}",                        // unclosed
       }) {
    CAPTURE(text);
    CHECK_FALSE(partial(text));
  }
  CHECK(
      partial("<li>{{#steward}}<a href=\"{{root}}{{url}}\">{{name}}</a> {{id}}{{/steward}}</li>"));
  CHECK(partial("<li>{{#steps}}{{label}} {{date}} {{category}}{{/steps}}{{! note }}</li>"));
}

TEST_CASE("a page template takes rows ready-made only where it uses them as the partial") {
  CHECK(with_ready_rows("<ol>{{#issues}}{{> issue_row}}{{/issues}}</ol>", "\n") ==
        "<ol>{{#issues}}{{{.}}}\n{{/issues}}</ol>");
  CHECK(with_ready_rows(
            "{{#has_issues}}<ol>{{#issues}}<li>{{! row }}{{>issue_row}}</li>{{/issues}}</ol>"
            "{{/has_issues}}{{^has_issues}}none{{/has_issues}}{{count}}",
            "") ==
        "{{#has_issues}}<ol>{{#issues}}<li>{{! row }}{{{.}}}</li>{{/issues}}</ol>"
        "{{/has_issues}}{{^has_issues}}none{{/has_issues}}{{count}}");
  for (const char* text : {
           "<ol>{{#issues}}<li>{{id}}</li>{{/issues}}</ol>",          // no partial
           "{{#issues}}{{> issue_row}}{{id}}{{/issues}}",             // a row field beside it
           "{{#issues}}{{#id}}{{> issue_row}}{{/id}}{{/issues}}",     // inside a row's section
           "{{> issue_row}}",                                         // outside the rows
           "{{^issues}}{{> issue_row}}{{/issues}}",                   // inverted
           "{{#issues}}{{> issue_row}}{{/issues}}{{issues.length}}",  // dotted
           "{{#issues}}{{> issue_row}}{{/issues}}{{{issues}}}",       // as a value
           "{{#issues}}{{> issue_row}}{{/issues}}{{=<% %>=}}",        // other delimiters
       }) {
    CAPTURE(text);
    CHECK_FALSE(with_ready_rows(text, "\n"));
  }
}

TEST_CASE("every name a row is said to have is on every row of the demo") {
  DiagnosticSink sink;
  const LoadResult loaded = load_content(std::string(HGJ_SOURCE_DIR) + "/content", sink);
  REQUIRE(sink.error_count() == 0);
  const SiteIndex index =
      assemble(loaded.content, 1795000000, *TimeZone::make("Asia/Shanghai"), "");
  const RowNames& names = issue_row_names();
  int with_steward = 0;
  for (const Issue& issue : loaded.content.issues) {
    CAPTURE(issue.id);
    const Data row = issue_row(index, issue);
    for (const std::string& name : names.row) CHECK(row.get(name) != nullptr);
    const Data* steward = row.get("steward");
    if (steward && steward->is_object()) {
      ++with_steward;
      for (const std::string& name : names.nested.at("steward"))
        CHECK(steward->get(name) != nullptr);
    }
    for (const Data& step : row.get("steps")->list_value()) {
      for (const std::string& name : names.nested.at("steps")) CHECK(step.get(name) != nullptr);
    }
  }
  CHECK(with_steward > 0);
}

TEST_CASE("the demo's pages are the same with rows made once as with the partial inlined") {
  DiagnosticSink sink;
  const auto stock = Theme::load(kDefaultTheme, kDefaultTheme, sink);
  REQUIRE(stock);
  for (const char* page : {"building", "steward", "category", "community_log"}) {
    CAPTURE(page);
    CHECK(stock->takes_ready_rows(page));
  }
  // The same partial, but looking up a name no row has: inlined, and renders the same.
  TempFolder dir;
  dir.write("inline/partials/issue_row.mustache",
            "{{#not_a_row_field}}{{/not_a_row_field}}" +
                slurp(kDefaultTheme / "partials/issue_row.mustache"));
  const auto inlined = Theme::load(dir.path() / "inline", kDefaultTheme, sink);
  REQUIRE(inlined);
  CHECK_FALSE(inlined->takes_ready_rows("building"));
  CHECK(inlined->issue_row_source().empty());
  testing::check_same_tree(demo_site(dir.path() / "inline"), demo_site(kDefaultTheme));

  // An issue whose title holds the character a shared row marks `root` with (U+0001): the
  // loader removes it as a control character, so no row from content can hold the mark.
  fs::copy(kDemo, dir.path() / "content", fs::copy_options::recursive);
  const fs::path issues = dir.path() / "content/issues.csv";
  std::string table = slurp(issues);
  const auto at = table.find("地下室电动车");
  REQUIRE(at != std::string::npos);
  table.insert(at + std::string("地下室").size(), 1, root_mark);
  dir.write("content/issues.csv", table);
  const auto marked = demo_site(kDefaultTheme, dir.path() / "content");
  CHECK(marked.at("category/c02/index.html").find("地下室电动车") != std::string::npos);
  for (const auto& [file, text] : marked) {
    if (!file.ends_with(".html")) continue;
    CAPTURE(file);
    CHECK(text.find(root_mark) == std::string::npos);
  }
  testing::check_same_tree(demo_site(dir.path() / "inline", dir.path() / "content"), marked);
}

TEST_CASE("a partial that reads the page shows each page's own value on its rows") {
  TempFolder dir;
  dir.write("mine/partials/issue_row.mustache", "<li id=\"issue-{{id}}\">{{page_title}}</li>\n");
  const auto site = demo_site(dir.path() / "mine");
  const std::string& building = site.at("building/dpb-03/index.html");
  const std::string& elder = site.at("elder/building/dpb-03/index.html");
  const std::string& category = site.at("category/c01/index.html");
  const auto title_of = [](const std::string& html) {  // <title>{{page_title}} · …</title>
    const auto b = html.find("<title>") + 7;
    return html.substr(b, html.find(" · ", b) - b);
  };
  CHECK(building.find("\">" + title_of(building) + "</li>") != std::string::npos);
  CHECK(elder.find("\">" + title_of(building) + "</li>") != std::string::npos);
  CHECK(category.find("\">" + title_of(category) + "</li>") != std::string::npos);
}

TEST_CASE("a row made once takes each page's root where the mark stands") {
  const std::string mark(1, root_mark);
  const MarkedRow row("<a href=\"" + mark + "building/a/index.html\">" + mark + "</a>" + mark);
  CHECK(row.with_root("../../") == "<a href=\"../../building/a/index.html\">../../</a>../../");
  CHECK(row.with_root("") == "<a href=\"building/a/index.html\"></a>");
  CHECK(row.html() == "<a href=\"" + mark + "building/a/index.html\">" + mark + "</a>" + mark);
  CHECK(MarkedRow("no mark").with_root("../") == "no mark");
  CHECK(MarkedRow(mark + mark).with_root("x/") == "x/x/");
  CHECK(MarkedRow("").with_root("../") == "");
  CHECK_FALSE(partial("<li>" + mark + "{{id}}</li>"));  // the mark in the partial itself
}

TEST_CASE("the row cache makes a row once, on any thread, and keeps no row it was not given") {
  std::vector<Issue> issues(3);
  IssueRowCache cache(issues);
  std::atomic<int> made{0};
  const auto make = [&](std::string html) {
    return [&made, html] {
      ++made;
      return std::optional<std::string>(html);
    };
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) CHECK(cache.get(issues[1], make("row 1"))->html() == "row 1");
    });
  }
  for (auto& t : threads) t.join();
  CHECK(made >= 1);
  CHECK(made <= 4);  // a thread that finds a row being made makes its own copy
  made = 0;
  CHECK(cache.get(issues[1], make("other"))->html() == "row 1");
  CHECK(made == 0);

  const auto not_shared = [&] {
    ++made;
    return std::optional<std::string>();
  };
  CHECK_FALSE(cache.get(issues[0], not_shared));
  CHECK(cache.get(issues[0], make("row 0"))->html() == "row 0");  // nothing was kept for it
  CHECK(cache.get(issues[0], make("other"))->html() == "row 0");

  made = 0;
  const Issue elsewhere;
  CHECK(cache.get(elsewhere, make("a"))->html() == "a");
  CHECK(cache.get(elsewhere, make("b"))->html() == "b");
  CHECK(made == 2);
}
