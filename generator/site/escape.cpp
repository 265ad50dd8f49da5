#include "site/escape.h"

namespace hgj::site {

namespace {

// Runs of plain text are copied at once: escaping every value of every page is on the
// site build's hot path.
std::string escape(std::string_view text, std::string_view apostrophe) {
  static constexpr std::string_view special = "&<>\"'";
  std::size_t at = text.find_first_of(special);
  std::string out;
  out.reserve(text.size() + (at == std::string_view::npos ? 0 : 16));
  std::size_t from = 0;
  for (; at != std::string_view::npos; at = text.find_first_of(special, from)) {
    out.append(text, from, at - from);
    switch (text[at]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += apostrophe; break;
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
