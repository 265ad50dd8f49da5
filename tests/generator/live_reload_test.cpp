#include "serve/live_reload.h"

#include <doctest/doctest.h>

#include "../language_scope.h"

using namespace hgj;
using namespace hgj::serve;

namespace {

// A failed build with one problem in a CSV row holding Chinese: the caret points at the
// phone, after ten wide characters and some narrow ones.
BuildState failed_build() {
  Diagnostic d;
  d.where = {"content/stewards.csv", 7, 3};
  d.message = "电话 \"1380000<b>\" 不是有效的电话号码";
  d.excerpt = "HF-007,王建平,德平坝小区3幢,1380000<b>";
  d.caret = display_width("HF-007,王建平,德平坝小区3幢,");
  BuildState s;
  s.build = 2;
  s.served = 1;
  s.errors = {format_diagnostic(d)};
  s.problems = {d};
  return s;
}

}  // namespace

TEST_CASE("the error overlay speaks the run's language, Chinese first") {
  const BuildState s = failed_build();
  {
    LanguageScope zh(Language::zh);
    const std::string html = overlay_html(s);
    CHECK(html.find("lang=\"zh-CN\"") != std::string::npos);
    CHECK(
        html.find("<strong>hgj "
                  "serve：内容有错误，这里仍是上一次成功的构建。改好后页面会自动刷新。</strong>") !=
        std::string::npos);
    CHECK(html.find("content/stewards.csv:7:3: 错误：电话 &quot;1380000&lt;b&gt;&quot; "
                    "不是有效的电话号码") != std::string::npos);
  }
  LanguageScope en(Language::en);
  const std::string html = overlay_html(s);
  CHECK(html.find("lang=\"en\"") != std::string::npos);
  CHECK(
      html.find(
          "<strong>hgj serve: the content has errors; this is still the last good build. The page "
          "reloads once they are fixed.</strong>") != std::string::npos);
  CHECK(html.find("content/stewards.csv:7:3: error: ") != std::string::npos);
}

TEST_CASE("the overlay's caret line repeats, invisibly, the excerpt's text before the caret") {
  LanguageScope zh(Language::zh);
  const std::string html = overlay_html(failed_build());
  // The excerpt, then on the next line of the same unwrapped block the hidden text up to
  // the phone and the caret: the caret sits under the "1" whatever the glyphs' widths.
  CHECK(html.find("<span data-hgj-excerpt style=\"display:block;white-space:pre;overflow-x:auto;"
                  "margin:2px 0 6px 2ch\">HF-007,王建平,德平坝小区3幢,1380000&lt;b&gt;\n"
                  "<span style=\"visibility:hidden\">HF-007,王建平,德平坝小区3幢,</span>"
                  "<span data-hgj-caret>^</span></span>") != std::string::npos);
  // No terminal-style caret made of spaces, which a browser misplaces.
  CHECK(html.find("\n    ") == std::string::npos);
}

TEST_CASE("a caret past the excerpt's end is padded out to its column") {
  LanguageScope zh(Language::zh);
  BuildState s = failed_build();
  s.problems[0].excerpt = "name = 王";
  s.problems[0].caret = 11;  // "name = 王" is 9 cells: two past the end
  CHECK(overlay_html(s).find("<span style=\"visibility:hidden\">name = 王  </span>") !=
        std::string::npos);
}
