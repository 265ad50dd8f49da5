#include <algorithm>
#include <filesystem>
#include <sstream>

#include "control_characters.h"
#include "hgj/encoding.h"
#include "hgj/front_matter.h"
#include "hgj/record.h"

namespace hgj {

namespace {

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.emplace_back(line);
    start = end + 1;
  }
  return lines;
}

std::string two_digits(unsigned value) { return (value < 10 ? "0" : "") + std::to_string(value); }

int file_line(const toml::source_region& region, int first_line) {
  return static_cast<int>(region.begin.line) + first_line - 1;
}

// Fills `value` from a TOML node; false when the node is not a scalar or a list of them.
bool read_value(const toml::node& node, FieldValue& value) {
  if (auto text = toml_scalar_text(node)) {
    value.text = *text;
    return true;
  }
  const toml::array* array = node.as_array();
  if (array == nullptr) return false;
  value.is_array = true;
  for (const toml::node& item : *array) {
    auto text = toml_scalar_text(item);
    if (!text) return false;
    value.items.push_back(*text);
    value.text += (value.text.empty() ? "" : "、") + *text;
  }
  return true;
}

}  // namespace

std::optional<std::string> toml_scalar_text(const toml::node& node) {
  if (auto s = node.value<std::string>(); s && node.is_string()) return *s;
  if (node.is_integer()) return std::to_string(*node.value<std::int64_t>());
  if (node.is_boolean()) return *node.value<bool>() ? "true" : "false";
  if (node.is_floating_point()) {
    std::ostringstream out;
    out << *node.value<double>();
    return out.str();
  }
  if (node.is_date()) {
    const toml::date d = *node.value<toml::date>();
    return std::to_string(d.year) + "-" + two_digits(d.month) + "-" + two_digits(d.day);
  }
  if (node.is_time()) {
    const toml::time t = *node.value<toml::time>();
    return two_digits(t.hour) + ":" + two_digits(t.minute);
  }
  return std::nullopt;
}

std::optional<toml::table> parse_toml(std::string_view text, const std::string& path,
                                      int first_line, DiagnosticSink& sink) {
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    sink.error(
        {path, static_cast<int>(begin.line) + first_line - 1, static_cast<int>(begin.column)},
        "TOML: " + std::string(e.description()));
    return std::nullopt;
  }
}

namespace {

// The record of a parsed TOML table: known fields kept, private ones hidden, unknown
// ones reported and hidden. False when a field has a shape no collection reads.
bool fill_record(Record& record, const CollectionSpec& spec, const std::string& path,
                 const toml::table& table, int toml_line, std::vector<std::string> lines,
                 DiagnosticSink& sink) {
  auto source = std::make_shared<SourceText>();
  source->lines = std::move(lines);
  bool ok = true;
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    const int line = file_line(key.source(), toml_line);
    // A spec field wins over the private prefix (site.toml's private_categories).
    const FieldSpec* field = spec.find(name);
    if (field == nullptr) {
      source->hidden_lines.push_back(line);
      if (!is_private_field(name)) {
        sink.warning({path, line, static_cast<int>(key.source().begin.column)},
                     "unknown key \"" + name + "\" ignored");
      }
      continue;
    }
    FieldValue value;
    value.label = key.str();  // the table outlives the record's fields (Record::table)
    value.line = file_line(node.source(), toml_line);
    value.column = static_cast<int>(node.source().begin.column);
    // Nested tables are read by the collection that expects them (duty groups, [print]).
    if (!read_value(node, value) && !(node.is_array_of_tables() || node.is_table())) {
      sink.error({path, value.line, value.column},
                 name + " must be a text, number, date or list of them");
      ok = false;
      continue;
    }
    record.set(field->key, std::move(value));
  }
  std::sort(source->hidden_lines.begin(), source->hidden_lines.end());
  record.source = std::move(source);
  return ok;
}

}  // namespace

std::optional<Record> record_from_markdown(const CollectionSpec& spec, const std::string& path,
                                           std::string_view bytes, DiagnosticSink& sink) {
  Decoded decoded = decode_utf8(bytes);
  if (!decoded.ok) {
    sink.error({path, decoded.line, decoded.column}, "the file " + decoded.error);
    return std::nullopt;
  }
  ControlCharacters controls;
  controls.remove(decoded.text, 1, false);
  FrontMatter parts = split_front_matter(decoded.text);
  if (!parts.ok) {
    controls.report(path, sink);
    sink.error({path, parts.error_line, 0}, parts.error);
    return std::nullopt;
  }
  auto table = parse_toml(parts.toml, path, parts.toml_line, sink);
  if (table) controls.remove(*table, parts.toml_line);
  controls.report(path, sink);
  if (!table) return std::nullopt;

  Record record;
  record.where = {path, 1, 0};
  // The body's size is capped before any Markdown parser sees it (schema.h).
  const bool body_too_long = parts.body.size() > max_body_bytes;
  if (body_too_long) {
    sink.error({path, parts.body_line, 0},
               "the text after the front matter is " + std::to_string(parts.body.size()) +
                   " bytes long; the limit is " + std::to_string(max_body_bytes) + " bytes");
    parts.body.clear();
  }
  record.broken = body_too_long;
  record.body = Markdown{std::move(parts.body), {path, parts.body_line, 0}};
  // Fields point at the table's keys: it moves into the record before they are read.
  record.table = std::make_shared<const toml::table>(std::move(*table));
  const bool ok = fill_record(record, spec, path, *record.table, parts.toml_line,
                              split_lines(decoded.text), sink);
  if (record.get("id") == nullptr) {
    FieldValue id;
    id.label = "id";
    id.text = std::filesystem::path(path).stem().string();
    id.line = 1;
    record.set("id", std::move(id));
  }
  if (!ok) return std::nullopt;
  return record;
}

std::optional<Record> record_from_toml_file(const CollectionSpec& spec, const std::string& path,
                                            std::string_view bytes, DiagnosticSink& sink) {
  Decoded decoded = decode_utf8(bytes);
  if (!decoded.ok) {
    sink.error({path, decoded.line, decoded.column}, "the file " + decoded.error);
    return std::nullopt;
  }
  ControlCharacters controls;
  controls.remove(decoded.text, 1, false);
  auto table = parse_toml(decoded.text, path, 1, sink);
  if (table) controls.remove(*table, 1);
  controls.report(path, sink);
  if (!table) return std::nullopt;
  Record record;
  record.where = {path, 1, 0};
  record.table = std::make_shared<const toml::table>(std::move(*table));
  const bool ok =
      fill_record(record, spec, path, *record.table, 1, split_lines(decoded.text), sink);
  if (!ok) return std::nullopt;
  return record;
}

}  // namespace hgj
