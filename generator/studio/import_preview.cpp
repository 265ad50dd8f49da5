#include "studio/import_preview.h"

#include <algorithm>

#include "clock.h"
#include "diff/content_diff.h"
#include "diff/file_digests.h"
#include "diff/reprint.h"
#include "hgj/language.h"
#include "hgj/loader.h"
#include "hgj/schema.h"
#include "hgj/values.h"

namespace hgj::studio {

namespace fs = std::filesystem;

namespace {

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// Names in diagnostics of the staged copy, made relative to the content folder: the
// staging path is the workbench's business, 台账.xlsx[红管家] is the staff's.
class Relative {
 public:
  explicit Relative(const fs::path& staged)
      : prefix_(staged.lexically_normal().generic_string() + "/") {}

  std::string path(const std::string& file) const {
    return file.starts_with(prefix_) ? file.substr(prefix_.size()) : file;
  }
  ImportProblem problem(Diagnostic d) const {
    d.where.file = path(d.where.file);
    replace_all(d.message, prefix_, "");
    replace_all(d.excerpt, prefix_, "");
    ImportProblem p{d, format_heading(d), format_diagnostic(d)};
    return p;
  }

 private:
  std::string prefix_;
};

// The field a header names, as the loader maps it (record_csv.cpp): the folder's
// [columns] first, then the spec's keys and labels.
const FieldSpec* header_field(const CollectionSpec& spec, const ColumnMap& columns,
                              const std::string& name) {
  if (auto it = columns.find(name); it != columns.end()) {
    for (const FieldSpec& f : spec.fields) {
      if (f.key == it->second) return &f;
    }
  }
  return spec.find(name);
}

PreviewTable preview_table(const LedgerTable& table, const Relative& relative,
                           const std::vector<ImportProblem>& problems) {
  PreviewTable out;
  out.collection = table.collection;
  out.path = relative.path(table.path);
  const std::vector<CsvRow>& rows = table.rows.rows;
  if (rows.empty()) return out;
  const CollectionSpec& spec = collection_spec(table.collection);
  std::vector<const FieldSpec*> named;
  for (const CsvCell& cell : rows.front().cells) {
    const std::string header(trim(cell.value));  // as the loader trims a header
    out.header.push_back(header);
    const FieldSpec* field = header.empty() ? nullptr : header_field(spec, table.columns, header);
    named.push_back(field);
    out.private_columns.push_back(field == nullptr && is_private_field(header));
  }
  for (std::size_t c = 0; c < out.header.size(); ++c) {
    if (named[c] != nullptr || out.header[c].empty() || out.private_columns[c]) continue;
    UnknownColumn unknown{out.header[c], static_cast<int>(c) + 1, {}};
    for (const FieldSpec& f : spec.fields) {
      if (std::find(named.begin(), named.end(), &f) == named.end())
        unknown.choices.push_back({f.key, f.labels.empty() ? f.key : f.labels.front()});
    }
    out.unknown_columns.push_back(std::move(unknown));
  }
  std::vector<int> end_lines;  // of each preview row: a CSV row may span lines
  for (std::size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].blank()) continue;
    PreviewRow row;
    row.line = rows[r].line;
    for (std::size_t c = 0; c < rows[r].cells.size(); ++c) {
      const bool hidden = c < out.private_columns.size() && out.private_columns[c];
      row.cells.push_back(hidden ? std::string() : rows[r].cells[c].value);
    }
    out.rows.push_back(std::move(row));
    end_lines.push_back(std::max(rows[r].line, rows[r].end_line));
  }
  for (const ImportProblem& p : problems) {
    const SourceLocation& at = p.diagnostic.where;
    if (at.file != out.path) continue;
    std::size_t r = 0;
    while (r < out.rows.size() && !(at.line >= out.rows[r].line && at.line <= end_lines[r])) ++r;
    (r < out.rows.size() ? out.rows[r].problems : out.problems).push_back(p);
  }
  return out;
}

bool in_target(const std::string& path, const std::string& target) {
  return path == target || (path.starts_with(target + "[") && path.ends_with("]"));
}

}  // namespace

void fill_preview(ImportPreview& preview, const fs::path& content_dir, const fs::path& staged) {
  Instant now = 0;
  try {
    now = build_time();
  } catch (const BadSourceDateEpoch& e) {
    throw ImportError(e.what());
  }
  DiagnosticSink before_sink, after_sink;
  const LoadResult before = load_content(content_dir.string(), before_sink);
  const LoadResult after = load_content(staged.string(), after_sink);
  preview.errors_before = before_sink.error_count();
  preview.warnings_before = before_sink.warning_count();
  preview.errors = after_sink.error_count();
  preview.warnings = after_sink.warning_count();
  const Relative relative(staged);
  preview.problems.clear();
  for (Diagnostic& d : after_sink.sorted())
    preview.problems.push_back(relative.problem(std::move(d)));

  DiagnosticSink ignored;  // reading problems are in after_sink already
  LedgerTables tables = read_ledger_tables(staged.string(), ignored);
  preview.tables.clear();
  for (const LedgerTable& table : tables.tables) {
    if (in_target(relative.path(table.path), preview.target))
      preview.tables.push_back(preview_table(table, relative, preview.problems));
  }

  FileDigests digests;
  const ContentDiff diff = diff_content(before.content, after.content);
  const Reprint reprint = reprint_list(before.content, after.content, now, digests);
  preview.changes = change_sections(diff);
  preview.reprint = reprint_sections(reprint);
  preview.kiosk_changed = reprint.kiosk_changed();
}

}  // namespace hgj::studio
