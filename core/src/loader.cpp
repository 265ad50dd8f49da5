#include "hgj/loader.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <set>

#include "converters.h"
#include "hgj/files.h"
#include "hgj/language.h"
#include "hgj/ledger_values.h"
#include "hgj/parallel.h"
#include "hgj/xlsx.h"
#include "lifecycle.h"
#include "load_site.h"

namespace hgj {

namespace fs = std::filesystem;

namespace {

std::string ascii_lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

class Loader {
 public:
  Loader(const std::string& root, DiagnosticSink& sink, Content& content)
      : root_(root), sink_(sink), paths_(root), ctx_{content, {}, {}, {}, {}, {}, {}, {}} {}

  // The path diagnostics print: the content folder as the user gave it, then the file.
  std::string display(const fs::path& relative) const {
    return (fs::path(root_) / relative).lexically_normal().generic_string();
  }

  // The file when it resolves inside the content folder (content_paths.h, the rule photo
  // paths follow): a link to /outside/secret.md would otherwise be published, and a
  // linked table's first line printed in a diagnostic. The resolved path is what is read.
  std::optional<std::string> read(const fs::path& relative) {
    const std::optional<fs::path> full = paths_.inside(relative);
    if (!full) {
      sink_.error({display(relative), 0, 0}, outside_message("file"));
      return std::nullopt;
    }
    std::optional<std::string> bytes = read_whole_file(*full);
    if (!bytes)
      sink_.error({display(relative), 0, 0},
                  say("读不了这个文件：请检查它是否被别的程序占用，或有没有读取权限",
                      "cannot read the file"));
    return bytes;
  }

  static std::string outside_message(const std::string& what) {
    return say(
        std::string(what == "file" ? "这个文件" : "这个文件夹") +
            "是指向内容文件夹外面的快捷方式（符号链接），没有读取：请把真正的文件放进内容文件夹",
        "the " + what +
            " is a symbolic link that leads outside the content folder; only what is "
            "inside it is read");
  }

  bool load_site_file() {
    const fs::path file = "site.toml";
    if (!fs::is_regular_file(fs::path(root_) / file)) {
      sink_.error(
          {display(file), 0, 0},
          say("这里没有 site.toml：这是内容文件夹吗？请用 --content 指向放着 site.toml 的文件夹",
              "no site.toml here: is this a content folder?"));
      return false;
    }
    auto bytes = read(file);
    if (!bytes) return false;
    auto duty_exists = [&](const std::string& id) { return ctx_.has(ctx_.duties, "duties", id); };
    if (auto site = load_site(display(file), *bytes, root_, duty_exists, sink_, &columns_)) {
      ctx_.content.site = std::move(*site);
    } else {
      // Keep going with defaults so the rest of the content is still checked.
      ctx_.content.site.categories = default_categories();
      ctx_.content.site.private_categories = {"邻里纠纷"};
    }
    return true;
  }

  // The collection's records converted to entities, a batch at a time (a city has
  // 100,000 issue rows; holding every record at once would double the loader's memory).
  // In a batch, ids are checked first, in order (a record whose id is taken is reported
  // and not converted); the records are then converted in parallel, as a converter only
  // reads collections loaded before, and taken in order.
  template <class T, class Convert>
  void load(const std::string& name, Convert convert, std::vector<T>& out,
            std::unordered_map<std::string, std::size_t>* ids) {
    const CollectionSpec& spec = collection_spec(name);
    // Where each id was first seen, by its lower-case form (HF-001 and hf-001 would be
    // one page on a case-insensitive file system or web server): an index into
    // paths_seen_, a line, and the id as first written.
    struct Seen {
      std::size_t path;
      int line;
      std::string id;
    };
    std::unordered_map<std::string, Seen> seen;
    std::vector<std::pair<std::string, std::string>> rejected_names;  // name, id
    std::vector<Record> batch;
    const auto take_batch = [&] {
      std::vector<bool> taken_id(batch.size());
      for (std::size_t i = 0; i < batch.size(); ++i) {
        const FieldValue* id = batch[i].get("id");
        if (id == nullptr || id->text.empty()) continue;
        auto [first, fresh] =
            // The id as FieldReader::id reads it: ＬＹ－００１ is LY-001.
            seen.try_emplace(ascii_lower(normalize_width(id->text)),
                             Seen{path_index(batch[i].where.file), batch[i].where.line, id->text});
        if (!fresh) {
          const Seen& was = first->second;
          // a workbook sheet's row reads as Excel names it: [红管家]!7
          const std::string at = paths_seen_[was.path] +
                                 (paths_seen_[was.path].ends_with(']') ? "!" : ":") +
                                 std::to_string(was.line);
          const std::string as = was.id == id->text ? "" : " (as \"" + was.id + "\")";
          const std::string zh_as = was.id == id->text ? "" : "（那里写作“" + was.id + "”）";
          FieldReader(batch[i], spec, sink_, paths_)
              .invalid("id", id->text,
                       say("已经在 " + at + " 用过了" + zh_as +
                               "：编号不能重复（不分大小写），请改成别的编号",
                           "is already used at " + at + as));
          taken_id[i] = true;
        }
      }
      std::vector<std::optional<T>> converted(batch.size());
      parallel_for(batch.size(), 64, [&](std::size_t i) {
        if (taken_id[i] || batch[i].broken) return;
        FieldReader reader(batch[i], spec, sink_, paths_);
        reader.check_lengths();
        reader.check_lost_characters();
        converted[i] = convert(reader, ctx_);
      });
      for (std::size_t i = 0; i < batch.size(); ++i) {
        if (taken_id[i]) continue;
        if (converted[i]) {
          if (ids != nullptr) ids->emplace(converted[i]->id, out.size());
          out.push_back(std::move(*converted[i]));
        } else if (const FieldValue* id = batch[i].get("id")) {
          ctx_.rejected[name].insert(normalize_width(id->text));
          // Its name still stands for it: a reference by name to an entity already
          // reported is not reported again, as a reference by id is not.
          if (const FieldValue* n = batch[i].get("name"); n != nullptr && !n->text.empty())
            rejected_names.emplace_back(n->text, normalize_width(id->text));
        }
      }
      batch.clear();
    };
    for_each_record(
        spec,
        [&](std::size_t expected) {
          out.reserve(out.size() + expected);
          seen.reserve(expected);  // growing it was a twentieth of loading a city
        },
        [&](Record&& record) {
          batch.push_back(std::move(record));
          if (batch.size() == batch_size) take_batch();
        });
    take_batch();
    if constexpr (requires(const T& t) { t.name; }) index_names(name, out, rejected_names);
  }

  // The collection's names → ids, for references written as names (FieldReader::resolve).
  template <class T>
  void index_names(const std::string& collection, const std::vector<T>& entities,
                   const std::vector<std::pair<std::string, std::string>>& rejected) {
    Referable& r = ctx_.referable[collection];
    r.ids.reserve(entities.size() + rejected.size());
    for (const T& e : entities) {
      r.ids.push_back(e.id);
      if (!e.name.empty()) r.ids_by_name[e.name].push_back(e.id);
    }
    for (const auto& [n, id] : rejected) {
      r.ids.push_back(id);
      r.ids_by_name[n].push_back(id);
    }
    std::sort(r.ids.begin(), r.ids.end());
    for (const auto& [n, ids] : r.ids_by_name) r.names.push_back(n);
    std::sort(r.names.begin(), r.names.end());
  }

 private:
  static constexpr std::size_t batch_size = 4096;

  std::size_t path_index(const std::string& path) {
    if (paths_seen_.empty() || paths_seen_.back() != path) paths_seen_.push_back(path);
    return paths_seen_.size() - 1;
  }

  // Every Markdown file under content/<name>/ (sorted; parsed in parallel, taken in
  // order), then each row of its tables (read_tables: the CSV, then workbooks). `expect` hears
  // first how many records there may be (files and CSV lines), so that 100,000 issues are not moved
  // about as their vector grows.
  void for_each_record(const CollectionSpec& spec, const std::function<void(std::size_t)>& expect,
                       const std::function<void(Record&&)>& take) {
    const std::vector<fs::path> files = markdown_files(spec.name);
    std::vector<TableAhead> tables = table_of(spec.name);
    std::size_t lines = 0;
    for (const TableAhead& table : tables) lines += table.lines;
    expect(files.size() + lines);
    std::vector<std::optional<Record>> records(files.size());
    parallel_for(files.size(), 16, [&](std::size_t i) {
      if (auto bytes = read(files[i])) {
        records[i] = record_from_markdown(spec, display(files[i]), *bytes, sink_);
      }
    });
    for (auto& record : records) {
      if (record) take(std::move(*record));
    }
    const auto mapping = columns_.find(spec.name);
    for (TableAhead& table : tables) {
      if (table.present) {
        read_csv_records(spec, table.path, std::move(table.rows), sink_, take,
                         mapping == columns_.end() ? nullptr : &mapping->second);
      }
    }
  }

  // The collection's table read and split into rows (csv_table or xlsx_table), how many
  // lines it has, and the path its diagnostics name.
  struct TableAhead {
    bool present = false;
    std::size_t lines = 0;
    CsvTable rows;
    std::string path;
  };

  // Where a collection's table is: a CSV file, or a sheet of a workbook.
  struct TableSource {
    fs::path file;
    std::string sheet;  // empty for a CSV
  };

  // The sheet names a collection answers to: its English name, and for the five tables
  // staff keep in Excel the name their ledgers use.
  static bool sheet_names(const std::string& sheet, const std::string& collection) {
    return sheet == collection || (!sheet.empty() && sheet == ledger_sheet_name(collection));
  }

  // Every source of the collection's table: content/<name>.csv, content/<name>.xlsx (its
  // sheet named after the collection, else its first), and sheets named after it in
  // other workbooks of the folder.
  std::vector<TableSource> sources_of(const std::string& collection) {
    std::vector<TableSource> out;
    std::error_code ec;
    const fs::path csv = collection + ".csv";
    if (fs::is_regular_file(fs::path(root_) / csv, ec)) out.push_back({csv, {}});
    const fs::path xlsx = collection + ".xlsx";
    if (fs::is_regular_file(fs::path(root_) / xlsx, ec)) {
      if (const std::optional<fs::path> full = paths_.inside(xlsx)) {
        bool ok = false;
        const std::vector<XlsxSheetInfo> sheets =
            xlsx_sheets(full->string(), display(xlsx), sink_, ok);
        auto named = std::find_if(sheets.begin(), sheets.end(), [&](const XlsxSheetInfo& s) {
          return sheet_names(s.name, collection);
        });
        if (named == sheets.end()) named = sheets.begin();
        // A workbook named after one table gives that table only: a sheet in it named
        // after another table would be lost without a word.
        for (const XlsxSheetInfo& other : sheets) {
          if (&other == &*named) continue;
          for (const std::string& c : collections_) {
            if (c == collection || !sheet_names(other.name, c)) continue;
            sink_.warning(
                {xlsx_sheet_path(display(xlsx), other.name), 0, 0},
                say("这个工作表不会被读取：以表命名的工作簿（" + xlsx.string() +
                        "）只读它自己的表；把这个工作表移到 " + c +
                        ".xlsx，或把工作簿改名（如 台账.xlsx），各个工作表就按名字读取",
                    "the sheet is not read: a workbook named after a table (" + xlsx.string() +
                        ") gives that table only; move the sheet to " + c +
                        ".xlsx, or rename the workbook (such as 台账.xlsx) so that every "
                        "sheet is read by its name"));
          }
        }
        if (ok && named != sheets.end()) {
          if (named->hidden) {
            hidden_sheet(xlsx, named->name);
          } else {
            out.push_back({xlsx, named->name});
          }
        }
      } else {
        sink_.error({display(xlsx), 0, 0}, outside_message("file"));
      }
    }
    std::call_once(workbooks_scanned_, [this] { scan_workbooks(); });
    for (const TableSource& sheet : workbook_sheets_) {
      if (sheet_names(sheet.sheet, collection)) out.push_back(sheet);
    }
    return out;
  }

  void hidden_sheet(const fs::path& file, const std::string& sheet) {
    sink_.warning({xlsx_sheet_path(display(file), sheet), 0, 0},
                  say("这张工作表在 Excel 里是隐藏的，没有读取：要发布就取消隐藏，不要了就删掉它",
                      "the sheet is hidden in Excel and is not read: unhide it (取消隐藏) to "
                      "publish it, or delete it"));
  }

  // The workbooks of the folder not named after a collection, and every spreadsheet hgj
  // does not read (each said once, so that no ledger's rows are silently missing): old
  // and other formats, tables in sub-folders, a CSV or a workbook named after no table.
  void scan_workbooks() {
    std::error_code ec;
    std::vector<fs::path> books, nested, links;
    for (auto it = fs::recursive_directory_iterator(root_, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const fs::path name = it->path().lexically_relative(root_);
      const std::string text = it->path().filename().string();
      if (text.starts_with(".") || text.starts_with("~$")) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file(ec)) continue;
      const std::string ext = ascii_lower(name.extension().string());
      const bool top = it.depth() == 0;
      if (top && it->is_symlink(ec)) links.push_back(name);
      // stewards.csv is read, Stewards.CSV is not (sources_of looks for the one name).
      const bool named = is_collection(name.stem().string()) && name.extension() == ext;
      if (ext == ".xls" || ext == ".et" || ext == ".ods" || ext == ".xlsm" || ext == ".xlsb" ||
          ext == ".ett" || ext == ".xltx") {
        sink_.warning(
            {display(name), 0, 0},
            say("这个文件没有读取：hgj 只读 .xlsx 和 .csv；请用 Excel、WPS 或 LibreOffice "
                "打开它，另存为“Excel 工作簿 (*.xlsx)”",
                "the file is not read: hgj reads .xlsx and .csv; open it in Excel, WPS "
                "or LibreOffice and save it as \"Excel 工作簿 (*.xlsx)\""));
      } else if (ext == ".numbers") {
        sink_.warning(
            {display(name), 0, 0},
            say("这个文件不会被读取：hgj 读 .xlsx 和 .csv；在 Numbers 里打开它，选“文件 → 导出为 → "
                "Excel…”，存成 .xlsx 放进内容文件夹",
                "the file is not read: hgj reads .xlsx and .csv; open it in Numbers and "
                "choose File → Export To → Excel… to save it as .xlsx"));
      } else if (ext == ".wps" || ext == ".doc" || ext == ".docx") {
        sink_.warning(
            {display(name), 0, 0},
            say("这个文件不会被读取：它是文字文档，不是表格；把其中的表格复制到 Excel 或 WPS 表格，"
                "存成“Excel 工作簿(*.xlsx)”，或把文字写进 pages 文件夹的 .md 页面",
                "the file is not read: it is a text document, not a table; copy its "
                "table into Excel or WPS Spreadsheets and save it as \"Excel 工作簿 "
                "(*.xlsx)\", or put its text in a Markdown page under pages/"));
      } else if ((ext == ".xlsx" || ext == ".csv") && !top) {
        nested.push_back(name);
      } else if (ext == ".csv" && !named) {
        sink_.warning(
            {display(name), 0, 0},
            say("这个文件不会被读取：CSV 按表名读取，" + tables_zh() +
                    "；把它改名为其中之一（如 stewards.csv），或存成工作表按表命名的 .xlsx",
                "the file is not read: a CSV is read when it is named after its table, " +
                    tables_en() + "; rename it to one of them (such as stewards.csv)"));
      } else if (ext == ".xlsx" && !named) {
        books.push_back(name);
      }
    }
    // A table in a sub-folder that a link in the folder leads to (grids.csv ->
    // tables/grids.csv) is read through the link.
    std::set<fs::path> linked;
    for (const fs::path& table : links)
      linked.insert(fs::weakly_canonical(fs::path(root_) / table, ec));
    for (const fs::path& table : nested) {
      if (linked.count(fs::weakly_canonical(fs::path(root_) / table, ec)) != 0) continue;
      const std::string ext = ascii_lower(table.extension().string());
      sink_.warning(
          {display(table), 0, 0},
          say("这个文件不会被读取：表格只从内容文件夹本身读取，不从子文件夹读取；把它移到 " +
                  display(table.filename()) + "，并按表命名（如 stewards" + ext +
                  "，或工作表名为“红管家”的工作簿）",
              "the file is not read: tables are read from the content folder itself, "
              "not from its sub-folders; move it to " +
                  display(table.filename()) + " and name it after its table (such as stewards" +
                  ext + ", or a workbook whose sheet is named 红管家)"));
    }
    std::sort(books.begin(), books.end());
    for (const fs::path& book : books) {
      const std::optional<fs::path> full = paths_.inside(book);
      if (!full) {
        sink_.error({display(book), 0, 0}, outside_message("file"));
        continue;
      }
      bool ok = false;
      const std::vector<XlsxSheetInfo> sheets =
          xlsx_sheets(full->string(), display(book), sink_, ok);
      std::string names;
      bool any = false;
      for (const XlsxSheetInfo& sheet : sheets) {
        names += (names.empty() ? "" : say("、", ", ")) + sheet.name;
        if (!std::any_of(collections_.begin(), collections_.end(),
                         [&](const std::string& c) { return sheet_names(sheet.name, c); })) {
          continue;  // an instructions sheet, a chart: not a table of the content
        }
        any = true;
        if (sheet.hidden) {
          hidden_sheet(book, sheet.name);
        } else {
          workbook_sheets_.push_back({book, sheet.name});
        }
      }
      if (ok && !any) {
        sink_.warning(
            {display(book), 0, 0},
            say("这个工作簿不会被读取：它的工作表（" + names +
                    "）没有一个以表命名；把存数据的工作表改名为 社区、网格、楼栋、红管家 或 "
                    "问题台账，或把文件改名为表名（如 stewards.xlsx）",
                "nothing in the workbook is read: none of its sheets (" + names +
                    ") is named after a table; rename the sheet that holds the rows "
                    "社区, 网格, 楼栋, 红管家 or 问题台账 (or communities, grids, "
                    "buildings, stewards, issues), or name the file after its table "
                    "(such as stewards.xlsx)"));
      }
    }
  }

  // The tables a CSV may be named after, for messages.
  std::string tables_zh() const {
    std::string out;
    for (const std::string& c : collections_) out += (out.empty() ? "" : "、") + c + ".csv";
    return "可读的有 " + out;
  }
  std::string tables_en() const {
    std::string out;
    for (const std::string& c : collections_) out += (out.empty() ? "" : ", ") + c + ".csv";
    return "one of " + out;
  }

  bool is_collection(const std::string& name) const {
    return std::find(collections_.begin(), collections_.end(), name) != collections_.end();
  }

  // Every table of the collection, in the order sources_of finds them. Like the Markdown
  // files and the CSV, they are merged: the same row in two of them is a duplicate id
  // naming both places, so two copies that drift apart never pass unseen.
  std::vector<TableAhead> read_tables(const std::string& collection) {
    std::vector<TableAhead> tables;
    for (const TableSource& source : sources_of(collection)) {
      tables.push_back(read_table(source));
      // A table that could not be read at all (its encoding, a damaged workbook): its
      // error is the root cause of every reference into the collection that fails.
      if (tables.back().rows.rows.empty())
        sink_.mark_cause(display(source.file), "collection:" + collection);
    }
    return tables;
  }

  TableAhead read_table(const TableSource& source) {
    if (!source.sheet.empty()) {
      const std::optional<fs::path> full = paths_.inside(source.file);
      if (!full) return {};
      const std::string path = xlsx_sheet_path(display(source.file), source.sheet);
      CsvTable rows = xlsx_table(full->string(), display(source.file), source.sheet, sink_);
      const std::size_t lines = rows.rows.size();
      return {!rows.rows.empty(), lines, std::move(rows), path};
    }
    const fs::path& file = source.file;
    const std::optional<std::string> bytes = read(file);
    if (!bytes) return {};
    return {true, static_cast<std::size_t>(std::count(bytes->begin(), bytes->end(), '\n')),
            csv_table(display(file), *bytes, sink_), display(file)};
  }

  std::vector<TableAhead> table_of(const std::string& collection) {
    const auto ahead = ahead_.find(collection);
    if (ahead == ahead_.end()) return read_tables(collection);
    std::vector<TableAhead> tables = ahead->second.get();
    ahead_.erase(ahead);
    return tables;
  }

 public:
  // Reads the tables of `collections` one after another on a thread of its own while the
  // loader takes the collections before each: a table's bytes, decoding and rows need
  // none of them (a city's issues.csv is a tenth of a second of it).
  void read_tables_ahead(const std::vector<std::string>& collections) {
    collections_ = collections;
    std::vector<std::packaged_task<std::vector<TableAhead>()>> tasks;
    for (const std::string& collection : collections) {
      tasks.emplace_back([this, collection] { return read_tables(collection); });
      ahead_.emplace(collection, tasks.back().get_future());
    }
    reader_ = std::async(std::launch::async, [tasks = std::move(tasks)]() mutable {
      for (auto& task : tasks) task();
    });
  }

  void adopt_columns(const Loader& other) { columns_ = other.columns_; }

  // Every table of `collections` with its rows, in order (read_ledger_tables).
  std::vector<LedgerTable> ledger_tables(const std::vector<std::string>& collections) {
    collections_ = collections;
    std::vector<LedgerTable> out;
    for (const std::string& collection : collections) {
      for (const TableSource& source : sources_of(collection)) {
        TableAhead table = read_table(source);
        if (!table.present) continue;
        const auto mapping = columns_.find(collection);
        out.push_back({collection, table.path, std::move(table.rows),
                       mapping == columns_.end() ? ColumnMap{} : mapping->second});
      }
    }
    return out;
  }

 private:
  std::vector<fs::path> markdown_files(const std::string& collection) const {
    std::vector<fs::path> files;
    std::error_code ec;
    const fs::path folder = fs::path(root_) / collection;
    if (!fs::is_directory(folder, ec)) return files;
    if (!paths_.inside(collection)) {
      sink_.error({display(collection), 0, 0}, outside_message("folder"));
      return files;
    }
    for (auto it = fs::recursive_directory_iterator(folder, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const fs::path& p = it->path();
      if (it->is_regular_file() && p.extension() == ".md" &&
          !p.filename().string().starts_with(".")) {
        files.push_back(fs::path(collection) / p.lexically_relative(folder));
      }
    }
    std::sort(files.begin(), files.end());
    return files;
  }

 public:
  LoadContext& context() { return ctx_; }

  // Whether any error named one of the collection's files: its CSV, its workbook, its
  // folder, or a workbook sheet named after it (in English or as `sheet`).
  bool errors_in(const std::string& collection, const std::string& sheet) const {
    const std::string folder = display(collection);
    for (const Diagnostic& d : sink_.sorted()) {
      const std::string& f = d.where.file;
      if (d.severity == Severity::error &&
          (f == folder + ".csv" || f.starts_with(folder + ".xlsx") || f.starts_with(folder + "/") ||
           f.ends_with("[" + collection + "]") || f.ends_with("[" + sheet + "]"))) {
        return true;
      }
    }
    return false;
  }

 private:
  std::string root_;
  DiagnosticSink& sink_;
  ContentPaths paths_;
  std::vector<std::string> paths_seen_;  // display paths of the records seen, for duplicates
  LoadContext ctx_;
  std::map<std::string, std::future<std::vector<TableAhead>>> ahead_;
  std::vector<std::string> collections_;  // the collections that may have a table
  std::once_flag workbooks_scanned_;
  std::vector<TableSource> workbook_sheets_;  // sheets of content/*.xlsx named after one
  ColumnMaps columns_;                        // site.toml's [columns.*], for the table headers
  std::future<void> reader_;                  // last: it finishes before what it uses goes
};

}  // namespace

LoadResult load_content(const std::string& content_dir, DiagnosticSink& sink) {
  LoadResult result;
  result.content.root = content_dir;
  std::error_code ec;
  if (!fs::is_directory(content_dir, ec)) {
    sink.error({content_dir, 0, 0}, say("内容文件夹不存在：请检查 --content 后面的文件夹名",
                                        "the content folder does not exist"));
    result.io_error = true;
    return result;
  }
  Loader loader(content_dir, sink, result.content);
  loader.read_tables_ahead(collection_names());
  LoadContext& ctx = loader.context();
  Content& c = result.content;
  // How each collection is converted and where it goes; the order is collection_specs()'s,
  // each referring only to those before it.
  const std::map<std::string_view, std::function<void(const std::string&)>> load_collection = {
      {"duties",
       [&](const std::string& n) { loader.load(n, to_duty_scheme, c.duties, &ctx.duties); }},
      {"communities",
       [&](const std::string& n) {
         loader.load(n, to_community, c.communities, &ctx.communities);
       }},
      {"grids", [&](const std::string& n) { loader.load(n, to_grid, c.grids, &ctx.grids); }},
      {"buildings",
       [&](const std::string& n) { loader.load(n, to_building, c.buildings, &ctx.buildings); }},
      {"stewards",
       [&](const std::string& n) { loader.load(n, to_steward, c.stewards, &ctx.stewards); }},
      {"issues", [&](const std::string& n) { loader.load(n, to_issue, c.issues, nullptr); }},
      {"events", [&](const std::string& n) { loader.load(n, to_event, c.events, nullptr); }},
      {"notices", [&](const std::string& n) { loader.load(n, to_notice, c.notices, nullptr); }},
      {"screens", [&](const std::string& n) { loader.load(n, to_screen, c.screens, nullptr); }},
      {"pages", [&](const std::string& n) { loader.load(n, to_page, c.pages, nullptr); }},
  };
  for (const CollectionSpec& spec : collection_specs()) {
    load_collection.at(spec.name)(spec.name);
    // site.toml names a duty scheme; everything after the duties may read the site.
    if (spec.name == "duties" && !loader.load_site_file()) {
      result.io_error = true;
      return result;
    }
  }
  check_screen_codes(c.screens, sink);
  set_aside_former(c, sink, !loader.errors_in("stewards", "红管家"),
                   !loader.errors_in("buildings", "楼栋"));
  c.index();
  return result;
}

LedgerTables read_ledger_tables(const std::string& content_dir, DiagnosticSink& sink) {
  LedgerTables result;
  std::error_code ec;
  if (!fs::is_directory(content_dir, ec)) {
    sink.error({content_dir, 0, 0}, say("内容文件夹不存在", "the content folder does not exist"));
    result.io_error = true;
    return result;
  }
  // site.toml's column maps name the headers, and its duty_scheme refers to the duties.
  // What either says wrong is `hgj check`'s to report, so those diagnostics are dropped.
  Content content;
  DiagnosticSink site_sink;
  Loader site_loader(content_dir, site_sink, content);
  site_loader.load("duties", to_duty_scheme, content.duties, &site_loader.context().duties);
  if (!site_loader.load_site_file()) {
    sink.error({(fs::path(content_dir) / "site.toml").generic_string(), 0, 0},
               say("这里没有 site.toml：这是内容文件夹吗？",
                   "no site.toml here: is this a content folder?"));
    result.io_error = true;
    return result;
  }
  result.categories = content.site.categories;
  Loader loader(content_dir, sink, content);
  loader.adopt_columns(site_loader);
  result.tables = loader.ledger_tables(collection_names());
  return result;
}

}  // namespace hgj
