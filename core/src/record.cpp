#include "hgj/record.h"

#include <algorithm>

#include "hgj/language.h"

namespace hgj {

const FieldValue* Record::get(std::string_view key) const {
  for (const auto& [name, value] : fields) {
    if (name == key) return &value;
  }
  return nullptr;
}

void Record::set(std::string_view key, FieldValue value) {
  for (auto& [name, existing] : fields) {
    if (name == key) {
      existing = std::move(value);
      return;
    }
  }
  fields.emplace_back(key, std::move(value));
}

std::string Record::label(const FieldSpec& field) const {
  std::string written;
  if (const FieldValue* value = get(field.key)) written = value->label;
  const bool chinese = current_language() == Language::zh;
  if (written.empty()) {
    return (chinese || chinese_labels) && !field.labels.empty() ? field.labels.front() : field.key;
  }
  // A Chinese message names the field as staff know it, the key written beside it:
  // 电话(phone).
  const bool ascii = std::all_of(written.begin(), written.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (chinese && ascii && !field.labels.empty()) return field.labels.front() + "(" + written + ")";
  return written;
}

namespace {

// The CSV line with every hidden cell's text replaced, and the caret's display column.
std::pair<std::string, int> masked_csv_line(const SourceText& source,
                                            const std::vector<std::pair<int, int>>& cells, int line,
                                            int column) {
  const std::string& text = source.lines[static_cast<std::size_t>(line - 1)];
  auto hidden = [&](std::size_t field) {
    return field < source.hidden_columns.size() && source.hidden_columns[field];
  };
  std::string out;
  int caret = -1;
  std::size_t pos = 0;
  // A quoted cell that began on an earlier line may continue at the start of this one.
  std::size_t first_here = cells.size();
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (cells[i].first == line) {
      first_here = i;
      break;
    }
  }
  for (std::size_t i = first_here; i <= cells.size(); ++i) {
    const bool on_line = i < cells.size() && cells[i].first == line;
    const std::size_t end = on_line ? static_cast<std::size_t>(cells[i].second) : text.size();
    if (end > pos) {
      // Text from pos to end belongs to the cell before i (or the separator after it).
      std::string_view piece(text.data() + pos, end - pos);
      const bool separator = on_line && piece.back() == ',';
      std::string_view content = separator ? piece.substr(0, piece.size() - 1) : piece;
      if (i > 0 && hidden(i - 1) && !content.empty()) {
        out += separator ? "***," : "***";
      } else {
        out += piece;
      }
      pos = end;
    }
    if (!on_line) break;
    if (static_cast<int>(i) + 1 == column) caret = display_width(out);
  }
  return {out, caret};
}

}  // namespace

Diagnostic Record::diagnostic(const SourceLocation& at, Severity severity,
                              std::string message) const {
  Diagnostic d{at, severity, std::move(message), {}, -1, {}, 0};
  if (!source || at.line < 1 || at.line > static_cast<int>(source->lines.size())) return d;
  if (from_csv) {
    auto [line, caret] = masked_csv_line(*source, cell_starts, at.line, at.column);
    d.excerpt = std::move(line);
    d.caret = caret;
    return d;
  }
  // A Markdown file's own errors (no column) point at the file, not at a line of it.
  if (at.column == 0 ||
      std::binary_search(source->hidden_lines.begin(), source->hidden_lines.end(), at.line)) {
    return d;
  }
  const std::string& text = source->lines[static_cast<std::size_t>(at.line - 1)];
  d.excerpt = text;
  if (at.column > 0) {
    const std::size_t bytes = std::min(text.size(), static_cast<std::size_t>(at.column - 1));
    d.caret = display_width(std::string_view(text).substr(0, bytes));
  }
  return d;
}

}  // namespace hgj
