#include "site/templates/mustache_tags.h"

#include <string_view>
#include <utility>

namespace hgj::site {

namespace {

std::string trimmed(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1));
}

// The first character of a tag's contents and the kind of tag it makes; `=` changes the
// delimiters, `&` marks a value written raw, anything else starts a value's name.
constexpr std::pair<char, MustacheTag::Kind> kSigils[] = {{'#', MustacheTag::Kind::section},
                                                          {'^', MustacheTag::Kind::inverted},
                                                          {'/', MustacheTag::Kind::close},
                                                          {'>', MustacheTag::Kind::partial},
                                                          {'!', MustacheTag::Kind::comment}};

}  // namespace

std::optional<std::vector<MustacheTag>> mustache_tags(const std::string& text) {
  using Kind = MustacheTag::Kind;
  std::vector<MustacheTag> tags;
  for (std::size_t at = text.find("{{"); at != std::string::npos; at = text.find("{{", at)) {
    const bool triple = at + 2 < text.size() && text[at + 2] == '{';
    const std::size_t open = at + (triple ? 3 : 2);
    const std::size_t close = text.find(triple ? "}}}" : "}}", open);
    if (close == std::string::npos) return std::nullopt;
    MustacheTag tag;
    tag.begin = at;
    tag.end = close + (triple ? 3 : 2);
    std::string inner = trimmed(std::string_view(text).substr(open, close - open));
    tag.kind = Kind::value;
    tag.raw = triple || (!inner.empty() && inner[0] == '&');
    if (!triple && !inner.empty()) {
      if (inner[0] == '=') return std::nullopt;
      for (const auto& [sigil, kind] : kSigils) {
        if (inner[0] == sigil) tag.kind = kind;
      }
      if (tag.kind != Kind::value || inner[0] == '&')
        inner = trimmed(std::string_view(inner).substr(1));
    }
    tag.name = std::move(inner);
    at = tag.end;
    tags.push_back(std::move(tag));
  }
  return tags;
}

}  // namespace hgj::site
