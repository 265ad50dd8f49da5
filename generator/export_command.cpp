// `hgj export [--content DIR] [--out FILE.xlsx] [--force]`: the content's tables as one
// workbook in the layout of `hgj init`'s 台账.xlsx, so staff can edit everything in Excel
// and put it back in place of the CSV files. Private columns are exported (the ledger is
// the staff's own), so the file may never go into the content folder (it would be read
// twice) or a published output folder. Written to a temporary file and renamed; a file
// hgj did not write, or one saved since, is replaced only with --force and kept.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <ostream>

#include "cli.h"
#include "hgj/language.h"
#include "hgj/loader.h"
#include "hgj/schema.h"
#include "ledger/ledger_mark.h"
#include "ledger/ledger_tables.h"
#include "ledger/ledger_workbook.h"
#include "options.h"
#include "output_folder.h"

namespace hgj {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

bool is_inside(const fs::path& file, const fs::path& folder) {
  const fs::path relative = file.lexically_relative(folder);
  return !relative.empty() && *relative.begin() != "..";
}

std::string ascii_lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// FILE.before-hgj.xlsx: where --force keeps the file it replaces.
fs::path kept_aside(const fs::path& out) {
  return out.parent_path() / (out.stem().string() + adopted_suffix + out.extension().string());
}

// Why the workbook may not be written at `out`, or empty.
std::string refusal(const fs::path& out, const std::string& shown, const std::string& content_dir) {
  std::error_code ec;
  const fs::path where = fs::weakly_canonical(fs::absolute(out), ec);
  const fs::path content = fs::weakly_canonical(fs::absolute(content_dir), ec);
  if (ascii_lower(out.extension().string()) != ".xlsx") {
    return say(shown + " 不是 .xlsx 文件名；例如 --out 台账-导出.xlsx",
               shown + " is not an .xlsx file name; e.g. --out ledger.xlsx");
  }
  if (is_inside(where, content)) {
    return say(shown + " 在内容文件夹 " + content_dir +
                   " 里面，会被当作台账再读一遍（编号重复）；"
                   "请导出到内容文件夹外面，改好后再替换原来的表格",
               shown + " is inside the content folder " + content_dir +
                   ", where it would be read a second time (duplicate ids); export outside it and "
                   "put it back in place of the tables once edited");
  }
  if (is_hgj_output(where.parent_path())) {
    return say(shown +
                   " 在 hgj 生成的网站文件夹里，会被公开；导出的台账含有隐私列（以 _ 开头的列），"
                   "请导出到别的文件夹",
               shown +
                   " is inside a folder hgj publishes; the exported ledger holds private columns "
                   "(those starting with _), so export it elsewhere");
  }
  return {};
}

std::string summary(const std::vector<LedgerSheet>& sheets) {
  std::string text;
  for (const LedgerSheet& sheet : sheets) {
    text += (text.empty() ? "" : say("，", ", ")) + ledger_sheet(sheet.collection) + " " +
            std::to_string(sheet.rows.size()) + say(" 行", " rows");
  }
  return text;
}

bool has_private_columns(const std::vector<LedgerSheet>& sheets) {
  for (const LedgerSheet& sheet : sheets) {
    for (const std::string& header : sheet.extra_headers) {
      if (is_private_field(header)) return true;
    }
  }
  return false;
}

}  // namespace

int run_export(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string content_dir, out_file;
  bool force = false;
  po::options_description options(
      say("hgj export [--content 文件夹] [--out "
          "文件.xlsx]：把内容里的表格（社区、网格、楼栋、红管家、\n"
          "问题台账……）导出成一个工作簿，格式和 hgj init 的 台账.xlsx 一样。在 Excel "
          "里改好后，放回\n"
          "内容文件夹替换原来的表格，再运行 hgj check。Markdown 文件（通知、活动……）不导出。\n"
          "注意：以 _ 开头的隐私列也会导出（这是你们自己的台账），不要公开或发给无关的人",
          "hgj export [--content DIR] [--out FILE.xlsx]: the content's tables (communities, "
          "grids,\n"
          "buildings, stewards, issues …) as one workbook in the layout of hgj init's 台账.xlsx. "
          "Edit\n"
          "it in Excel, put it in the content folder in place of the tables, run hgj check. "
          "Markdown\n"
          "files (notices, events …) are not exported.\n"
          "Note: private columns (starting with _) are exported too (it is the staff's own "
          "ledger):\n"
          "never publish it or pass it on"),
      help_line_width, help_line_width / 2);
  options.add_options()("content", po::value(&content_dir)->default_value("content"),
                        say("内容文件夹", "content folder").c_str())(
      "out", po::value(&out_file)->default_value("台账-导出.xlsx"),
      say("导出的工作簿（不能在内容文件夹或网站文件夹里）",
          "the workbook written (not inside the content folder or a published folder)")
          .c_str())(
      "force", po::bool_switch(&force),
      say("替换一个不是 hgj 导出的（或导出后改过的）文件，原文件改名为 文件.before-hgj.xlsx 保留",
          "replace a file hgj did not export (or one edited since); it is kept as "
          "FILE.before-hgj.xlsx")
          .c_str())("help,h", say("显示这段帮助", "show this help").c_str());
  po::variables_map vars;
  if (const int code =
          parse_options(args, options, PositionalArguments{"export", {}, {}}, vars, out, err);
      code >= 0)
    return code;

  const fs::path target = fs::path(out_file).lexically_normal();
  const std::string shown = target.generic_string();
  if (const std::string why = refusal(target, shown, content_dir); !why.empty()) {
    err << "hgj export: " << why << '\n';
    return exit_usage_error;
  }
  std::error_code ec;
  const bool exists = fs::exists(fs::symlink_status(target, ec));
  const fs::path aside = kept_aside(target);
  const bool keep_old = exists && !is_unchanged_export(target);  // with --force only
  if (keep_old) {
    if (!force) {
      err << "hgj export: "
          << say(shown +
                     " 已经存在，不是 hgj 导出的，或导出后有人改过；什么也没有写。换一个文件名，"
                     "或者加 --force 替换它（原文件改名为 " +
                     aside.generic_string() + " 保留）",
                 shown +
                     " exists and is not an unchanged hgj export; nothing was written. Choose "
                     "another name, or run again with --force (it is then kept as " +
                     aside.generic_string() + ")")
          << '\n';
      return exit_usage_error;
    }
    if (fs::exists(fs::symlink_status(aside, ec))) {
      err << "hgj export: "
          << say(aside.generic_string() + " 已经存在（上次替换时留下的）；先把它移走，什么也没有写",
                 aside.generic_string() +
                     " already exists (kept by an earlier --force); move it away "
                     "first. Nothing was written")
          << '\n';
      return exit_usage_error;
    }
  }

  DiagnosticSink sink;
  LedgerTables tables = read_ledger_tables(content_dir, sink);
  print_diagnostics(err, sink);
  if (tables.io_error) return exit_usage_error;
  if (sink.error_count() > 0) {
    err << "hgj export: "
        << say("有表格读不出来，导出会缺行；什么也没有写",
               "a table could not be read and the "
               "export would miss its rows; nothing was written")
        << '\n';
    return exit_content_error;
  }
  // What the loader warns it does not read (a hidden row or sheet, an .xls file) is not in
  // the export either: said once more, since putting the export back would drop it.
  const bool left_out = sink.warning_count() > 0;
  LedgerBook book;
  book.sheets = ledger_sheets(std::move(tables.tables));
  book.categories = tables.categories;
  if (book.sheets.empty()) {
    err << "hgj export: "
        << say(content_dir + " 里没有表格（.csv 或 .xlsx）可导出；什么也没有写",
               content_dir + " has no tables (.csv or .xlsx) to export; nothing was written")
        << '\n';
    return exit_content_error;
  }

  const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  fs::create_directories(parent, ec);
  std::string temp = (parent / ("." + target.stem().string() + ".hgj-export-XXXXXX.xlsx")).string();
  const int fd = mkstemps(temp.data(), 5);
  if (fd < 0) {
    err << "hgj export: " << parent.generic_string() << ": " << std::strerror(errno) << '\n';
    return exit_usage_error;
  }
  close(fd);
  // Only its owner reads it: the ledger has the private columns the site never shows.
  fs::permissions(temp, fs::perms::owner_read | fs::perms::owner_write, ec);
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  book.mark = export_mark(now.time_since_epoch().count());
  if (const std::string problem = write_ledger(temp, book); !problem.empty()) {
    fs::remove(temp, ec);
    err << "hgj export: " << shown << ": " << problem << '\n';
    return exit_usage_error;
  }
  fs::last_write_time(temp, std::chrono::file_clock::from_sys(now), ec);
  // The file replaced is kept by a second name first (link(2) never overwrites), so there
  // is no moment without it.
  if (keep_old && link(target.c_str(), aside.c_str()) != 0) {
    const int error = errno;
    fs::remove(temp, ec);
    err << "hgj export: " << aside.generic_string() << ": " << std::strerror(error) << "; "
        << say("什么也没有写", "nothing was written") << '\n';
    return exit_usage_error;
  }
  if (std::rename(temp.c_str(), target.c_str()) != 0) {
    const int error = errno;
    fs::remove(temp, ec);
    err << "hgj export: " << shown << ": " << std::strerror(error) << '\n';
    return exit_usage_error;
  }
  out << say("hgj export：已写出 " + shown + "（" + summary(book.sheets) + "）。",
             "hgj export: wrote " + shown + " (" + summary(book.sheets) + ").")
      << '\n';
  if (keep_old) {
    out << say("原来的文件保留为 " + aside.generic_string() + "。",
               "The file it replaced is kept as " + aside.generic_string() + ".")
        << '\n';
  }
  if (left_out) {
    out << say("注意：上面警告里说没有读取的行、工作表或文件，也没有导出；用导出的工作簿替换原来的"
               "表格前，"
               "先把它们处理好（取消隐藏，或另存为 .xlsx），否则它们会丢失。",
               "Note: the rows, sheets or files the warnings above say are not read are not "
               "exported "
               "either; deal with them (unhide, or save as .xlsx) before the export replaces the "
               "tables, or they are lost.")
        << '\n';
  }
  if (has_private_columns(book.sheets)) {
    out << say("注意：工作簿里有以 _ 开头的隐私列，只供台账核对，不要公开或发给无关的人。",
               "Note: the workbook holds private columns (starting with _): never publish it or "
               "pass it on.")
        << '\n';
  }
  return exit_ok;
}

}  // namespace hgj
