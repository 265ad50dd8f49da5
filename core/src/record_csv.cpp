#include <algorithm>
#include <optional>

#include "control_characters.h"
#include "hgj/csv.h"
#include "hgj/encoding.h"
#include "hgj/header_field.h"
#include "hgj/language.h"
#include "hgj/parallel.h"
#include "hgj/record.h"
#include "hgj/values.h"

namespace hgj {

namespace {

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool column_has_data(const CsvTable& table, std::size_t column) {
  return std::any_of(table.rows.begin() + 1, table.rows.end(), [&](const CsvRow& row) {
    return column < row.cells.size() && !trim(row.cells[column].value).empty();
  });
}

// How the header maps onto the collection: a field per column, or none (hidden).
struct HeaderMap {
  std::vector<const FieldSpec*> fields;
  std::shared_ptr<SourceText> source;  // holds the labels
  std::size_t needed = 0;              // columns a row must have: up to the last named one
  bool chinese = false;
  bool usable = true;
};

}  // namespace

const FieldSpec* header_field(const CollectionSpec& spec, const ColumnMap* columns,
                              std::string_view name) {
  if (columns != nullptr) {
    if (auto it = columns->find(name); it != columns->end()) {
      for (const FieldSpec& f : spec.fields) {
        if (f.key == it->second) return &f;
      }
    }
  }
  return spec.find(name);
}

namespace {

HeaderMap map_header(const CollectionSpec& spec, const std::string& path, CsvTable& table,
                     DiagnosticSink& sink, const ColumnMap* columns) {
  HeaderMap map;
  map.source = std::make_shared<SourceText>();
  map.source->lines = std::move(table.lines);
  const CsvRow& header = table.rows.front();
  for (std::size_t c = 0; c < header.cells.size(); ++c) {
    const std::string name(trim(header.cells[c].value));
    const SourceLocation at{path, header.line, static_cast<int>(c) + 1};
    const FieldSpec* field = nullptr;
    if (name.empty()) {
      if (column_has_data(table, c)) {
        sink.warning(
            at, say("第 " + std::to_string(c + 1) +
                        " 列没有表头，这一列的内容没有读取：请在第一行给它写上列名",
                    "column " + std::to_string(c + 1) + " has no header; its values are ignored"));
      }
    } else if ((field = header_field(spec, columns, name)) == nullptr && is_private_field(name)) {
      map.needed = c + 1;
    } else if (field == nullptr) {
      sink.warning(
          at, say("不认识的列“" + name +
                      "”，已忽略：请核对列名（可用的列名见 docs/content.md），不需要的话可以删掉",
                  "unknown column \"" + name + "\" ignored"));
      map.needed = c + 1;
    } else {
      auto twin = std::find(map.fields.begin(), map.fields.end(), field);
      if (twin != map.fields.end()) {
        // Both columns named: with aliases, 电话 and 手机号码 are one field and either
        // may be the one to drop.
        const auto first = static_cast<std::size_t>(twin - map.fields.begin());
        const std::string label = field->labels.empty() ? field->key : field->labels.front();
        sink.error(at, say("第 " + std::to_string(c + 1) + " 列“" + name + "”和第 " +
                               std::to_string(first + 1) + " 列“" + map.source->labels[first] +
                               "”都是" + label + "：请只保留其中一列",
                           "column " + std::to_string(c + 1) + " \"" + name + "\" and column " +
                               std::to_string(first + 1) + " \"" + map.source->labels[first] +
                               "\" are both " + field->key + "; keep one of them"));
        map.usable = false;
      }
      map.chinese = map.chinese || !is_ascii(name);
      map.needed = c + 1;
    }
    map.fields.push_back(field);
    map.source->labels.push_back(name);
    map.source->hidden_columns.push_back(field == nullptr);
  }
  const FieldSpec& id = spec.field("id");
  if (std::find(map.fields.begin(), map.fields.end(), &id) == map.fields.end()) {
    std::string found, zh_found;
    for (const std::string& label : map.source->labels) {
      found += (found.empty() ? "" : ", ") + label;
      zh_found += (zh_found.empty() ? "" : "、") + label;
    }
    sink.error(
        {path, header.line, 0},
        say("表头里没有“" + id.labels.front() + "”列，这张表一行也没有读取：请在第一行加上“" +
                id.labels.front() + "”列（每行一个不重复的编号）；现在的列是：" + zh_found,
            "the header has no " + id.labels.front() + " (id) column; found: " + found));
    map.usable = false;
  }
  // Nothing in the table can be referred to: what refers to it is folded into this.
  if (!map.usable) sink.mark_cause(path, "collection:" + spec.name);
  return map;
}

// A row with more cells than the header is refused whatever the extra cells hold: a
// comma typed inside a cell (an address in a private column) shifts every cell after it
// one column to the right, and a private value would be read as the next public field.
// Excel writes the same number of cells on every row, header included, so its trailing
// empty cells never count as extra.
bool row_shape_ok(const CsvRow& row, const HeaderMap& map, const std::string& path,
                  DiagnosticSink& sink) {
  const std::size_t width = map.fields.size();
  if (row.cells.size() < map.needed || row.cells.size() > width) {
    sink.error({path, row.line, 0},
               say("这一行有 " + std::to_string(row.cells.size()) + " 格，表头有 " +
                       std::to_string(width) +
                       (row.cells.size() > width ? " 格：多半是格子里多打了英文逗号，请把这个格子用"
                                                   "英文引号括起来，或删掉多余的逗号"
                                                 : " 格：这一行少了格子，请补齐"),
                   "row has " + std::to_string(row.cells.size()) + " cells, the header has " +
                       std::to_string(width)));
    return false;
  }
  return true;
}

Record make_record(CsvRow& row, const HeaderMap& map, const std::string& path) {
  Record record;
  record.where = {path, row.line, 0};
  record.from_csv = true;
  record.chinese_labels = map.chinese;
  record.source = map.source;
  record.cell_starts.reserve(row.cells.size());
  record.fields.reserve(map.fields.size());
  for (std::size_t c = 0; c < row.cells.size(); ++c) {
    CsvCell& cell = row.cells[c];
    record.cell_starts.emplace_back(cell.line, cell.offset);
    if (c >= map.fields.size() || map.fields[c] == nullptr) continue;
    FieldValue value;
    value.label = map.source->labels[c];
    const std::string_view trimmed = trim(cell.value);
    if (trimmed.size() == cell.value.size()) {
      value.text = std::move(cell.value);
    } else {
      value.text = std::string(trimmed);
    }
    value.line = cell.line;
    value.column = static_cast<int>(c) + 1;
    record.fields.emplace_back(map.fields[c]->key, std::move(value));
  }
  return record;
}

// Rows in the file's lesser encoding (a row pasted from a web page into a GB18030 ledger):
// read in their own encoding, and named, so that staff check them. A few are named one by
// one; more are one warning listing them.
void report_odd_lines(const std::string& path, const Decoded& decoded, DiagnosticSink& sink) {
  const std::vector<int>& lines = decoded.odd_lines;
  if (lines.empty()) return;
  const bool gb = decoded.encoding == Encoding::gb18030;
  const std::string odd = gb ? "UTF-8" : "GB18030（GBK）";
  const std::string rest = gb ? "GB18030（GBK）" : "UTF-8";
  const std::string odd_en = gb ? "UTF-8" : "GB18030 (GBK)";
  const std::string rest_en = gb ? "GB18030 (GBK)" : "UTF-8";
  const std::string fix = say(
      "；整张表存成 .xlsx，或在 Excel 的“另存为”里选“CSV UTF-8(逗号分隔)(*.csv)”，就只有一种编码",
      "; save the whole table as .xlsx, or as \"CSV UTF-8\" in Excel's Save As, to keep one "
      "encoding");
  constexpr std::size_t one_by_one = 3, listed = 10;
  if (lines.size() <= one_by_one) {
    for (int line : lines) {
      sink.warning({path, line, 0},
                   say("这一行是 " + odd + " 编码，文件的其余部分是 " + rest +
                           " 编码；这一行多半是从网页或别的表格粘贴来的，已按 " + odd +
                           " 读入，请核对它的字" + fix,
                       "this row is " + odd_en + " while the rest of the file is " + rest_en +
                           " (pasted from a web page or another table?): it was read as " + odd_en +
                           "; check its characters" + fix));
    }
    return;
  }
  std::string zh, en;
  for (std::size_t i = 0; i < lines.size() && i < listed; ++i) {
    zh += (i == 0 ? "" : "、") + std::to_string(lines[i]);
    en += (i == 0 ? "" : ", ") + std::to_string(lines[i]);
  }
  if (lines.size() > listed) {
    zh += " 等";
    en += " …";
  }
  const std::string count = std::to_string(lines.size());
  sink.warning(
      {path, lines.front(), 0},
      say(count + " 行是 " + odd + " 编码（第 " + zh + " 行），文件的其余部分是 " + rest +
              "：这些行已按 " + odd + " 读入，请核对它们的字" + fix,
          count + " rows are " + odd_en + " (rows " + en + ") while the rest of the file is " +
              rest_en + ": they were read as " + odd_en + "; check their characters" + fix));
}

}  // namespace

CsvTable csv_table(const std::string& path, std::string_view bytes, DiagnosticSink& sink) {
  Decoded decoded = decode_text(bytes);
  if (!decoded.ok) {
    sink.error({path, decoded.line, decoded.column},
               say("文件" + decoded.error, "the file " + decoded.error));
    return {};
  }
  report_odd_lines(path, decoded, sink);
  ControlCharacters controls;
  controls.remove(decoded.text, 1, true);
  controls.report(path, sink);
  CsvTable table = parse_csv(decoded.text);
  for (const CsvProblem& p : table.problems) sink.error({path, p.line, p.column}, p.message);
  return table;
}

void read_csv_records(const CollectionSpec& spec, const std::string& path, std::string_view bytes,
                      DiagnosticSink& sink, const std::function<void(Record&&)>& take) {
  read_csv_records(spec, path, csv_table(path, bytes, sink), sink, take);
}

void read_csv_records(const CollectionSpec& spec, const std::string& path, CsvTable table,
                      DiagnosticSink& sink, const std::function<void(Record&&)>& take,
                      const ColumnMap* columns) {
  auto first = std::find_if(table.rows.begin(), table.rows.end(),
                            [](const CsvRow& row) { return !row.blank(); });
  if (first == table.rows.end()) return;
  table.rows.erase(table.rows.begin(), first);

  HeaderMap map = map_header(spec, path, table, sink, columns);
  if (!map.usable) return;
  // Rows become records a chunk at a time on every core (a city's issues.csv has 100,000),
  // and are taken in order.
  constexpr std::size_t chunk = 4096;
  std::vector<std::optional<Record>> records;
  for (std::size_t from = 1; from < table.rows.size(); from += chunk) {
    const std::size_t count = std::min(chunk, table.rows.size() - from);
    records.assign(count, std::nullopt);
    parallel_for(count, 256, [&](std::size_t i) {
      CsvRow& row = table.rows[from + i];
      if (row.blank()) return;
      const bool shape_ok = row_shape_ok(row, map, path, sink);
      records[i] = make_record(row, map, path);
      records[i]->broken = !shape_ok;
      row.cells = {};  // moved into the record: free the rest
    });
    for (std::optional<Record>& record : records) {
      if (record) take(std::move(*record));
    }
  }
}

}  // namespace hgj
