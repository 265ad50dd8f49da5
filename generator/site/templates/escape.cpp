#include "site/templates/escape.h"

namespace hgj::site {

namespace {

// The first of & < > " ' in text[from…], or npos. (string_view::find_first_of calls
// memchr on the five characters for every character of the text.)
std::size_t next_special(std::string_view text, std::size_t from) {
  for (std::size_t i = from; i < text.size(); ++i) {
    switch (text[i]) {
      case '&':
      case '<':
      case '>':
      case '"':
      case '\'':
        return i;
      default:
        break;
    }
  }
  return std::string_view::npos;
}

// Runs of plain text are copied at once: escaping every value of every page is on the
// site build's hot path.
std::string escape(std::string_view text, std::string_view apostrophe) {
  std::size_t at = next_special(text, 0);
  std::string out;
  out.reserve(text.size() + (at == std::string_view::npos ? 0 : 16));
  std::size_t from = 0;
  for (; at != std::string_view::npos; at = next_special(text, from)) {
    out.append(text, from, at - from);
    switch (text[at]) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += apostrophe;
        break;
    }
    from = at + 1;
  }
  out.append(text, from, std::string_view::npos);
  return out;
}

}  // namespace

std::string xml_escape(std::string_view text) { return escape(text, "&#39;"); }

std::string mustache_escape(std::string_view text) { return escape(text, "&apos;"); }

}  // namespace hgj::site
