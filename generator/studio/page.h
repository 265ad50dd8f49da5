// The frame every workbench page shares: the header with the street's name, the
// pages' navigation, who is signed in, the security headers — and the escaping every
// page writes its text through. Pages follow the site's 适老化 rules: large type, targets
// of at least 44 px, no pop-ups.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diff/diff_report.h"
#include "http/message.h"

namespace hgj::studio {

// Who is asking, as the pages need it.
struct Visitor {
  std::string name;                      // the staff member (commits carry it)
  bool signed_in = false;                // false on a workbench for one person on their own PC
  bool publisher = true;                 // may publish
  std::vector<std::string> communities;  // may edit only these; empty: all
  std::string csrf;                      // the token every form sends back
};

// The pages, in the navigation's order.
enum class Tab { overview, import, check, changes, preview, publish, print, history, fleet, none };

struct Frame {
  std::string title;  // 导入台账
  Tab tab = Tab::none;
  std::string street;                // the site's title, in the header
  const Visitor* visitor = nullptr;  // nullptr: the login page
};

// Text for HTML: & < > " ' escaped.
std::string h(std::string_view text);

// `hgj diff`'s sections (what changed, what to reprint) as headings and lists: the 变更
// page and the import preview say them alike.
std::string sections_html(const std::vector<ReportSection>& sections);

// The hidden fields of every form that changes something: the CSRF token and the content
// version the page showed (a form posted against content that changed meanwhile is refused).
std::string form_fields(const Visitor& visitor, std::string_view content_head);

// A whole page.
std::string page_html(const Frame& frame, std::string_view body);
http::Response page_response(int status, const Frame& frame, std::string_view body);

// A page that says what went wrong and what to do (status 400, 403, 404, 409 …).
http::Response message_page(int status, const Frame& frame, std::string_view heading,
                            std::string_view text);

// The headers every answer of the workbench carries (no framing, no sniffing, no referrer
// to other sites,
// scripts and styles only from the workbench itself, nothing cached).
void add_security_headers(http::Response& response);

// The stylesheet, served at /studio.css.
std::string_view studio_css();

}  // namespace hgj::studio
