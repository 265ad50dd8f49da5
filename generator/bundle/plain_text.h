// Markdown bodies as plain text for the lobby screen, which lays text out itself.
#pragma once

#include <string>
#include <string_view>

namespace hgj {

// Paragraphs and headings separated by "\n\n", list items as "• item" lines, hard
// breaks as "\n"; inline markup, raw HTML and link targets dropped. A soft line break
// becomes a space only between two ASCII characters, so Chinese wrapped in the source
// reads on unbroken. Whitespace runs collapse to one space.
std::string markdown_plain_text(std::string_view markdown);

}  // namespace hgj
