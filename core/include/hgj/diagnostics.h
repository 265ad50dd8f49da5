// Diagnostics: every problem found in content, collected in one sink so a single run
// reports all of them. Printed in the run's language (language.h) as
//   content/stewards.csv:7:3: 错误：电话“1380000”不是有效的电话号码……
//   content/stewards.csv:7:3: error: 电话 "1380000" is not a valid phone number
// followed by the source line and a caret when the loader supplied one.
//
// Root cause first: a problem that makes others unavoidable (a table whose 编号 column is
// missing, so nothing can refer to its rows) is marked as a cause; what it causes is
// folded into it as a count (DiagnosticSink::fold) and printed as one line under it, and
// a cause that folded something is printed before everything else.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hgj {

// A place in a content file. line and column are 1-based; 0 means unknown. For CSV the
// column is the field number (1 = first column), for TOML and Markdown the character.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

enum class Severity { warning, error };

struct Diagnostic {
  SourceLocation where;
  Severity severity = Severity::error;
  std::string message;
  // The offending source line with private and unknown values already masked, and the
  // display column (0-based, in terminal cells) the caret points at. Empty: no excerpt.
  std::string excerpt;
  int caret = -1;
  // What this problem is the root cause of (a key such as "collection:buildings"), and how
  // many follow-on problems were folded into it instead of being reported one by one.
  std::string cause;
  std::size_t folded = 0;
};

// Collects diagnostics; safe to add to from several threads.
class DiagnosticSink {
 public:
  void add(Diagnostic d);
  void error(const SourceLocation& where, std::string message);
  void warning(const SourceLocation& where, std::string message);

  // Marks the first error reported for `file` (or a sheet of it, file[sheet]) as the
  // root cause `cause`; false when there is none.
  bool mark_cause(std::string_view file, const std::string& cause);
  // Whether a diagnostic is marked `cause` (one added with Diagnostic::cause set, or
  // by mark_cause).
  bool is_cause(std::string_view cause) const;
  // Counts one follow-on problem against the diagnostic marked `cause` instead of
  // reporting it; false (report it yourself) when no diagnostic is marked so.
  bool fold(std::string_view cause);

  std::size_t error_count() const;
  std::size_t warning_count() const;
  // Diagnostics in a stable order: causes that folded follow-ons first, then by file,
  // line, column, then insertion.
  std::vector<Diagnostic> sorted() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Diagnostic> items_;
  std::unordered_map<std::string, std::size_t> causes_;  // cause → index in items_
};

// The cause key of a problem with one cell or field (a workbook cell whose value could not
// be read): what that value's absence causes is not reported again.
std::string cell_cause(const SourceLocation& where);

// "file:line:col: 错误：message" (English: "file:line:col: error: message") — the first
// line of a printed diagnostic.
std::string format_heading(const Diagnostic& d);
// The heading plus, when there is an excerpt, the source line and a caret line, and the
// line counting what was folded into it.
std::string format_diagnostic(const Diagnostic& d);
void print_diagnostics(std::ostream& out, const DiagnosticSink& sink);

// Width of UTF-8 text in terminal cells (CJK and full-width characters count 2).
int display_width(std::string_view utf8);

}  // namespace hgj
