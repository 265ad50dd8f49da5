#include "site/templates/ready_rows.h"

#include <vector>

#include "site/templates/mustache_tags.h"

namespace hgj::site {

namespace {

constexpr const char* kRowPartial = "issue_row";
constexpr const char* kRowsKey = "issues";

using Tag = MustacheTag;

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_line_break(char c) { return c == '\n' || c == '\r'; }

// Whether the first and the last line of `text` each write a character other than a
// blank outside every section. ('\r' counts as a line break here, which only makes the
// lines looked at shorter than kainjow's.)
bool first_and_last_lines_write_text(const std::string& text, const std::vector<Tag>& tags) {
  bool first_line = true, first_ok = false, line_ok = false;
  int depth = 0;
  std::size_t from = 0;
  const auto literal = [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      if (is_line_break(text[i])) {
        if (first_line) first_ok = line_ok;
        first_line = false;
        line_ok = false;
      } else if (depth == 0 && !is_blank(text[i])) {
        line_ok = true;
      }
    }
  };
  for (const Tag& tag : tags) {
    literal(from, tag.begin);
    from = tag.end;
    if (tag.kind == Tag::Kind::section || tag.kind == Tag::Kind::inverted) ++depth;
    if (tag.kind == Tag::Kind::close) --depth;
  }
  literal(from, text.size());
  return (first_line ? line_ok : first_ok) && line_ok;
}

// Whether `name`, looked up inside the open `sections` of a row, is found in the row (or
// one of the row's objects those sections opened), or is the same on every page at one
// depth: `root`, the strings, the current item.
bool row_local(const std::string& name, const std::vector<std::string>& sections,
               const RowNames& names) {
  if (name == "." || name == "root" || name.starts_with("t.")) return true;
  if (name.find('.') != std::string::npos) return false;
  if (names.row.count(name)) return true;
  for (const std::string& section : sections) {
    auto nested = names.nested.find(section);
    if (nested != names.nested.end() && nested->second.count(name)) return true;
  }
  return false;
}

}  // namespace

const RowNames& issue_row_names() {
  static const RowNames names{
      {"id", "category", "category_url", "building_name", "building_url", "steward",
       "former_steward", "level", "outcome_key", "outcome_label", "private", "title", "resolution",
       "satisfaction", "reopened", "days", "steps"},
      {{"steward", {"name", "url"}}, {"steps", {"label", "date"}}}};
  return names;
}

std::optional<RowPartial> standalone_row_partial(const std::string& partial,
                                                 const RowNames& names) {
  RowPartial split{partial, {}};
  for (const char* end : {"\r\n", "\n"}) {  // kainjow's line breaks
    if (partial.ends_with(end)) {
      split.line_end = end;
      split.body.resize(partial.size() - split.line_end.size());
      break;
    }
  }
  if (partial.find(root_mark) != std::string::npos) return std::nullopt;
  const auto tags = mustache_tags(split.body);
  if (!tags) return std::nullopt;
  std::vector<std::string> sections;
  for (const Tag& tag : *tags) {
    switch (tag.kind) {
      case Tag::Kind::comment:
        break;
      case Tag::Kind::partial:
        return std::nullopt;  // one the theme lacks (an error already)
      case Tag::Kind::close:
        if (sections.empty() || sections.back() != tag.name) return std::nullopt;
        sections.pop_back();
        break;
      case Tag::Kind::section:
      case Tag::Kind::inverted:
        if (!row_local(tag.name, sections, names)) return std::nullopt;
        sections.push_back(tag.name);
        break;
      case Tag::Kind::value:
        if (!row_local(tag.name, sections, names)) return std::nullopt;
        break;
    }
  }
  if (!sections.empty() || !first_and_last_lines_write_text(split.body, *tags)) return std::nullopt;
  return split;
}

MarkedRow::MarkedRow(std::string html) : html_(std::move(html)) {
  for (std::size_t at = html_.find(root_mark); at != std::string::npos;
       at = html_.find(root_mark, at + 1))
    marks_.push_back(at);
}

std::string MarkedRow::with_root(const std::string& root) const {
  std::string out;
  out.reserve(html_.size() + marks_.size() * root.size());
  std::size_t from = 0;
  for (const std::size_t at : marks_) {
    out.append(html_, from, at - from);
    out += root;
    from = at + 1;
  }
  out.append(html_, from, std::string::npos);
  return out;
}

std::optional<std::string> with_ready_rows(const std::string& page_template,
                                           const std::string& line_end) {
  const auto tags = mustache_tags(page_template);
  if (!tags) return std::nullopt;
  std::vector<const Tag*> rows;
  std::vector<const Tag*> sections;
  int inside_rows = 0;  // how many open {{#issues}} sections
  for (const Tag& tag : *tags) {
    const bool rows_name = tag.name == kRowsKey;
    if (tag.name.starts_with(std::string(kRowsKey) + ".")) return std::nullopt;
    switch (tag.kind) {
      case Tag::Kind::comment:
        break;
      case Tag::Kind::partial:
        if (tag.name != kRowPartial) break;  // inlined already; cannot be here
        if (sections.empty() || sections.back()->kind != Tag::Kind::section ||
            sections.back()->name != kRowsKey) {
          return std::nullopt;
        }
        rows.push_back(&tag);
        break;
      case Tag::Kind::section:
      case Tag::Kind::inverted:
        if (inside_rows > 0) return std::nullopt;
        if (rows_name && tag.kind == Tag::Kind::section) ++inside_rows;
        sections.push_back(&tag);
        break;
      case Tag::Kind::close:
        if (sections.empty() || sections.back()->name != tag.name) return std::nullopt;
        if (rows_name && sections.back()->kind == Tag::Kind::section) --inside_rows;
        sections.pop_back();
        break;
      case Tag::Kind::value:
        if (inside_rows > 0 || rows_name) return std::nullopt;
        break;
    }
  }
  if (rows.empty() || !sections.empty()) return std::nullopt;
  std::string out;
  std::size_t from = 0;
  for (const Tag* tag : rows) {
    out.append(page_template, from, tag->begin - from);
    out += "{{{.}}}" + line_end;
    from = tag->end;
  }
  out.append(page_template, from, std::string::npos);
  return out;
}

}  // namespace hgj::site
