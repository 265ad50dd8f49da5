// Control characters in what the loader reads (C0 but TAB, LF and CR; DEL; C1), removed
// with a warning per line. Word leaves U+000B for a line break inside a cell and pasted
// text brings U+0001 and the like; they are invisible to staff, make XML feeds (Atom)
// invalid and go raw into iCalendar. Removed rather than replaced: Chinese text has no
// spaces to keep words apart, an id stays an id, and U+FFFD would print as a visible �.
#pragma once

#include <toml++/toml.h>

#include <map>
#include <set>
#include <string>

#include "hgj/diagnostics.h"

namespace hgj {

class ControlCharacters {
 public:
  // Removes them from `text`, whose first line is line `first_line` of the file. CSV
  // ends a line at a lone CR as well (csv.h); Markdown and TOML only at LF.
  void remove(std::string& text, int first_line, bool lone_cr_ends_line);
  // Removes them from every string in `table` (TOML escapes such as "\u000B" make them
  // after parsing); `first_line` is the file line of the table's first line.
  void remove(toml::table& table, int first_line);

  // One warning per line, naming the characters: "invisible control character U+000B
  // removed". Clears what was found.
  void report(const std::string& path, DiagnosticSink& sink);

 private:
  void remove_in_node(toml::node& node, int first_line);

  std::map<int, std::set<char32_t>> found_;  // by line
};

}  // namespace hgj
