// CSV as Excel and WPS write it (RFC 4180), read leniently the way Excel reads it:
// a stray quote inside an unquoted field is text, not an error.
#include <algorithm>

#include "hgj/csv.h"
#include "hgj/language.h"

namespace hgj {
namespace {

bool is_line_end(char c) { return c == '\n' || c == '\r'; }

// True for ASCII whitespace and U+3000, the ideographic space that Chinese input
// methods produce when a cell only looks empty.
bool only_whitespace(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
      ++i;
    } else if (s.substr(i, 3) == "\xE3\x80\x80") {
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

// The text split at LF, CRLF or a lone CR; a final terminator opens no extra line.
std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_line_end(text[i])) continue;
    lines.emplace_back(text.substr(start, i - start));
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < text.size()) lines.emplace_back(text.substr(start));
  return lines;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  CsvTable run() {
    table_.lines = split_lines(text_);
    table_.rows.reserve(table_.lines.size());
    std::size_t width = 0;
    while (pos_ < text_.size()) {
      CsvRow row;
      row.cells.reserve(width);
      if (!parse_row(row)) break;  // unclosed quote: the rest is one broken field
      width = std::max(width, row.cells.size());
      table_.rows.push_back(std::move(row));
    }
    return std::move(table_);
  }

 private:
  // Reads one row including its line terminator; false on an unclosed quote.
  bool parse_row(CsvRow& row) {
    row.line = line_;
    while (true) {
      CsvCell& cell = row.cells.emplace_back();
      cell.line = line_;
      cell.offset = static_cast<int>(pos_ - line_start_);
      const int field = static_cast<int>(row.cells.size());
      if (at('"') && !parse_quoted(cell, field)) return false;
      append_plain(cell.value);
      if (at(',')) {
        ++pos_;
        continue;
      }
      row.end_line = line_;
      skip_newline();
      return true;
    }
  }

  // Appends text up to the next comma or line end; quotes in it are literal.
  void append_plain(std::string& value) {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ',' && !is_line_end(text_[pos_])) ++pos_;
    value.append(text_.data() + start, pos_ - start);
  }

  // Reads a quoted field starting at the opening quote. Newlines inside it become
  // LF whatever the file uses, so values do not depend on the platform that wrote it.
  bool parse_quoted(CsvCell& cell, int field) {
    ++pos_;
    while (true) {
      const std::size_t start = pos_;
      while (pos_ < text_.size() && text_[pos_] != '"' && !is_line_end(text_[pos_])) ++pos_;
      cell.value.append(text_.data() + start, pos_ - start);
      if (pos_ >= text_.size()) {
        problem(cell.line, field,
                say("引号没有配对：从这里开始的格子一直没有结束，请补上右边的英文引号 \"",
                    "unclosed quote: the field starting here never ends"));
        return false;
      }
      if (is_line_end(text_[pos_])) {
        cell.value += '\n';
        skip_newline();
      } else if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
        cell.value += '"';
        pos_ += 2;
      } else {
        ++pos_;
        break;
      }
    }
    if (pos_ < text_.size() && text_[pos_] != ',' && !is_line_end(text_[pos_]))
      problem(cell.line, field,
              say("右引号后面还有文字：请把整个格子放在一对引号里",
                  "unexpected text after a closing quote"));
    return true;
  }

  // Consumes LF, CRLF or a lone CR if one is next, and moves to the next line.
  void skip_newline() {
    if (pos_ >= text_.size() || !is_line_end(text_[pos_])) return;
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
    line_start_ = pos_;
  }

  bool at(char c) const { return pos_ < text_.size() && text_[pos_] == c; }

  void problem(int line, int column, std::string message) {
    table_.problems.push_back(CsvProblem{line, column, std::move(message)});
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
  CsvTable table_;
};

}  // namespace

bool CsvRow::blank() const {
  return std::all_of(cells.begin(), cells.end(),
                     [](const CsvCell& c) { return only_whitespace(c.value); });
}

CsvTable parse_csv(std::string_view text) { return Parser(text).run(); }

}  // namespace hgj
