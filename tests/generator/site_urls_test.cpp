#include <doctest/doctest.h>

#include "site/pages/markdown.h"
#include "site/pages/urls.h"
#include "site/templates/theme.h"

using namespace hgj;
using namespace hgj::site;

TEST_CASE("page paths name their file; pages after the first get page-N.html") {
  CHECK(building_path("dpb-03") == "building/dpb-03/index.html");
  CHECK(building_path("dpb-03", 1) == "building/dpb-03/index.html");
  CHECK(building_path("dpb-03", 3) == "building/dpb-03/page-3.html");
  CHECK(community_log_path("tianping", "2026-09") == "community/tianping/log/2026-09/index.html");
  CHECK(category_path("c08", 2) == "category/c08/page-2.html");
  CHECK(issue_anchor("SX-2025-001") == "issue-SX-2025-001");
}

TEST_CASE("category slugs are ASCII and follow the list order") {
  CHECK(category_slug(0) == "c01");
  CHECK(category_slug(10) == "c11");
  CHECK(category_slug(99) == "c100");
}

TEST_CASE("relative links climb to the root from the page's folder") {
  CHECK(root_prefix("index.html").empty());
  CHECK(root_prefix("building/x/index.html") == "../../");
  CHECK(root_prefix("community/x/log/2026-09/index.html") == "../../../../");
  CHECK(relative_link("building/x/page-2.html", "assets/style.css") == "../../assets/style.css");
}

TEST_CASE("absolute_url drops index.html and joins without double slashes") {
  CHECK(absolute_url("https://a.cn", "index.html") == "https://a.cn/");
  CHECK(absolute_url("https://a.cn/", "building/x/index.html") == "https://a.cn/building/x/");
  CHECK(absolute_url("https://a.cn/sub", "events.ics") == "https://a.cn/sub/events.ics");
}

TEST_CASE("pagination: page counts and the page of a row") {
  CHECK(page_count(0, 20) == 1);
  CHECK(page_count(20, 20) == 1);
  CHECK(page_count(21, 20) == 2);
  CHECK(page_of(0, 20) == 1);
  CHECK(page_of(19, 20) == 1);
  CHECK(page_of(20, 20) == 2);
}

TEST_CASE("Markdown: raw HTML and unsafe links are dropped, no smart punctuation") {
  CHECK(markdown_to_html("a \"b\" -- c") == "<p>a &quot;b&quot; -- c</p>\n");
  const std::string html =
      markdown_to_html("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b onclick=x>b</b>");
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("javascript:") == std::string::npos);
  CHECK(html.find("onclick") == std::string::npos);
  CHECK(markdown_to_html("{{title}}") == "<p>{{title}}</p>\n");
  CHECK(markdown_to_text("## 标题\n\n第一段，*强调*。\n第二行") == "标题 第一段，强调。 第二行");
}

TEST_CASE("template errors are located by line and column") {
  const std::string text = "<p>\n  {{#items}}\n</p>\n";
  DiagnosticSink sink;
  CHECK_FALSE(check_template("t.mustache", text, sink));
  const auto d = sink.sorted();
  REQUIRE(d.size() == 1);
  CHECK(format_diagnostic(d[0]) ==
        "t.mustache:2:3: error: unclosed section \"items\"\n      {{#items}}\n      ^");
  DiagnosticSink ok;
  CHECK(check_template("t.mustache", "{{#a}}{{b}}{{/a}}", ok));
  CHECK(ok.error_count() == 0);
}

TEST_CASE("location_of counts characters, not bytes") {
  const std::string text = "红管家{{x\n";
  const SourceLocation at = location_of("f", text, text.find("{{"));
  CHECK(at.line == 1);
  CHECK(at.column == 4);
}
