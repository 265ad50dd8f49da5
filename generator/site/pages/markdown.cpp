#include "site/pages/markdown.h"

#include <cmark.h>

#include <cstdlib>
#include <memory>

namespace hgj::site {

namespace {

// cmark 0.29+ is safe unless CMARK_OPT_UNSAFE is given; CMARK_OPT_SAFE keeps older
// versions safe too. CMARK_OPT_SMART stays off.
constexpr int kOptions = CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8;

struct FreeDeleter {
  void operator()(char* p) const { std::free(p); }
};

}  // namespace

std::string markdown_to_html(std::string_view markdown) {
  std::unique_ptr<char, FreeDeleter> html(
      cmark_markdown_to_html(markdown.data(), markdown.size(), kOptions));
  return html ? std::string(html.get()) : std::string();
}

std::string markdown_to_text(std::string_view markdown) {
  cmark_node* doc = cmark_parse_document(markdown.data(), markdown.size(), kOptions);
  cmark_iter* iter = cmark_iter_new(doc);
  std::string out;
  bool space = false;
  const auto append = [&](const char* text) {
    for (const char* p = text; p && *p; ++p) {
      if (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') {
        space = !out.empty();
        continue;
      }
      if (space) out += ' ';
      space = false;
      out += *p;
    }
  };
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    const cmark_node_type type = cmark_node_get_type(node);
    if (ev == CMARK_EVENT_ENTER &&
        (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK)) {
      append(cmark_node_get_literal(node));
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK ||
               (ev == CMARK_EVENT_EXIT && type >= CMARK_NODE_FIRST_BLOCK &&
                type <= CMARK_NODE_LAST_BLOCK)) {
      space = !out.empty();
    }
  }
  cmark_iter_free(iter);
  cmark_node_free(doc);
  return out;
}

}  // namespace hgj::site
