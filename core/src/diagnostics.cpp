#include "hgj/diagnostics.h"

#include <algorithm>
#include <ostream>
#include <tuple>

#include "hgj/language.h"
#include "hgj/xlsx_values.h"

namespace hgj {

void DiagnosticSink::add(Diagnostic d) {
  std::lock_guard lock(mutex_);
  if (!d.cause.empty()) causes_.emplace(d.cause, items_.size());
  items_.push_back(std::move(d));
}

bool DiagnosticSink::is_cause(std::string_view cause) const {
  std::lock_guard lock(mutex_);
  return causes_.count(std::string(cause)) != 0;
}

std::string cell_cause(const SourceLocation& where) {
  return "cell:" + where.file + ":" + std::to_string(where.line) + ":" +
         std::to_string(where.column);
}

void DiagnosticSink::error(const SourceLocation& where, std::string message) {
  add(Diagnostic{where, Severity::error, std::move(message), {}, -1, {}, 0});
}

void DiagnosticSink::warning(const SourceLocation& where, std::string message) {
  add(Diagnostic{where, Severity::warning, std::move(message), {}, -1, {}, 0});
}

bool DiagnosticSink::mark_cause(std::string_view file, const std::string& cause) {
  std::lock_guard lock(mutex_);
  if (causes_.count(cause) != 0) return true;
  for (std::size_t i = 0; i < items_.size(); ++i) {
    Diagnostic& d = items_[i];
    const std::string_view at = d.where.file;
    const bool same =
        at == file || (at.starts_with(file) && at.substr(file.size()).starts_with('['));
    if (same && d.severity == Severity::error) {
      d.cause = cause;
      causes_.emplace(cause, i);
      return true;
    }
  }
  return false;
}

bool DiagnosticSink::fold(std::string_view cause) {
  std::lock_guard lock(mutex_);
  const auto it = causes_.find(std::string(cause));
  if (it == causes_.end()) return false;
  ++items_[it->second].folded;
  return true;
}

std::size_t DiagnosticSink::error_count() const {
  std::lock_guard lock(mutex_);
  return std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::size_t DiagnosticSink::warning_count() const {
  std::lock_guard lock(mutex_);
  return std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::warning; });
}

std::vector<Diagnostic> DiagnosticSink::sorted() const {
  std::vector<Diagnostic> out;
  {
    std::lock_guard lock(mutex_);
    out = items_;
  }
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const bool a_follows = a.folded == 0, b_follows = b.folded == 0;
    return std::tie(a_follows, a.where.file, a.where.line, a.where.column) <
           std::tie(b_follows, b.where.file, b.where.line, b.where.column);
  });
  return out;
}

std::string format_heading(const Diagnostic& d) {
  std::string out = d.where.file;
  if (d.where.file.ends_with(']') && d.where.line > 0) {
    // A workbook sheet (xlsx.h): the cell as Excel names it, stewards.xlsx[红管家]!C7, or
    // the row alone, !7.
    out += '!' + column_letters(d.where.column) + std::to_string(d.where.line);
  } else if (d.where.line > 0) {
    out += ':' + std::to_string(d.where.line);
    if (d.where.column > 0) out += ':' + std::to_string(d.where.column);
  }
  out +=
      d.severity == Severity::error ? say(": 错误：", ": error: ") : say(": 警告：", ": warning: ");
  out += d.message;
  return out;
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = format_heading(d);
  if (!d.excerpt.empty()) {
    out += "\n    " + d.excerpt;
    if (d.caret >= 0) out += "\n    " + std::string(static_cast<std::size_t>(d.caret), ' ') + '^';
  }
  if (d.folded > 0) {
    const std::string n = std::to_string(d.folded);
    out += "\n    " + say("另有 " + n + " 处引用因此无法核对，改好上面这一处后再运行一次",
                          n + (d.folded == 1 ? " more reference" : " more references") +
                              " could not be checked because of this; fix it and run again");
  }
  return out;
}

void print_diagnostics(std::ostream& out, const DiagnosticSink& sink) {
  for (const Diagnostic& d : sink.sorted()) out << format_diagnostic(d) << '\n';
}

namespace {

// Decodes one UTF-8 code point at text[i], advancing i; malformed bytes count as one.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  int length = byte < 0x80         ? 1
               : byte >> 5 == 0x6  ? 2
               : byte >> 4 == 0xE  ? 3
               : byte >> 3 == 0x1E ? 4
                                   : 1;
  if (i + length > text.size()) length = 1;
  char32_t cp = length == 1 ? byte : byte & (0x3F >> (length - 1));
  for (int k = 1; k < length; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  i += length;
  return cp;
}

// East Asian Wide and Fullwidth ranges that matter for Chinese content.
bool is_wide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
         (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

}  // namespace

int display_width(std::string_view utf8) {
  int width = 0;
  for (std::size_t i = 0; i < utf8.size();) width += is_wide(next_code_point(utf8, i)) ? 2 : 1;
  return width;
}

}  // namespace hgj
