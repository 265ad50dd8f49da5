#include "site/templates/inlined_strings.h"

#include "site/templates/escape.h"
#include "site/templates/mustache_tags.h"

namespace hgj::site {

std::string with_strings_inlined(const std::string& text,
                                 const std::map<std::string, std::string>& strings) {
  // A string named t would be found first inside {{#t}}…{{/t}}.
  if (strings.count("t") != 0) return text;
  const auto tags = mustache_tags(text);
  if (!tags) return text;
  std::string out;
  out.reserve(text.size());
  std::size_t from = 0;
  for (const MustacheTag& tag : *tags) {
    // t.a.b would be looked up as t → a → b, not as a key "a.b".
    if (tag.kind != MustacheTag::Kind::value || !tag.name.starts_with("t.") ||
        tag.name.find('.', 2) != std::string::npos)
      continue;
    const auto found = strings.find(tag.name.substr(2));
    if (found == strings.end() || found->second.find("{{") != std::string::npos) continue;
    out.append(text, from, tag.begin - from);
    out += tag.raw ? found->second : mustache_escape(found->second);
    from = tag.end;
  }
  out.append(text, from, std::string::npos);
  return out;
}

}  // namespace hgj::site
