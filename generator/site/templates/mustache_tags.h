// The tags of a Mustache template as kainjow reads them with the default delimiters,
// for the analyses that decide what can be rendered once (ready_rows.h,
// template_parts.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace hgj::site {

struct MustacheTag {
  enum class Kind { value, section, inverted, close, partial, comment } kind;
  std::string name;                // without its sigil ({{&name}} is a value written raw)
  bool raw = false;                // a value written as it is: {{{name}}} or {{&name}}
  std::size_t begin = 0, end = 0;  // the whole tag
};

// Every tag in order; nullopt for an unclosed tag or a delimiter change (then names
// cannot be read with {{ }}).
std::optional<std::vector<MustacheTag>> mustache_tags(const std::string& text);

}  // namespace hgj::site
