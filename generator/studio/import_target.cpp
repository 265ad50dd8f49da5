#include "studio/import_target.h"

#include <toml++/toml.h>

#include <algorithm>
#include <map>
#include <set>

#include "hgj/files.h"
#include "hgj/language.h"
#include "hgj/schema.h"
#include "hgj/values.h"
#include "hgj/xlsx.h"

namespace hgj::studio {

namespace fs = std::filesystem;

namespace {

// The collections a table file may hold, in loading order (as the loader reads them).
std::vector<std::string> table_collections() {
  std::vector<std::string> out;
  for (const CollectionSpec& spec : collection_specs()) out.push_back(spec.name);
  return out;
}

// As the loader's sheet_names: the English name, or the name staff ledgers use.
bool sheet_is(const std::string& sheet, const std::string& collection) {
  return sheet == collection || (!sheet.empty() && sheet == ledger_sheet_name(collection));
}

std::string sheet_collection(const std::string& sheet) {
  for (const std::string& c : table_collections()) {
    if (sheet_is(sheet, c)) return c;
  }
  return {};
}

// The collection a content file is named after (stewards.csv, stewards.xlsx: exactly, as
// the loader looks for them), or empty.
std::string named_collection(const fs::path& file) {
  const std::string stem = file.stem().string();
  for (const std::string& c : table_collections()) {
    if (stem == c) return c;
  }
  return {};
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

struct UploadShape {
  std::vector<std::string> collections;
  std::string named_after;  // the file must be named after this collection, or empty
  std::string error;
};

std::string unknown_table(const std::string& name, const std::string& sheets) {
  return say(
      "认不出“" + name + "”是哪一张表：" +
          (sheets.empty() ? "" : "它的工作表（" + sheets + "）没有一个以表命名，") +
          "表头也对不上任何一张表；请把存数据的工作表改名为 社区、网格、楼栋、红管家 或 问题台账，"
          "或把文件改名为表名（如 stewards.csv），表头用 docs/content.md 里的列名",
      "cannot tell which table \"" + name + "\" is: " +
          (sheets.empty() ? ""
                          : "none of its sheets (" + sheets + ") is named after a table and ") +
          "its header matches none; name the sheet 社区, 网格, 楼栋, 红管家 or 问题台账, or the "
          "file after its table (such as stewards.csv), with the headers of docs/content.md");
}

UploadShape upload_shape(const fs::path& file, const CheckedUpload& upload,
                         const std::map<std::string, ColumnMap>& columns) {
  UploadShape shape;
  const fs::path name = upload.name;
  std::string by_name = named_collection(name);
  if (by_name.empty()) by_name = sheet_collection(name.stem().string());  // 红管家.csv
  DiagnosticSink sink;
  if (upload.kind == UploadKind::csv) {
    if (by_name.empty()) {
      const std::optional<std::string> bytes = read_whole_file(file);
      const CsvTable table = csv_table(upload.name, bytes ? *bytes : std::string(), sink);
      if (!table.rows.empty()) by_name = collection_of_header(table.rows.front(), columns);
    }
    if (by_name.empty()) shape.error = unknown_table(upload.name, {});
    shape.collections = {by_name};
    shape.named_after = by_name;
    return shape;
  }
  bool ok = false;
  const std::vector<XlsxSheetInfo> sheets = xlsx_sheets(file.string(), upload.name, sink, ok);
  if (!ok) {
    const std::vector<Diagnostic> problems = sink.sorted();
    shape.error = problems.empty() ? unknown_table(upload.name, {})
                                   : say("“" + upload.name + "”读不了：",
                                         "cannot read \"" + upload.name + "\": ") +
                                         problems.front().message;
    return shape;
  }
  if (!named_collection(name).empty()) {
    shape.collections = {by_name};
    shape.named_after = by_name;
    return shape;
  }
  std::vector<std::string> names;
  const XlsxSheetInfo* first_visible = nullptr;
  for (const XlsxSheetInfo& sheet : sheets) {
    names.push_back(sheet.name);
    if (sheet.hidden) continue;
    if (first_visible == nullptr) first_visible = &sheet;
    const std::string c = sheet_collection(sheet.name);
    if (!c.empty() &&
        std::find(shape.collections.begin(), shape.collections.end(), c) == shape.collections.end())
      shape.collections.push_back(c);
  }
  if (!shape.collections.empty()) return shape;
  if (first_visible != nullptr) {
    const CsvTable table = xlsx_table(file.string(), upload.name, first_visible->name, sink);
    if (!table.rows.empty()) by_name = collection_of_header(table.rows.front(), columns);
  }
  if (by_name.empty()) {
    shape.error = unknown_table(upload.name, joined(names, say("、", ", ")));
  } else {
    shape.collections = {by_name};
    shape.named_after = by_name;
  }
  return shape;
}

}  // namespace

std::vector<Existing> existing_tables(const fs::path& content_dir) {
  std::vector<Existing> out;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(content_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(".") || name.starts_with("~$") || !entry.is_regular_file(ec)) continue;
    const std::string ext = entry.path().extension().string();
    if (ext != ".csv" && ext != ".xlsx") continue;
    Existing table{name, {}, false};
    if (const std::string c = named_collection(entry.path()); !c.empty()) {
      table.collections = {c};
      table.named = true;
    } else if (ext == ".xlsx") {
      DiagnosticSink ignored;  // a damaged workbook is `hgj check`'s to report
      bool ok = false;
      for (const XlsxSheetInfo& sheet : xlsx_sheets(entry.path().string(), name, ignored, ok)) {
        const std::string held = sheet_collection(sheet.name);
        if (!held.empty() && !sheet.hidden) table.collections.push_back(held);
      }
    }
    if (!table.collections.empty()) out.push_back(std::move(table));
  }
  std::sort(out.begin(), out.end(),
            [](const Existing& a, const Existing& b) { return a.file < b.file; });
  return out;
}

namespace {

bool holds(const std::vector<std::string>& collections, const std::string& c) {
  return std::find(collections.begin(), collections.end(), c) != collections.end();
}

std::string chinese_names(const std::vector<std::string>& collections) {
  std::vector<std::string> out;
  for (const std::string& c : collections) {
    const std::string_view sheet = ledger_sheet_name(c);
    out.push_back(sheet.empty() ? c : std::string(sheet));
  }
  return joined(out, say("、", ", "));
}

// A name for a new workbook: the upload's own when it is free and not a table's name (a
// workbook named after a table is read for that table only), else 台账.xlsx, 台账-2.xlsx….
std::string new_workbook_name(const fs::path& content_dir, const std::string& uploaded) {
  std::error_code ec;
  const auto taken = [&](const std::string& name) {
    return fs::exists(fs::symlink_status(content_dir / name, ec));
  };
  if (named_collection(uploaded).empty() && !taken(uploaded)) return uploaded;
  for (int n = 1;; ++n) {
    const std::string name = n == 1 ? "台账.xlsx" : "台账-" + std::to_string(n) + ".xlsx";
    if (!taken(name)) return name;
  }
}

}  // namespace

std::string collection_of_header(const CsvRow& header,
                                 const std::map<std::string, ColumnMap>& columns) {
  std::string best;
  int best_score = 0;
  bool tie = false;
  for (const CollectionSpec& spec : collection_specs()) {
    const auto mapping = columns.find(spec.name);
    int score = 0;
    bool id = false;
    for (const CsvCell& cell : header.cells) {
      const std::string name(trim(cell.value));  // as the loader trims a header
      const FieldSpec* field = nullptr;
      if (mapping != columns.end()) {
        if (auto it = mapping->second.find(name); it != mapping->second.end()) {
          for (const FieldSpec& f : spec.fields) {
            if (f.key == it->second) field = &f;
          }
        }
      }
      if (field == nullptr) field = spec.find(name);
      if (field == nullptr) continue;
      ++score;
      id = id || field->key == "id";
    }
    if (!id || score < best_score) continue;
    tie = score == best_score;
    if (!tie) best = spec.name;
    best_score = score;
  }
  return tie ? std::string() : best;
}

std::map<std::string, ColumnMap> site_columns(const fs::path& content_dir) {
  std::map<std::string, ColumnMap> out;
  const std::optional<std::string> text = read_whole_file(content_dir / "site.toml");
  if (!text) return out;
  toml::table parsed;
  try {
    parsed = toml::parse(*text);
  } catch (const toml::parse_error&) {
    return out;  // `hgj check` says what is wrong with it
  }
  const toml::table* sections = parsed["columns"].as_table();
  if (sections == nullptr) return out;
  for (const auto& [collection, headers] : *sections) {
    const toml::table* map = headers.as_table();
    if (map == nullptr) continue;
    for (const auto& [header, field] : *map) {
      if (const auto key = field.value<std::string>())
        out[std::string(collection.str())].emplace(std::string(header.str()), *key);
    }
  }
  return out;
}

ImportPlan plan_import(const fs::path& content_dir, const fs::path& upload_file,
                       const CheckedUpload& upload) {
  ImportPlan plan;
  const UploadShape shape = upload_shape(upload_file, upload, site_columns(content_dir));
  if (!shape.error.empty()) {
    plan.error = shape.error;
    return plan;
  }
  plan.collections = shape.collections;
  const std::vector<Existing> existing = existing_tables(content_dir);
  if (!shape.named_after.empty()) {
    plan.target = shape.named_after + (upload.kind == UploadKind::csv ? ".csv" : ".xlsx");
  } else {
    // The workbook already holding most of the upload's sheets (the first by name of equals).
    const Existing* best = nullptr;
    std::size_t overlap = 0;
    for (const Existing& e : existing) {
      if (e.named || !e.file.ends_with(".xlsx")) continue;
      const auto n = static_cast<std::size_t>(
          std::count_if(e.collections.begin(), e.collections.end(),
                        [&](const std::string& c) { return holds(plan.collections, c); }));
      if (n > overlap) best = &e, overlap = n;
    }
    plan.target = best != nullptr ? best->file : new_workbook_name(content_dir, upload.name);
  }
  std::error_code ec;
  plan.replaces = fs::exists(fs::symlink_status(content_dir / plan.target, ec));
  if (fs::is_symlink(content_dir / plan.target, ec)) {
    plan.error =
        say("内容文件夹里的 " + plan.target +
                " 是快捷方式（符号链接），导入不会替换它：请把真正的文件放进内容文件夹",
            plan.target +
                " in the content folder is a symbolic link, which an import does not replace; "
                "put the real file in the content folder");
    return plan;
  }
  for (const Existing& e : existing) {
    std::vector<std::string> shared, dropped;
    for (const std::string& c : e.collections)
      (holds(plan.collections, c) ? shared : dropped).push_back(c);
    if (e.file == plan.target) {
      if (!dropped.empty())
        plan.notes.push_back(
            say("“" + e.file + "”里的 " + chinese_names(dropped) +
                    " 在上传的文件里没有：导入后这些表就没有了；如果不是有意的，请上传完整的工作簿",
                "the tables " + joined(dropped, ", ") + " of \"" + e.file +
                    "\" are not in the upload: they are gone after the import; if that is not "
                    "meant, upload the whole workbook"));
    } else if (!shared.empty() && e.named) {
      plan.superseded.push_back(e.file);
    } else if (!shared.empty()) {
      plan.notes.push_back(
          say("“" + e.file + "”里也有 " + chinese_names(shared) +
                  "，导入后两处的行都会读取（编号会重复）：请删掉那边的工作表，或上传包含它们的整个"
                  "工作簿",
              "\"" + e.file + "\" also holds " + joined(shared, ", ") +
                  ": both would be read after the import (ids twice); delete those sheets "
                  "there, or upload the whole workbook"));
    }
  }
  return plan;
}

}  // namespace hgj::studio
