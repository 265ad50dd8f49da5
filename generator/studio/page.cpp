#include "studio/page.h"

#include "hgj/language.h"
#include "site/templates/escape.h"

namespace hgj::studio {

namespace {

struct NavItem {
  Tab tab;
  const char* path;
  const char* zh;
  const char* en;
};

const NavItem nav_items[] = {
    {Tab::overview, "/", "概览", "Overview"},      {Tab::import, "/import", "导入台账", "Import"},
    {Tab::check, "/check", "检查", "Check"},       {Tab::changes, "/changes", "变更", "Changes"},
    {Tab::preview, "/preview", "预览", "Preview"}, {Tab::publish, "/publish", "发布", "Publish"},
    {Tab::print, "/print", "打印", "Print"},       {Tab::history, "/history", "历史", "History"},
    {Tab::fleet, "/fleet", "触摸屏", "Screens"},
};

}  // namespace

std::string h(std::string_view text) { return site::xml_escape(text); }

std::string sections_html(const std::vector<ReportSection>& sections) {
  std::string html;
  for (const ReportSection& s : sections) {
    html += "<h3>" + h(s.heading) + "</h3>\n<ul class=\"changes\">\n";
    for (const std::string& line : s.lines) html += "<li>" + h(line) + "</li>\n";
    html += "</ul>\n";
  }
  return html;
}

std::string form_fields(const Visitor& visitor, std::string_view content_head) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + h(visitor.csrf) +
         "\"><input type=\"hidden\" name=\"base\" value=\"" + h(content_head) + "\">";
}

std::string page_html(const Frame& frame, std::string_view body) {
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"" + say("zh-CN", "en") +
      "\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>" +
      h(frame.title) + " · " + say("红管家工作台", "hgj workbench") +
      "</title>\n<link rel=\"stylesheet\" href=\"/studio.css\">\n</head>\n<body>\n"
      "<a class=\"skip\" href=\"#main\">" +
      say("跳到正文", "Skip to content") + "</a>\n<header class=\"top\">\n<p class=\"brand\">" +
      say("红管家工作台", "hgj workbench") +
      (frame.street.empty() ? std::string()
                            : "<span class=\"street\">" + h(frame.street) + "</span>") +
      "</p>\n";
  if (frame.visitor != nullptr) {
    const Visitor& v = *frame.visitor;
    html += "<div class=\"who\"><span>" + h(v.name) + "</span>";
    if (v.signed_in)
      html += "<form method=\"post\" action=\"/logout\">" + form_fields(v, "") +
              "<button class=\"quiet\">" + say("退出登录", "Sign out") + "</button></form>";
    html += "</div>\n<nav aria-label=\"" + say("工作台", "Workbench") + "\"><ul>\n";
    for (const NavItem& item : nav_items) {
      html += "<li><a href=\"" + std::string(item.path) + "\"";
      if (item.tab == frame.tab) html += " aria-current=\"page\"";
      html += ">" + say(item.zh, item.en) + "</a></li>\n";
    }
    html += "</ul></nav>\n";
  }
  html += "</header>\n<main id=\"main\">\n<h1>" + h(frame.title) + "</h1>\n";
  html += body;
  html += "\n</main>\n</body>\n</html>\n";
  return html;
}

void add_security_headers(http::Response& response) {
  response.headers.emplace_back("Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                                "frame-ancestors 'self'; base-uri 'none'; form-action 'self'");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  // same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" with
  // the workbench's own forms, and the origin check could not tell them from a forgery.
  response.headers.emplace_back("Referrer-Policy", "same-origin");
  response.headers.emplace_back("Cache-Control", "no-store");
}

http::Response page_response(int status, const Frame& frame, std::string_view body) {
  http::Response r{status, "text/html; charset=utf-8", page_html(frame, body), {}};
  add_security_headers(r);
  return r;
}

http::Response message_page(int status, const Frame& frame, std::string_view heading,
                            std::string_view text) {
  Frame f = frame;
  f.title = std::string(heading);
  return page_response(status, f,
                       "<p class=\"notice bad\">" + h(text) +
                           "</p>\n<p><a class=\"button\" href=\"/\">" +
                           say("回到概览", "Back to the overview") + "</a></p>");
}

}  // namespace hgj::studio
