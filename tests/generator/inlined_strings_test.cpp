// The theme's strings written into the templates (site/templates/inlined_strings.h) and the
// TemplateSet that uses them: every page and row must come out as the templates as
// written render it, a page that sets its own `t` included.
#include "site/templates/inlined_strings.h"

#include <doctest/doctest.h>

#include <kainjow/mustache.hpp>

#include "../temp_folder.h"
#include "site/templates/theme.h"
#include "theme_over_default.h"

namespace hgj::site {

using kainjow::mustache::data;
using testing::TempFolder;

TEST_CASE("with_strings_inlined writes t.<key> values in, escaped unless the tag writes raw") {
  const std::map<std::string, std::string> strings = {
      {"hello", "您好 & <b>"}, {"tag", "看 {{这}}"}, {"a.b", "dotted key"}};
  CHECK(with_strings_inlined("<p>{{t.hello}}</p>", strings) == "<p>您好 &amp; &lt;b&gt;</p>");
  CHECK(with_strings_inlined("{{ t.hello }}|{{{t.hello}}}|{{& t.hello}}", strings) ==
        "您好 &amp; &lt;b&gt;|您好 & <b>|您好 & <b>");
  // Left as tags: an unknown key, a value that would read as a tag, a nested name, other
  // tags on t, and names that only start alike.
  CHECK(with_strings_inlined("{{t.missing}}{{t.tag}}{{t.a.b}}", strings) ==
        "{{t.missing}}{{t.tag}}{{t.a.b}}");
  CHECK(with_strings_inlined("{{#t.hello}}x{{/t.hello}}{{^t.hello}}y{{/t.hello}}", strings) ==
        "{{#t.hello}}x{{/t.hello}}{{^t.hello}}y{{/t.hello}}");
  CHECK(with_strings_inlined("{{tx.hello}}{{t}}{{! t.hello }}", strings) ==
        "{{tx.hello}}{{t}}{{! t.hello }}");
  // Tags that cannot be read with {{ }}: the text as it is.
  CHECK(with_strings_inlined("{{=<% %>=}}<% t.hello %>{{t.hello}}", strings) ==
        "{{=<% %>=}}<% t.hello %>{{t.hello}}");
  CHECK(with_strings_inlined("{{t.hello}} {{t.hello", strings) == "{{t.hello}} {{t.hello");
  CHECK(with_strings_inlined("{{t.hello}}", {{"hello", "x"}, {"t", "y"}}) == "{{t.hello}}");
}

TEST_CASE("pages and rows with the strings written in match the templates as written") {
  TempFolder dir;
  dir.write("t/strings.toml", "hello = \"您好 <的>\"\n");
  dir.write(
      "t/templates/home.mustache",
      "<html{{#elder}} class=\"elder\"{{/elder}}>\n<p>{{t.hello}} {{{t.hello}}}</p>\n"
      "<a href=\"{{res}}x\">{{t.nav_home}}</a>\n{{#items}}<i>{{t.hello}}{{.}}</i>{{/items}}\n");
  const Theme theme = testing::theme_over_default(dir);
  REQUIRE(theme.takes_ready_rows("building"));
  data globals;
  data t;
  for (const auto& [key, text] : theme.strings()) t[key] = text;
  globals["t"] = std::move(t);
  const std::set<std::string> varying = {"res", "elder"};
  TemplateSet whole(theme), fast(theme, varying, {{"t"}, {"res", "elder"}, true});
  const auto place = [](data& page, bool elder) {
    page["res"] = std::string(elder ? "../../" : "../");
    page["elder"] = elder;
  };
  for (const bool own_t : {false, true}) {
    CAPTURE(own_t);
    data page;
    page["items"] = data(data::type::list);
    page["items"].push_back(std::string("一"));
    if (own_t) page["t"] = data("hello", std::string("页面自己的"));
    place(page, false);
    data elder_page = page;
    place(elder_page, true);
    std::string error;
    const std::string expected = whole.render("home", globals, page, error);
    const std::string expected_elder = whole.render("home", globals, elder_page, error);
    REQUIRE(error.empty());
    const auto [html, elder_html] = fast.render_twice(
        "home", globals, page, [&](data& d) { place(d, true); }, error);
    REQUIRE(error.empty());
    CHECK(html == expected);
    CHECK(elder_html == expected_elder);
    CHECK((html.find("页面自己的") != std::string::npos) == own_t);
    if (!own_t) CHECK(html.find("您好 &lt;的&gt; 您好 <的>") != std::string::npos);
  }

  // A row: the default theme's issue_row reads t.issue_building, among others.
  for (const bool own_t : {false, true}) {
    CAPTURE(own_t);
    data row;
    row["id"] = std::string("I1");
    row["building_name"] = std::string("幸福1幢");
    row["steps"] = data(data::type::list);
    if (own_t) row["t"] = data("issue_building", std::string("行自己的"));
    data page;
    page["root"] = std::string("../");
    std::string error;
    TemplateSet as_written(theme, varying, {{"t"}, {"res", "elder"}, false});
    const std::string expected = as_written.render_issue_row(globals, page, row, error);
    const std::string html = fast.render_issue_row(globals, page, row, error);
    REQUIRE(error.empty());
    CHECK(html == expected);
    CHECK((html.find("行自己的") != std::string::npos) == own_t);
  }
}

}  // namespace hgj::site
