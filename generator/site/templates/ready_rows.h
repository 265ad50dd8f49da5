// Issue rows rendered once, not once per page. An issue is a row on its building's
// history, its steward's page, its category page and its community's monthly log, each
// also in the elder/ copy: eight renders of the same HTML. When the theme's issue_row
// partial can see nothing but the row, `root` and the strings (t.*), a row's HTML depends
// only on the issue and the page's `root`, so PageRenderer renders it once with
// root_mark for `root` and each page puts its own `root` where the mark stands; the page
// templates take the rows ready-made: {{> issue_row}} inside {{#issues}} becomes {{{.}}}.
// Whatever these checks cannot prove keeps the partial inlined, as every theme had it.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace hgj::site {

// What a row is rendered with for `root`. Escaping leaves it as it is, and a row is only
// shared when nothing else in it (content, strings, the partial) holds this character.
inline constexpr char root_mark = '\x01';

// The names a row always has (issue_row() sets each on every row), and those of its
// nested objects by the key that holds them ("steward" → name, url).
struct RowNames {
  std::set<std::string> row;
  std::map<std::string, std::set<std::string>> nested;
};

// The issue_row partial as a row is rendered alone: `body` once per row, `line_end` its
// last line break, which stays in the page template so the page's next line starts
// afresh, as when the partial is inlined.
struct RowPartial {
  std::string body, line_end;
};

// The names issue_row() (page_data.h) sets on every row; ready_rows_test.cpp holds it to
// them. A theme's issue_row partial that reads no others can be rendered once per issue.
const RowNames& issue_row_names();

// `partial` (issue_row, its own partials inlined) split as above when it renders the same
// alone as inside a page: default delimiters, no root_mark, every name it looks up is one
// of `names` where it stands, `root`, `t.*` or `.`, and its first and last lines write
// text outside any section (kainjow drops a line that renders to blanks after a section
// tag, and inside a page a row's first and last lines share their line with the page's
// text). Else nullopt.
std::optional<RowPartial> standalone_row_partial(const std::string& partial, const RowNames& names);

// A row rendered with root_mark for `root`, and where each mark stands, found once: a
// row is put on four pages and their elder/ copies, and looking for the marks in each was
// a few per cent of a city's build.
class MarkedRow {
 public:
  explicit MarkedRow(std::string html);
  const std::string& html() const { return html_; }
  // The row with each root_mark replaced by `root`.
  std::string with_root(const std::string& root) const;

 private:
  std::string html_;
  std::vector<std::size_t> marks_;  // offsets into html_, in order
};

// `page_template` (other partials inlined, {{> issue_row}} left as a tag) with each
// {{> issue_row}} replaced by {{{.}}} and `line_end`, or nullopt when the template has
// none, or uses `issues` in any other way: a tag inside {{#issues}} besides the partial
// and comments, the partial outside it, `issues` as a value or a dotted name.
std::optional<std::string> with_ready_rows(const std::string& page_template,
                                           const std::string& line_end);

}  // namespace hgj::site
