// Pairing from the workbench writes one row into screens.csv as text (studio/screens_csv.h):
// the bytes already there stay, the row follows the file's encoding, line ending and
// header, and a file it cannot add to safely is refused with nothing written.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "../language_scope.h"
#include "../temp_folder.h"
#include "hgj/encoding.h"
#include "hgj/files.h"
#include "studio/screens_csv.h"

namespace hgj::studio {
namespace {

std::string with_row(const std::optional<std::string>& existing,
                     const ColumnMap* columns = nullptr) {
  return screens_csv_with_row(existing, "HQX-TNV", "dpb-05", columns);
}

void write(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary) << bytes;
}

TEST_CASE("screens.csv: a missing file is made with the Chinese header, as Excel's CSV UTF-8") {
  CHECK(with_row(std::nullopt) ==
        "\xEF\xBB\xBF屏幕编号,楼栋,方向,尺寸,夜间开始,夜间结束,备注\r\nHQX-TNV,dpb-05,,,,,\r\n");
  CHECK(with_row(std::string()) == with_row(std::nullopt));
}

TEST_CASE("screens.csv: the row goes under the header's columns, the file's bytes kept") {
  const std::string file = "备注,楼栋,屏幕编号\ntianping-hall 门厅,dpb-01,tianping-hall\n";
  CHECK(with_row(file) == file + ",dpb-05,HQX-TNV\n");
  // English keys and the labels' aliases name the columns too.
  CHECK(with_row("id,所在楼栋\r\na,dpb-01\r\n") == "id,所在楼栋\r\na,dpb-01\r\nHQX-TNV,dpb-05\r\n");
  // No newline at the end: one is added in the file's style before the row.
  CHECK(with_row("屏幕编号,楼栋\r\na,dpb-01") == "屏幕编号,楼栋\r\na,dpb-01\r\nHQX-TNV,dpb-05\r\n");
  // site.toml's [columns.screens] names the folder's own headers.
  const ColumnMap columns{{"终端号", "id"}, {"安装位置", "building"}};
  CHECK(with_row("终端号,安装位置\na,dpb-01\n", &columns) ==
        "终端号,安装位置\na,dpb-01\nHQX-TNV,dpb-05\n");
}

TEST_CASE("screens.csv: a GB18030 file stays GB18030, its other rows byte for byte") {
  const std::string file = utf8_to_gb18030("屏幕编号,楼栋,备注\r\na,dpb-01,一楼大厅\r\n");
  const std::string out = with_row(file);
  CHECK(out.substr(0, file.size()) == file);
  CHECK(out.substr(file.size()) == "HQX-TNV,dpb-05,\r\n");
  CHECK(decode_text(out).encoding == Encoding::gb18030);
}

TEST_CASE("screens.csv: what cannot be added to safely is refused") {
  const LanguageScope chinese(Language::zh);
  CHECK_THROWS_WITH_AS(with_row("屏幕编号,方向\na,竖屏\n"),
                       "screens.csv 的第一行（表头）里找不到“屏幕编号”和“楼栋”两列：请先补上表头",
                       ScreensCsvProblem);
  // An unclosed quote would swallow the new row.
  CHECK_THROWS_WITH_AS(
      with_row("屏幕编号,楼栋,备注\na,dpb-01,\"门厅\n"),
      "screens.csv 第 2 行有问题（引号没有配对：从这里开始的格子一直没有结束，请补上右边的英文引号 "
      "\"）："
      "先改好它（见“检查”页），再配对",
      ScreensCsvProblem);
}

TEST_CASE(
    "screens.csv: added in the content folder, or refused where the screens are kept elsewhere") {
  const LanguageScope chinese(Language::zh);
  testing::TempFolder content;
  write(content.path() / "screens.csv", "屏幕编号,楼栋\na,dpb-01\n");
  add_screen_row(content.path(), "HQX-TNV", "dpb-05");
  CHECK(read_whole_file(content.path() / "screens.csv") ==
        "屏幕编号,楼栋\na,dpb-01\nHQX-TNV,dpb-05\n");

  testing::TempFolder elsewhere;
  std::filesystem::create_directory(elsewhere.path() / "screens");
  CHECK_THROWS_WITH_AS(
      add_screen_row(elsewhere.path(), "HQX-TNV", "dpb-05"),
      "屏幕写在 screens 文件夹里，工作台不改它：请在那里为这块屏幕新建一个文件（屏幕编号 "
      "HQX-TNV，楼栋 dpb-05）",
      ScreensCsvProblem);
  CHECK_FALSE(std::filesystem::exists(elsewhere.path() / "screens.csv"));

  testing::TempFolder linked;
  write(linked.path() / "real.csv", "屏幕编号,楼栋\n");
  std::filesystem::create_symlink(linked.path() / "real.csv", linked.path() / "screens.csv");
  CHECK_THROWS_AS(add_screen_row(linked.path(), "HQX-TNV", "dpb-05"), ScreensCsvProblem);
  CHECK(read_whole_file(linked.path() / "real.csv") == "屏幕编号,楼栋\n");
}

}  // namespace
}  // namespace hgj::studio
