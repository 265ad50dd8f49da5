#include "site/templates/template_parts.h"

#include "site/templates/mustache_tags.h"

namespace hgj::site {

namespace {

// Whether `name`, or the first part of a dotted one, is one of `names`.
bool named(const std::string& name, const std::set<std::string>& names) {
  return names.count(name.substr(0, name.find('.'))) > 0;
}

bool reads_one_of(const MustacheTag& tag, int depth, const std::set<std::string>& names) {
  using Kind = MustacheTag::Kind;
  if (tag.kind == Kind::comment) return false;
  if (tag.kind == Kind::partial) return true;
  if (tag.name == ".") return depth == 0;  // the page itself
  return named(tag.name, names);
}

bool reads_only(const MustacheTag& tag, int depth, const std::set<std::string>& names) {
  using Kind = MustacheTag::Kind;
  if (tag.kind == Kind::comment) return true;
  if (tag.kind == Kind::partial) return false;
  if (tag.name == ".") return depth > 0;  // an item of a section that reads only them
  return named(tag.name, names);
}

}  // namespace

std::vector<TemplatePart> template_parts(const std::string& tmpl,
                                         const std::set<std::string>& varying,
                                         const std::set<std::string>& shared) {
  const std::vector<TemplatePart> whole{{tmpl, true, false}};
  const auto tags = mustache_tags(tmpl);
  if (!tags) return whole;
  std::vector<TemplatePart> parts;
  std::size_t line_start = 0;
  bool line_varies = false, line_shared = !shared.empty();
  // Closes the run of lines up to `end` and starts the next there.
  const auto cut = [&](std::size_t end) {
    if (!parts.empty() && parts.back().varies == line_varies &&
        parts.back().shared == line_shared) {
      parts.back().text.append(tmpl, line_start, end - line_start);
    } else {
      parts.push_back({tmpl.substr(line_start, end - line_start), line_varies, line_shared});
    }
    line_start = end;
    line_varies = false;
    line_shared = !shared.empty();
  };
  // The line breaks in the text between tags, at depth 0.
  const auto cut_lines = [&](std::size_t from, std::size_t to) {
    for (std::size_t at = tmpl.find('\n', from); at < to; at = tmpl.find('\n', at + 1)) cut(at + 1);
  };
  int depth = 0;
  std::size_t from = 0;
  for (const MustacheTag& tag : *tags) {
    if (depth == 0) cut_lines(from, tag.begin);
    line_varies = line_varies || reads_one_of(tag, depth, varying);
    line_shared = line_shared && reads_only(tag, depth, shared);
    if (tag.kind == MustacheTag::Kind::section || tag.kind == MustacheTag::Kind::inverted) ++depth;
    if (tag.kind == MustacheTag::Kind::close && --depth < 0) return whole;
    from = tag.end;
  }
  if (depth != 0) return whole;
  cut_lines(from, tmpl.size());
  if (line_start < tmpl.size() || parts.empty()) cut(tmpl.size());
  return parts;
}

}  // namespace hgj::site
