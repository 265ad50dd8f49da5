// A page and its elder/ copy from one template (site/templates/template_parts.h,
// TemplateSet::render_twice): the lines that read `res` or `elder` are rendered for the
// copy again, the rest copied, and the copy must be exactly what rendering it whole makes.
#include "site/templates/template_parts.h"

#include <doctest/doctest.h>

#include <kainjow/mustache.hpp>

#include "../temp_folder.h"
#include "site/templates/theme.h"
#include "theme_over_default.h"

namespace hgj::site {

using kainjow::mustache::data;
using testing::TempFolder;

namespace {

const std::set<std::string> kElder = {"res", "elder"};

// The parts as "V:text" / "S:text" (varies / same), for compact checks.
std::vector<std::string> shown(const std::string& tmpl) {
  std::vector<std::string> out;
  for (const TemplatePart& part : template_parts(tmpl, kElder))
    out.push_back((part.varies ? "V:" : "S:") + part.text);
  return out;
}

using Parts = std::vector<std::string>;

const std::set<std::string> kShared = {"site", "t", "root", "res", "elder"};

// The parts as "V*:text" / "S:text" …: `*` when shared.
std::vector<std::string> shown_shared(const std::string& tmpl) {
  std::vector<std::string> out;
  for (const TemplatePart& part : template_parts(tmpl, kElder, kShared))
    out.push_back(std::string(part.varies ? "V" : "S") + (part.shared ? "*" : "") + ":" +
                  part.text);
  return out;
}

}  // namespace

TEST_CASE(
    "a template is cut after line breaks outside sections, by whether a line reads res or elder") {
  CHECK(shown("<h1>{{title}}</h1>\n<a href=\"{{res}}x\">\n<p>{{body}}</p>\n") ==
        Parts{"S:<h1>{{title}}</h1>\n", "V:<a href=\"{{res}}x\">\n", "S:<p>{{body}}</p>\n"});
  // A section's lines stay together, and vary when anything in them does.
  CHECK(shown("a\n{{#list}}\n{{name}}\n{{res}}\n{{/list}}\nb\n") ==
        Parts{"S:a\n", "V:{{#list}}\n{{name}}\n{{res}}\n{{/list}}\n", "S:b\n"});
  CHECK(shown("{{#elder}}<meta>\n{{/elder}}<link>\nx") ==
        Parts{"V:{{#elder}}<meta>\n{{/elder}}<link>\n", "S:x"});
  CHECK(shown("{{^elder}}a{{/elder}}\n") == Parts{"V:{{^elder}}a{{/elder}}\n"});
  // Lines of one kind run together; the text keeps every byte, CRLF included.
  CHECK(shown("a\r\nb\r\n{{res}}\r\n{{elder}}") == Parts{"S:a\r\nb\r\n", "V:{{res}}\r\n{{elder}}"});
  // Dotted names by their first part; `.` at the top is the page itself; partials and
  // unknown shapes are taken as varying; comments as not.
  CHECK(shown("{{res.x}}\n{{resx}}\n{{x.res}}\n") ==
        Parts{"V:{{res.x}}\n", "S:{{resx}}\n{{x.res}}\n"});
  CHECK(shown("{{.}}\n{{#l}}{{.}}{{/l}}\n{{! res }}\n") ==
        Parts{"V:{{.}}\n", "S:{{#l}}{{.}}{{/l}}\n{{! res }}\n"});
  CHECK(shown("{{> card}}\nx\n") == Parts{"V:{{> card}}\n", "S:x\n"});
  CHECK(shown("{{&elder}}\n{{{res}}}\n") == Parts{"V:{{&elder}}\n{{{res}}}\n"});
  CHECK(shown("") == Parts{"S:"});
}

TEST_CASE("a run of lines is shared when every tag in it reads only shared names") {
  CHECK(
      shown_shared("<p>{{site.title}} {{t.x}}</p>\n<a href=\"{{res}}x\">\n<h1>{{title}}</h1>\n") ==
      Parts{"S*:<p>{{site.title}} {{t.x}}</p>\n", "V*:<a href=\"{{res}}x\">\n",
            "S:<h1>{{title}}</h1>\n"});
  // Text alone is shared; one tag that reads anything else makes its line not.
  CHECK(shown_shared("<hr>\n{{root}}{{self}}\n") == Parts{"S*:<hr>\n", "S:{{root}}{{self}}\n"});
  // Inside a section of a shared name, `.` is its item, but any other name may be the
  // page's (kainjow looks past the item): not shared.
  CHECK(shown_shared("{{#site.district}} · {{.}}{{/site.district}}\n") ==
        Parts{"S*:{{#site.district}} · {{.}}{{/site.district}}\n"});
  CHECK(shown_shared("{{#site.hotline}}{{tel}}{{/site.hotline}}\n") ==
        Parts{"S:{{#site.hotline}}{{tel}}{{/site.hotline}}\n"});
  CHECK(shown_shared("{{.}}\n{{> head}}\n{{! a comment }}\n") ==
        Parts{"V:{{.}}\n{{> head}}\n", "S*:{{! a comment }}\n"});
  CHECK(shown_shared("{{#list}}{{.}}{{/list}}\n") == Parts{"S:{{#list}}{{.}}{{/list}}\n"});
  // Nothing shared without shared names, nor when the tags cannot be read.
  CHECK(shown("{{site.title}}\n") == Parts{"S:{{site.title}}\n"});
  CHECK(shown_shared("{{site.title}}\n{{#x}}\n") == Parts{"V:{{site.title}}\n{{#x}}\n"});
}

TEST_CASE("a template whose tags cannot be read stays whole") {
  CHECK(shown("a\n{{=<% %>=}}\n<% res %>\n") == Parts{"V:a\n{{=<% %>=}}\n<% res %>\n"});
  CHECK(shown("a\n{{#x}}\nb\n") == Parts{"V:a\n{{#x}}\nb\n"});
  CHECK(shown("a\n{{/x}}\nb\n") == Parts{"V:a\n{{/x}}\nb\n"});
  CHECK(shown("a\n{{x\nb\n") == Parts{"V:a\n{{x\nb\n"});
}

TEST_CASE("render_twice makes the page and its copy exactly as two whole renders do") {
  // Lines kainjow drops (a section tag on an otherwise blank line), blank lines, CRLF, a
  // lone CR, sections across lines, and no line break at the end.
  const std::vector<std::string> templates = {
      "<html{{#elder}} class=\"elder\"{{/elder}}>\n{{#elder}}\n<meta name=\"robots\">\n{{/elder}}\n"
      "<link href=\"{{res}}style.css\">\n\n  {{#items}}\n  <li>{{name}}</li>\n  {{/items}}\n"
      "{{^items}}none{{/items}}\n<p>{{title}}</p>",
      "  {{#elder}}  \n  {{/elder}}  \nx\r\n{{res}}\r\n  {{#items}}\r\n{{name}}\r\n  "
      "{{/items}}\r\nend\r\n",
      "a\rb{{res}}\rc\n{{title}}\n",
      "{{#items}}{{name}}{{res}}\n{{/items}}\n{{title}}\n\n\n",
      "no line break {{title}} {{res}}",
      "{{=<% %>=}}\n<% res %>\n<% title %>\n",
  };
  data globals;
  globals["site"] = data("title", std::string("红枫街道"));
  data items = data::type::list;
  items << data("name", std::string("王建国")) << data("name", std::string("<李>"));
  for (const std::string& text : templates) {
    CAPTURE(text);
    TempFolder dir;
    dir.write("t/templates/home.mustache", text);
    const Theme theme = testing::theme_over_default(dir);
    const auto place = [](data& page, bool elder) {
      page["res"] = std::string(elder ? "../../" : "../");
      page["elder"] = elder;
    };
    data page;
    page["title"] = std::string("标题 & <b>");
    page["items"] = data(items);
    data elder_page = page;
    place(page, false);
    place(elder_page, true);
    TemplateSet whole(theme), cut(theme, kElder);
    std::string error;
    const std::string expected = whole.render("home", globals, page, error);
    const std::string expected_elder = whole.render("home", globals, elder_page, error);
    REQUIRE(error.empty());
    CHECK(expected != expected_elder);
    const auto [html, elder_html] = cut.render_twice(
        "home", globals, page, [&](data& d) { place(d, true); }, error);
    REQUIRE(error.empty());
    CHECK(html == expected);
    CHECK(elder_html == expected_elder);
  }
}

TEST_CASE("shared lines are rendered once for each place, and every page comes out whole") {
  TempFolder dir;
  dir.write(
      "t/templates/home.mustache",
      "<html{{#elder}} class=\"elder\"{{/elder}}>\n<title>{{title}} · {{site.title}}</title>\n"
      "<a href=\"{{root}}index.html\">{{site.street}}</a> <link href=\"{{res}}s.css\">\n"
      "{{#site.district}}<p>{{.}}</p>{{/site.district}}\n<p>{{t.hello}}</p>\n<i>{{title}}</i>\n");
  const Theme theme = testing::theme_over_default(dir);
  data globals;
  data site;
  site["title"] = std::string("红枫街道");
  site["street"] = std::string("<红枫>");
  site["district"] = std::string("蜀山区");
  globals["site"] = std::move(site);
  globals["t"] = data("hello", std::string("您好"));
  const TemplateSet::SharedNames shared{{"site", "t"}, {"root", "res", "elder"}};
  TemplateSet whole(theme), cut(theme, kElder, shared);
  const auto place = [](data& page, const std::string& root, bool elder) {
    page["root"] = root;
    page["res"] = elder ? root + "../" : root;
    page["elder"] = elder;
  };
  struct Page {
    std::string title, root;
    bool own_site = false;  // sets `site` itself: its own title, not the shared line
  };
  // Two depths, each seen twice, and a page that shadows a global name.
  const std::vector<Page> pages = {{"一", "../"},    {"二", "../../"},    {"三", "../"},
                                   {"四", "../../"}, {"五", "../", true}, {"六", "../"}};
  for (const Page& p : pages) {
    CAPTURE(p.title);
    data page;
    page["title"] = p.title;
    if (p.own_site) page["site"] = data("street", std::string("自己的"));
    place(page, p.root, false);
    data elder_page = page;
    place(elder_page, p.root, true);
    std::string error;
    const std::string expected = whole.render("home", globals, page, error);
    const std::string expected_elder = whole.render("home", globals, elder_page, error);
    REQUIRE(error.empty());
    const auto [html, elder_html] = cut.render_twice(
        "home", globals, page, [&](data& d) { place(d, p.root, true); }, error);
    REQUIRE(error.empty());
    CHECK(html == expected);
    CHECK(elder_html == expected_elder);
    CHECK((html.find("自己的") != std::string::npos) == p.own_site);
  }
}

}  // namespace hgj::site
