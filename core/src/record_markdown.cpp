#include <algorithm>
#include <filesystem>
#include <sstream>

#include "control_characters.h"
#include "hgj/encoding.h"
#include "hgj/front_matter.h"
#include "hgj/language.h"
#include "hgj/record.h"
#include "hgj/values.h"

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
  if (node.is_date_time()) {
    // start = 2026-12-08T18:00 (a notice's start); no offset: the site's local time.
    const toml::date_time dt = *node.value<toml::date_time>();
    return std::to_string(dt.date.year) + "-" + two_digits(dt.date.month) + "-" +
           two_digits(dt.date.day) + " " + two_digits(dt.time.hour) + ":" +
           two_digits(dt.time.minute);
  }
  if (node.is_time()) {
    const toml::time t = *node.value<toml::time>();
    return two_digits(t.hour) + ":" + two_digits(t.minute);
  }
  return std::nullopt;
}

namespace {

// Line `n` (1-based) of `text`, without its line end.
std::string_view line_of(std::string_view text, std::size_t n) {
  std::size_t start = 0;
  for (std::size_t i = 1; i < n && start <= text.size(); ++i) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) return {};
    start = end + 1;
  }
  if (start > text.size()) return {};
  std::string_view line = text.substr(start, text.find('\n', start) - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// Byte offset of the `column`th character (1-based) of a UTF-8 line.
std::size_t byte_of_column(std::string_view line, int column) {
  std::size_t i = 0;
  for (int c = 1; c < column && i < line.size(); ++c) {
    ++i;
    while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

// A TOML syntax error explained for the mistakes staff make, each with what to write
// instead; `at` moves to the offending character when the hint finds it.
std::string toml_problem(std::string_view line, std::string_view description, std::size_t& at) {
  // A Chinese key needs quotes in TOML: 党员 = "是" is refused at its first character.
  if (const std::size_t equals = line.find('='); equals != std::string_view::npos) {
    const std::string_view key = trim(line.substr(0, equals));
    const bool quoted = key.starts_with('"') || key.starts_with('\'');
    const bool ascii = std::all_of(key.begin(), key.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!key.empty() && !quoted && !ascii) {
      at = line.find(key);
      return say("TOML 格式错误：中文的键名要加英文引号，请写成 \"" + std::string(key) +
                     "\" = …，或改用英文键名（见 docs/content.md）",
                 "TOML: a Chinese key needs quotes: write \"" + std::string(key) +
                     "\" = … or use the English key");
    }
  }
  for (std::string_view quote : {"“", "”", "‘", "’", "＂"}) {
    if (const std::size_t pos = line.find(quote); pos != std::string_view::npos) {
      at = pos;
      return say(
          "TOML 格式错误：这一行用了中文引号“…”，请改用英文引号 \"…\"（切换到英文输入法再打）",
          "TOML: this line has Chinese quotes “…”; write plain quotes \"…\" instead");
    }
  }
  if (std::count(line.begin(), line.end(), '"') % 2 == 1) {
    at = line.rfind('"');
    return say(
        "TOML 格式错误：这一行的引号没有配对：文字的两头都要有英文引号 \"…\"，请补上缺的那一个",
        "TOML: the quotes on this line do not pair up: a text needs a quote at each end");
  }
  if (const std::size_t equals = line.find('='); equals != std::string_view::npos) {
    std::string_view value = trim(line.substr(equals + 1));
    if (const std::size_t hash = value.find('#'); hash != std::string_view::npos)
      value = trim(value.substr(0, hash));
    if (value == "是" || value == "否") {
      at = line.find(value, equals);
      return say("TOML 格式错误：" + std::string(value) + " 要加英文引号，请写成 \"" +
                     std::string(value) + "\"（或写 " + (value == "是" ? "true" : "false") + "）",
                 "TOML: " + std::string(value) + " needs quotes: write \"" + std::string(value) +
                     "\" (or " + (value == "是" ? "true" : "false") + ")");
    }
  }
  return say("TOML 格式错误：" + std::string(description) +
                 "；请对照 docs/content.md 里的例子检查这一行（文字要放在英文引号里）",
             "TOML: " + std::string(description));
}

// Whether the line may be shown: a [table] header, or a key that is a public field.
bool line_may_be_shown(std::string_view line, const CollectionSpec* spec) {
  const std::string_view t = trim(line);
  if (t.starts_with('[')) return true;
  const std::size_t equals = t.find('=');
  if (spec == nullptr || equals == std::string_view::npos) return false;
  std::string_view key = trim(t.substr(0, equals));
  if (key.size() >= 2 && key.front() == '"' && key.back() == '"')
    key = key.substr(1, key.size() - 2);
  return !is_private_field(key) && spec->find(key) != nullptr;
}

}  // namespace

std::optional<toml::table> parse_toml(std::string_view text, const std::string& path,
                                      int first_line, DiagnosticSink& sink,
                                      const CollectionSpec* spec) {
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    const std::string_view line = line_of(text, begin.line);
    std::size_t at = byte_of_column(line, static_cast<int>(begin.column));
    const std::string message = toml_problem(line, e.description(), at);
    // The column of the character the hint found (toml++ may name the line's start).
    at = std::min(at, line.size());
    const auto column =
        1 + std::count_if(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(at),
                          [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    Diagnostic d{{path, static_cast<int>(begin.line) + first_line - 1, static_cast<int>(column)},
                 Severity::error,
                 message,
                 {},
                 -1,
                 {},
                 0};
    if (!line.empty() && line_may_be_shown(line, spec)) {
      d.excerpt = std::string(line);
      d.caret = display_width(line.substr(0, at));
    }
    sink.add(std::move(d));
    return std::nullopt;
  }
}

namespace {

// A key of the top level written after a [table] line belongs to that table in TOML, so
// toml++ takes `hotline = "12345"` under [kiosk] without a word, and the street's hotline
// is silently gone. Known top-level keys found in a table are reported where they are.
void misplaced_keys(Record& record, const CollectionSpec& spec, const std::string& path,
                    const std::string& table_name, const toml::table& nested,
                    const toml::table& top, int toml_line, DiagnosticSink& sink) {
  for (const auto& [key, value] : nested) {
    const std::string name(key.str());
    const FieldSpec* field = spec.find(name);
    if (field == nullptr || top.contains(name)) continue;
    record.misplaced.push_back(field->key);
    sink.error(
        {path, file_line(key.source(), toml_line), static_cast<int>(key.source().begin.column)},
        say(name + " 写在了 [" + table_name + "] 下面，就成了 [" + table_name +
                "] 的一项，没有读到：请把这一行移到文件开头，放在第一个 [ ] 行之前",
            name + " is written under [" + table_name + "], so it belongs to [" + table_name +
                "] and is not read: move this line to the top of the file, "
                "before the first [ ] line"));
  }
}

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
                     say("不认识的键“" + name + "”，已忽略：请核对拼写，或删去这一行",
                         "unknown key \"" + name + "\" ignored"));
      }
      continue;
    }
    if (const toml::table* nested = node.as_table()) {
      misplaced_keys(record, spec, path, name, *nested, table, toml_line, sink);
    } else if (node.is_array_of_tables()) {
      for (const toml::node& item : *node.as_array())
        misplaced_keys(record, spec, path, name, *item.as_table(), table, toml_line, sink);
    }
    FieldValue value;
    value.label = key.str();  // the table outlives the record's fields (Record::table)
    value.line = file_line(node.source(), toml_line);
    value.column = static_cast<int>(node.source().begin.column);
    // Nested tables are read by the collection that expects them (duty groups, [print]).
    if (!read_value(node, value) && !(node.is_array_of_tables() || node.is_table())) {
      sink.error({path, value.line, value.column},
                 say(name + " 要写成文字、数字、日期，或它们的列表",
                     name + " must be a text, number, date or list of them"));
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
    sink.error({path, decoded.line, decoded.column},
               say("文件" + decoded.error, "the file " + decoded.error));
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
  auto table = parse_toml(parts.toml, path, parts.toml_line, sink, &spec);
  if (table) controls.remove(*table, parts.toml_line);
  controls.report(path, sink);
  if (!table) return std::nullopt;

  Record record;
  record.where = {path, 1, 0};
  // The body's size is capped before any Markdown parser sees it (schema.h).
  const bool body_too_long = parts.body.size() > max_body_bytes;
  if (body_too_long) {
    sink.error({path, parts.body_line, 0},
               say("正文有 " + std::to_string(parts.body.size()) + " 字节，超过了上限 " +
                       std::to_string(max_body_bytes) + " 字节：请删减，或分成几篇",
                   "the text after the front matter is " + std::to_string(parts.body.size()) +
                       " bytes long; the limit is " + std::to_string(max_body_bytes) + " bytes"));
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
    sink.error({path, decoded.line, decoded.column},
               say("文件" + decoded.error, "the file " + decoded.error));
    return std::nullopt;
  }
  ControlCharacters controls;
  controls.remove(decoded.text, 1, false);
  auto table = parse_toml(decoded.text, path, 1, sink, &spec);
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
