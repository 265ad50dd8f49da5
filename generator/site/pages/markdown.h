// Markdown to HTML for the site: CommonMark via cmark, raw HTML and unsafe links
// (javascript:, vbscript:, file:, data: other than images) removed, no smart
// punctuation (it would turn Chinese quotes into the wrong forms).
#pragma once

#include <string>
#include <string_view>

namespace hgj::site {

// Safe HTML for a Markdown body; the one raw insertion templates make ({{{body_html}}}).
std::string markdown_to_html(std::string_view markdown);

// The body as plain text (for feeds, calendars and descriptions): Markdown rendered
// and stripped of markup, whitespace runs collapsed.
std::string markdown_to_text(std::string_view markdown);

}  // namespace hgj::site
