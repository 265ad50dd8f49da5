#include "studio/screens_csv.h"

#include <sys/stat.h>

#include <map>
#include <vector>

#include "hgj/csv.h"
#include "hgj/encoding.h"
#include "hgj/files.h"
#include "hgj/header_field.h"
#include "hgj/language.h"
#include "hgj/schema.h"
#include "hgj/values.h"
#include "studio/import_target.h"
#include "studio/whole_file.h"

namespace hgj::studio {

namespace fs = std::filesystem;

namespace {

// A cell as RFC 4180 writes it: quoted only when it must be.
std::string csv_cell(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos && trim(value) == value) return value;
  std::string quoted = "\"";
  for (const char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string what_to_add(const std::string& screen, const std::string& building) {
  return say("屏幕编号 " + screen + "，楼栋 " + building,
             "screen " + screen + ", building " + building);
}

}  // namespace

std::string screens_csv_with_row(const std::optional<std::string>& existing,
                                 const std::string& screen, const std::string& building,
                                 const ColumnMap* columns) {
  const std::string row_of_two = csv_cell(screen) + "," + csv_cell(building);
  if (!existing || existing->empty())
    return "\xEF\xBB\xBF" + std::string(screens_csv_header) + "\r\n" + row_of_two + ",,,,,\r\n";
  const Decoded decoded = decode_text(*existing);
  if (!decoded.ok)
    throw ScreensCsvProblem(say(
        "screens.csv 第 " + std::to_string(decoded.line) + " 行读不了：" + decoded.error,
        "screens.csv line " + std::to_string(decoded.line) + " cannot be read: " + decoded.error));
  const CsvTable table = parse_csv(decoded.text);
  if (!table.problems.empty()) {
    const CsvProblem& p = table.problems.front();
    throw ScreensCsvProblem(say("screens.csv 第 " + std::to_string(p.line) + " 行有问题（" +
                                    p.message + "）：先改好它（见“检查”页），再配对",
                                "screens.csv line " + std::to_string(p.line) + " has a problem (" +
                                    p.message + "): fix it first (see Check), then pair"));
  }
  const CollectionSpec& spec = collection_spec("screens");
  std::optional<std::size_t> id_column, building_column;
  std::size_t width = 0;
  if (!table.rows.empty()) {
    const CsvRow& header = table.rows.front();
    width = header.cells.size();
    for (std::size_t c = 0; c < header.cells.size(); ++c) {
      const FieldSpec* field = header_field(spec, columns, trim(header.cells[c].value));
      if (field == nullptr) continue;
      if (field->key == "id" && !id_column) id_column = c;
      if (field->key == "building" && !building_column) building_column = c;
    }
  }
  if (!id_column || !building_column)
    throw ScreensCsvProblem(
        say("screens.csv 的第一行（表头）里找不到“屏幕编号”和“楼栋”两列：请先补上表头",
            "screens.csv's first line (the header) lacks the screen and building columns; add them "
            "first"));
  std::vector<std::string> cells(width);
  cells[*id_column] = csv_cell(screen);
  cells[*building_column] = csv_cell(building);
  std::string row;
  for (std::size_t c = 0; c < cells.size(); ++c) row += (c == 0 ? "" : ",") + cells[c];
  // The file's own line ending, and its encoding (the ids are ASCII, the same bytes in
  // both, but a row is a row of the file).
  const std::string eol = decoded.text.find("\r\n") != std::string::npos ? "\r\n" : "\n";
  if (decoded.encoding == Encoding::gb18030) row = utf8_to_gb18030(row);
  std::string bytes = *existing;
  if (bytes.back() != '\n') bytes += eol;
  return bytes + row + eol;
}

void add_screen_row(const fs::path& content_dir, const std::string& screen,
                    const std::string& building) {
  for (const Existing& table : existing_tables(content_dir)) {
    if (table.file == "screens.csv") continue;
    for (const std::string& c : table.collections)
      if (c == "screens")
        throw ScreensCsvProblem(say("屏幕表在 " + table.file +
                                        " 里，工作台不改它：请在那里加一行（" +
                                        what_to_add(screen, building) + "）",
                                    "the screens are kept in " + table.file +
                                        ", which the workbench does not change: "
                                        "add a row there (" +
                                        what_to_add(screen, building) + ")"));
  }
  std::error_code ec;
  if (fs::is_directory(content_dir / "screens", ec))
    throw ScreensCsvProblem(
        say("屏幕写在 screens 文件夹里，工作台不改它：请在那里为这块屏幕新建一个文件（" +
                what_to_add(screen, building) + "）",
            "the screens are kept in the screens folder, which the workbench does not change: "
            "add a file for this screen there (" +
                what_to_add(screen, building) + ")"));
  const fs::path file = content_dir / "screens.csv";
  if (fs::is_symlink(file, ec))
    throw ScreensCsvProblem(
        say("内容文件夹里的 screens.csv "
            "是快捷方式（符号链接），工作台不改它：请在它指向的文件里加一行（" +
                what_to_add(screen, building) + "）",
            "screens.csv in the content folder is a symbolic link, which the workbench does not "
            "change: add a row to the file it points to (" +
                what_to_add(screen, building) + ")"));
  std::optional<std::string> existing;
  mode_t mode = 0644;
  if (fs::exists(file, ec)) {
    existing = read_whole_file(file);
    if (!existing) throw ScreensCsvProblem(say("读不了 screens.csv", "cannot read screens.csv"));
    struct stat st {};
    if (::stat(file.c_str(), &st) == 0) mode = st.st_mode & 07777;
  }
  const std::map<std::string, ColumnMap> columns = site_columns(content_dir);
  const auto mapped = columns.find("screens");
  write_whole_file(file,
                   screens_csv_with_row(existing, screen, building,
                                        mapped == columns.end() ? nullptr : &mapped->second),
                   mode);
}

}  // namespace hgj::studio
