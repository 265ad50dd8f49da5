// A record is one entity as read from a source, before it is typed: a CSV row or the
// front matter of a Markdown file, mapped onto a collection's fields. Private and
// unknown fields are already gone (unknown ones reported), and excerpts of the source
// mask them, so no diagnostic can print a private value.
#pragma once

#include <toml++/toml.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hgj/csv.h"
#include "hgj/diagnostics.h"
#include "hgj/model.h"
#include "hgj/schema.h"

namespace hgj {

struct FieldValue {
  std::string_view label;  // as written (a CSV header or TOML key); owned by the source
  std::string text;        // scalar text; TOML numbers, booleans and dates as written in CSV
  std::vector<std::string> items;  // a TOML array's strings
  bool is_array = false;
  int line = 0;  // where the value is; the file is the record's
  int column = 0;
};

// The lines of a source file, with what excerpts must hide, and the CSV header labels
// the records' fields point into.
struct SourceText {
  std::vector<std::string> lines;
  std::vector<bool> hidden_columns;  // CSV: by field number - 1
  std::vector<int> hidden_lines;     // TOML: lines of private or unknown keys (sorted)
  std::vector<std::string> labels;   // CSV: the header, trimmed
};

struct Record {
  SourceLocation where;  // the CSV row's first line, or the Markdown file's line 1
  bool from_csv = false;
  bool chinese_labels = false;  // the CSV header used Chinese labels
  bool broken = false;          // already reported (e.g. a ragged row): only its id is used
  // Public known fields only, by English key (the spec's, so views stay valid). A flat
  // list: records have a dozen fields and there may be a hundred thousand records.
  std::vector<std::pair<std::string_view, FieldValue>> fields;
  Markdown body;
  std::shared_ptr<const toml::table> table;  // Markdown only, for nested values
  std::shared_ptr<const SourceText> source;
  std::vector<std::pair<int, int>> cell_starts;  // CSV: (line, byte offset) per field
  // TOML: top-level keys found inside a [table] instead (already reported), which a
  // missing-field message would only repeat.
  std::vector<std::string> misplaced;

  const FieldValue* get(std::string_view key) const;
  void set(std::string_view key, FieldValue value);
  SourceLocation location(const FieldValue& value) const {
    return {where.file, value.line, value.column};
  }
  // The label messages use for a field: as written, else the spec's in the source's
  // language (Chinese label for a Chinese-headed CSV, the English key otherwise).
  std::string label(const FieldSpec& field) const;
  // A diagnostic at `where` with a masked excerpt of the source line.
  Diagnostic diagnostic(const SourceLocation& where, Severity severity, std::string message) const;
};

// A CSV file decoded (encoding.h) and split into rows, its problems reported: the part
// of reading a table that needs no collection, so the loader does it ahead. No rows when
// the file could not be decoded.
CsvTable csv_table(const std::string& path, std::string_view bytes, DiagnosticSink& sink);

// Calls `take` with each record of one CSV table, in order. Blank rows, empty trailing
// columns, unknown and private columns are handled here. `bytes` is the file as read.
// A folder's own headers for a collection, from site.toml's [columns.<collection>]:
// header as written → field key ("联系人姓名" → "name"). Looked up before the labels, so
// a platform export loads with its headers unchanged.
using ColumnMap = std::map<std::string, std::string, std::less<>>;

// `columns`: the folder's own headers for this collection (site.toml), or nullptr.
void read_csv_records(const CollectionSpec& spec, const std::string& path, CsvTable table,
                      DiagnosticSink& sink, const std::function<void(Record&&)>& take,
                      const ColumnMap* columns = nullptr);
void read_csv_records(const CollectionSpec& spec, const std::string& path, std::string_view bytes,
                      DiagnosticSink& sink, const std::function<void(Record&&)>& take);

// The record of one Markdown file with TOML front matter; nullopt (with diagnostics)
// when the file cannot be read as one.
std::optional<Record> record_from_markdown(const CollectionSpec& spec, const std::string& path,
                                           std::string_view bytes, DiagnosticSink& sink);

// The record of a whole TOML file (site.toml): no front matter fences, no body.
std::optional<Record> record_from_toml_file(const CollectionSpec& spec, const std::string& path,
                                            std::string_view bytes, DiagnosticSink& sink);

// Parses TOML text whose first line is line `first_line` of `path`; on a syntax error
// reports it and returns nullopt. The mistakes staff make (Chinese quotes “…”, 是/否
// without quotes) get their own hint; the line is shown when its key is one of `spec`'s
// public fields (a private or unknown value is never printed).
std::optional<toml::table> parse_toml(std::string_view text, const std::string& path,
                                      int first_line, DiagnosticSink& sink,
                                      const CollectionSpec* spec = nullptr);

// TOML scalars as the text CSV would hold: strings as is, 12, true, 2024-05-01.
std::optional<std::string> toml_scalar_text(const toml::node& node);

}  // namespace hgj
