// TemplateSet (site/templates/theme.h) renders with a context and an escaper of its own, for speed;
// they must give exactly what kainjow's own context and html_escape give.
#include <doctest/doctest.h>

#include <kainjow/mustache.hpp>

#include "../temp_folder.h"
#include "site/templates/theme.h"
#include "theme_over_default.h"

namespace hgj::site {

using kainjow::mustache::data;
using testing::TempFolder;

namespace {

// A theme whose home template is `text`, over the default theme.
std::string render_home(const std::string& text, const data& globals, const data& page) {
  TempFolder dir;
  dir.write("t/templates/home.mustache", text);
  const Theme theme = testing::theme_over_default(dir);
  TemplateSet set(theme);
  std::string error;
  std::string html = set.render("home", globals, page, error);
  REQUIRE(error.empty());
  return html;
}

// What stock kainjow makes of the same template and data.
std::string stock(const std::string& text, const data& globals, const data& page) {
  kainjow::mustache::mustache tmpl(text);
  kainjow::mustache::context<std::string> ctx(&globals);
  ctx.push(&page);
  return tmpl.render(ctx);
}

}  // namespace

TEST_CASE("templates escape & < > \" ' as kainjow does, and leave {{{raw}}} alone") {
  data page;
  page["x"] = std::string("<a href=\"x\">'&'</a> 王");
  const std::string text = "{{x}}|{{{x}}}|{{&x}}";
  const std::string html = render_home(text, data(), page);
  CHECK(html ==
        "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt; 王|<a href=\"x\">'&'</a> 王|"
        "<a href=\"x\">'&'</a> 王");
  CHECK(html == stock(text, data(), page));
}

TEST_CASE("template lookups follow kainjow's rules: page before globals, dotted paths, sections") {
  data globals;
  globals["site"] = data("title", std::string("红枫街道"));
  globals["who"] = std::string("globals");
  data steward;
  steward["name"] = std::string("王建国");
  steward["phone"] = data("display", std::string("138 0000 0001"));
  data list = data::type::list;
  list << steward << data("name", std::string("李德明"));
  data page;
  page["who"] = std::string("page");
  page["stewards"] = std::move(list);
  page["tags"] = data(data::type::list);
  page["site"] =
      data("other", std::string("no title here"));  // site.title falls through to globals
  const std::string text =
      "{{who}} {{site.title}} {{site.other}} {{missing.x}}\n"
      "{{#stewards}}\n  <li>{{name}}: {{phone.display}}{{^phone}}（无电话）{{/phone}} "
      "{{who}}</li>\n{{/stewards}}\n"
      "{{^tags}}no tags{{/tags}}{{#tags}}{{.}}{{/tags}}\n"
      "{{! a comment }}{{=<% %>=}}<% who %>\n";
  const std::string html = render_home(text, globals, page);
  CHECK(html.find("page 红枫街道 no title here") == 0);
  CHECK(html.find("<li>王建国: 138 0000 0001 page</li>") != std::string::npos);
  CHECK(html.find("<li>李德明: （无电话） page</li>") != std::string::npos);
  CHECK(html == stock(text, globals, page));
}

}  // namespace hgj::site
