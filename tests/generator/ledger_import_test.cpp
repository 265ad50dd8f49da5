#include "studio/ledger_import.h"

#include <doctest/doctest.h>

#include "../language_scope.h"
#include "diff/publication.h"
#include "import_fixtures.h"

using namespace hgj;
using namespace hgj::studio;
using hgj::testing::TempFolder;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> headings(const std::vector<ImportProblem>& problems) {
  std::vector<std::string> out;
  for (const ImportProblem& p : problems) out.push_back(p.heading);
  return out;
}

const PreviewTable& table(const ImportPreview& preview, const std::string& collection) {
  const auto it = std::find_if(preview.tables.begin(), preview.tables.end(),
                               [&](const PreviewTable& t) { return t.collection == collection; });
  REQUIRE(it != preview.tables.end());
  return *it;
}

// The staff's workbook with three mistakes, each in its own row.
std::string workbook_with_mistakes(const fs::path& content) {
  return hgj::testing::exported_workbook(content, [](LedgerBook& book) {
    hgj::testing::ledger_row(book, "stewards", "HF-010")[2] = "1380000";   // 电话
    hgj::testing::ledger_row(book, "stewards", "HF-011")[7] = "xx-99";     // 楼栋
    hgj::testing::ledger_row(book, "stewards", "HF-012")[8] = "去年春天";  // 聘任日期
  });
}

std::size_t entries(const fs::path& folder) {
  std::error_code ec;
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(folder, ec), fs::directory_iterator()));
}

}  // namespace

TEST_CASE(
    "an exported workbook with mistakes: each row beside its problems, the content untouched") {
  const LanguageScope chinese(Language::zh);
  TempFolder folder;
  const fs::path content = hgj::testing::demo_copy(folder);
  const std::string version = content_version(content);
  const auto files = hgj::testing::tree(content);

  const ImportPreview p = stage_import(content, "台账.xlsx", workbook_with_mistakes(content),
                                       folder.path() / "staging");

  CHECK(hgj::testing::tree(content) == files);
  CHECK(content_version(content) == version);
  CHECK(p.content_version == version);
  CHECK(p.target == "台账.xlsx");
  CHECK_FALSE(p.replaces);
  CHECK(p.collections ==
        std::vector<std::string>{"grids", "buildings", "stewards", "issues", "screens"});
  CHECK(p.superseded == std::vector<std::string>{"buildings.csv", "grids.csv", "issues.csv",
                                                 "screens.csv", "stewards.csv"});
  CHECK(p.notes.empty());
  CHECK(p.errors == 3);
  CHECK(p.errors_before == 0);

  const PreviewTable& stewards = table(p, "stewards");
  CHECK(stewards.path == "台账.xlsx[红管家]");
  CHECK(stewards.header.front() == "编号");
  REQUIRE(stewards.rows.size() == 20);
  CHECK(stewards.rows[0].line == 2);
  CHECK(stewards.rows[0].problems.empty());
  CHECK(stewards.rows[1].cells[0] == "HF-010");
  CHECK(headings(stewards.rows[1].problems) ==
        std::vector<std::string>{
            "台账.xlsx[红管家]!C3: 错误：电话“1380000”不是有效的电话号码：手机写 11 位数字，"
            "座机写区号加号码，例如 0851-85550001"});
  CHECK(
      headings(stewards.rows[2].problems) ==
      std::vector<std::string>{
          "台账.xlsx[红管家]!H4: 错误：楼栋“xx-99”不是已有的楼栋编号或名字：请先在楼栋表里添上它，"
          "或改写成已有的编号"});
  CHECK(headings(stewards.rows[3].problems) ==
        std::vector<std::string>{
            "台账.xlsx[红管家]!I5: 错误：聘任日期“去年春天”不是有效的日期：请写成 2026-03-14、"
            "2026/3/14 或 2026年3月14日"});
  // The private column is there, its values are not.
  CHECK(stewards.header.back() == "_家庭住址");
  CHECK(stewards.private_columns.back());
  CHECK(stewards.rows[0].cells.back().empty());
  CHECK(headings(p.problems) == std::vector<std::string>{headings(stewards.rows[1].problems)[0],
                                                         headings(stewards.rows[2].problems)[0],
                                                         headings(stewards.rows[3].problems)[0]});

  // The rows that failed are gone from what would be published: hgj diff's lines say so.
  REQUIRE(p.changes.size() == 2);
  CHECK(p.changes[0].heading == "坊口街社区");
  CHECK(p.changes[0].lines == std::vector<std::string>{"删除红管家 叶国庆（HF-012）"});
  CHECK(p.changes[1].lines ==
        std::vector<std::string>{"删除红管家 罗永福（HF-010）", "删除红管家 吴彩凤（HF-011）"});
  CHECK(p.reprint[0].heading == "需重印的公示牌（3）");
  CHECK(p.kiosk_changed);
}

TEST_CASE("the errors of a preview keep it from being accepted unless the caller allows them") {
  const LanguageScope chinese(Language::zh);
  TempFolder folder;
  const fs::path content = hgj::testing::demo_copy(folder);
  const auto files = hgj::testing::tree(content);
  const ImportPreview p = stage_import(content, "台账.xlsx", workbook_with_mistakes(content),
                                       folder.path() / "staging");
  try {
    accept_import(content, folder.path() / "staging", p.token);
    FAIL("accepted");
  } catch (const ImportError& e) {
    CHECK(std::string(e.what()) == "导入后内容会有 3 个错误，没有导入：请在表格里改好后重新上传");
  }
  CHECK(hgj::testing::tree(content) == files);
  const AcceptResult done =
      accept_import(content, folder.path() / "staging", p.token, {.allow_errors = true});
  CHECK(done.written == "台账.xlsx");
  CHECK(fs::exists(content / "台账.xlsx"));
}

TEST_CASE(
    "a clean workbook accepted: the new file in, the tables it supersedes out, the content loads "
    "clean") {
  const LanguageScope chinese(Language::zh);
  TempFolder folder;
  const fs::path content = hgj::testing::demo_copy(folder);
  const fs::path staging = folder.path() / "staging";
  const std::string book = hgj::testing::exported_workbook(content);
  const ImportPreview p = stage_import(content, "台账.xlsx", book, staging);
  CHECK(p.errors == 0);
  CHECK(p.warnings == 0);
  CHECK(p.changes.empty());  // the same rows in another form: nothing for the site changes
  CHECK_FALSE(p.kiosk_changed);
  CHECK(fs::is_directory(staging / p.token));

  const AcceptResult done = accept_import(content, staging, p.token);
  CHECK(done.written == "台账.xlsx");
  CHECK(done.removed == p.superseded);
  CHECK(hgj::testing::slurp(content / "台账.xlsx") == book);
  for (const std::string& file : p.superseded) CHECK_FALSE(fs::exists(content / file));
  CHECK_FALSE(fs::exists(staging / p.token));  // accepted: the staging folder is gone
  CHECK(entries(content) == entries(HGJ_SOURCE_DIR "/content") - 5 + 1);  // no temporary file left

  DiagnosticSink sink;
  load_content(content.string(), sink);
  CHECK(sink.error_count() == 0);
  CHECK(sink.warning_count() == 0);

  // A second upload of the same workbook replaces the one now in the content.
  const ImportPreview again = stage_import(content, "别的名字.xlsx", book, staging);
  CHECK(again.target == "台账.xlsx");
  CHECK(again.replaces);
  CHECK(again.superseded.empty());
}

TEST_CASE("a CSV of issues with rows appended replaces issues.csv") {
  const LanguageScope chinese(Language::zh);
  TempFolder folder;
  const fs::path content = hgj::testing::demo_copy(folder);
  const std::string csv = hgj::testing::slurp(content / "issues.csv") +
                          "SX-2026-901,楼道灯不亮,设施维修,dpb-03,2026-11-02,,,,,,,,,,,,\n"
                          "SX-2026-902,单车乱停,乱停乱放,dpb-05,2026-11-03,,,,,,,,,,,,\n";
  const ImportPreview p = stage_import(content, "issues.csv", csv, folder.path() / "staging");
  CHECK(p.kind == UploadKind::csv);
  CHECK(p.target == "issues.csv");
  CHECK(p.replaces);
  CHECK(p.superseded.empty());
  CHECK(p.errors == 0);
  const PreviewTable& issues = table(p, "issues");
  CHECK(issues.path == "issues.csv");
  CHECK(issues.rows.back().line == 93);
  CHECK(issues.rows.back().cells[1] == "单车乱停");
  REQUIRE(p.changes.size() == 1);
  CHECK(p.changes[0].heading == "天平巷社区");
  CHECK(p.changes[0].lines == std::vector<std::string>{"问题台账 +2 条"});

  accept_import(content, folder.path() / "staging", p.token);
  CHECK(hgj::testing::slurp(content / "issues.csv") == csv);
}

TEST_CASE(
    "a CSV named after no table is recognised by its header, and supersedes the table's workbook") {
  const LanguageScope chinese(Language::zh);
  TempFolder folder;
  const fs::path content = hgj::testing::demo_copy(folder);
  fs::rename(content / "screens.csv", folder.path() / "screens.csv");
  const std::string screens =
      hgj::testing::small_workbook({{"屏幕", {{"屏幕编号", "楼栋"}, {"S-1", "dpb-03"}}}});
  std::ofstream(content / "screens.xlsx", std::ios::binary) << screens;
  const ImportPreview p =
      stage_import(content, "C:\\Users\\王\\桌面\\自助屏清单.csv",
                   hgj::testing::slurp(folder.path() / "screens.csv"), folder.path() / "staging");
  CHECK(p.upload_name == "自助屏清单.csv");
  CHECK(p.collections == std::vector<std::string>{"screens"});
  CHECK(p.target == "screens.csv");
  CHECK_FALSE(p.replaces);
  CHECK(p.superseded == std::vector<std::string>{"screens.xlsx"});
}

TEST_CASE("a workbook holding part of the content's workbook says which tables the import drops") {
  const LanguageScope chinese(Language::zh);
  TempFolder folder;
  const fs::path content = hgj::testing::demo_copy(folder);
  const fs::path staging = folder.path() / "staging";
  accept_import(
      content, staging,
      stage_import(content, "台账.xlsx", hgj::testing::exported_workbook(content), staging).token);
  const std::string only_screens = hgj::testing::small_workbook(
      {{"说明", {{"本表由物业填写"}}}, {"屏幕", {{"编号", "楼栋"}, {"S-1", "dpb-03"}}}});
  const ImportPreview p = stage_import(content, "屏幕.xlsx", only_screens, staging);
  CHECK(p.target == "台账.xlsx");
  CHECK(p.replaces);
  CHECK(
      p.notes ==
      std::vector<std::string>{
          "“台账.xlsx”里的 网格、楼栋、红管家、问题台账 在上传的文件里没有：导入后这些表就没有了；"
          "如果不是有意的，请上传完整的工作簿"});
  CHECK(p.errors > 0);  // the stewards' buildings are gone with them
}

TEST_CASE("accepting after the content changed is refused and writes nothing") {
  const LanguageScope chinese(Language::zh);
  TempFolder folder;
  const fs::path content = hgj::testing::demo_copy(folder);
  const ImportPreview p = stage_import(
      content, "台账.xlsx", hgj::testing::exported_workbook(content), folder.path() / "staging");
  folder.write("content/notices/2026-12-new.md",
               "+++\ntitle = \"停水通知\"\ndate = 2026-12-01\n+++\n明天停水。\n");
  const auto files = hgj::testing::tree(content);
  try {
    accept_import(content, folder.path() / "staging", p.token);
    FAIL("accepted");
  } catch (const ImportError& e) {
    CHECK(std::string(e.what()) ==
          "内容在预览之后被改过了（可能有人刚导入或修改过），这次没有写入任何东西：请重新上传，看过"
          "新的预览再导入");
  }
  CHECK(hgj::testing::tree(content) == files);
}

TEST_CASE(
    "a token that is unknown, malformed or whose staging folder vanished gets one clear message") {
  const LanguageScope chinese(Language::zh);
  TempFolder folder;
  const fs::path content = hgj::testing::demo_copy(folder);
  const fs::path staging = folder.path() / "staging";
  const ImportPreview p =
      stage_import(content, "issues.csv", hgj::testing::slurp(content / "issues.csv"), staging);
  CHECK(staged_preview(content, staging, p.token).target == "issues.csv");
  fs::remove_all(staging / p.token);
  const std::string gone =
      "这次导入已经找不到了（可能已经导入、取消，或暂存被清理了）：请重新上传文件";
  for (const std::string& token :
       {p.token, std::string("../../etc"), std::string("0123456789abcdef0123456789abcdef")}) {
    CHECK_THROWS_WITH_AS(staged_preview(content, staging, token), gone.c_str(), ImportError);
    CHECK_THROWS_WITH_AS(accept_import(content, staging, token), gone.c_str(), ImportError);
  }
}

TEST_CASE("an import never replaces a symbolic link in the content folder") {
  const LanguageScope chinese(Language::zh);
  TempFolder folder;
  const fs::path content = hgj::testing::demo_copy(folder);
  const fs::path staging = folder.path() / "staging";
  const std::string issues = hgj::testing::slurp(content / "issues.csv");
  const std::string appended =
      issues + "SX-2026-901,楼道灯不亮,设施维修,dpb-03,2026-11-02,,,,,,,,,,,,\n";
  folder.write("outside/issues.csv", issues);
  const auto link_issues = [&] {
    fs::remove(content / "issues.csv");
    fs::create_symlink(folder.path() / "outside/issues.csv", content / "issues.csv");
  };

  SUBCASE("a link when the upload is staged: refused at once") {
    link_issues();
    CHECK_THROWS_WITH_AS(stage_import(content, "issues.csv", appended, staging),
                         "内容文件夹里的 issues.csv "
                         "是快捷方式（符号链接），导入不会替换它：请把真正的文件放进内容文件夹",
                         ImportError);
  }
  SUBCASE("a link put in its place after the preview, with the same bytes: refused on accept") {
    const ImportPreview p = stage_import(content, "issues.csv", appended, staging);
    link_issues();
    REQUIRE(content_version(content) == p.content_version);  // the version reads through the link
    CHECK_THROWS_WITH_AS(
        accept_import(content, staging, p.token),
        "issues.csv 是快捷方式（符号链接），没有替换它：请把真正的文件放进内容文件夹", ImportError);
  }
  CHECK(hgj::testing::slurp(folder.path() / "outside/issues.csv") == issues);
  CHECK(fs::is_symlink(content / "issues.csv"));
}

TEST_CASE("a staging folder inside the content folder is refused unless it is hidden") {
  const LanguageScope chinese(Language::zh);
  TempFolder folder;
  const fs::path content = hgj::testing::demo_copy(folder);
  const std::string csv = hgj::testing::slurp(content / "issues.csv");
  CHECK_THROWS_WITH_AS(stage_import(content, "issues.csv", csv, content / "staging"),
                       "导入的暂存文件夹不能放在内容文件夹里（隐藏文件夹除外）", ImportError);
  CHECK_FALSE(fs::exists(content / "staging"));
  const ImportPreview p = stage_import(content, "issues.csv", csv, content / ".hgj" / "imports");
  CHECK(p.errors == 0);
  CHECK(p.changes.empty());
}

TEST_CASE("after a restart the staged upload is previewed again against the content as it is now") {
  const LanguageScope chinese(Language::zh);
  TempFolder folder;
  const fs::path content = hgj::testing::demo_copy(folder);
  const fs::path staging = folder.path() / "staging";
  const std::string csv = hgj::testing::slurp(content / "issues.csv") +
                          "SX-2026-901,楼道灯不亮,设施维修,dpb-03,2026-11-02,,,,,,,,,,,,\n";
  const ImportPreview first = stage_import(content, "issues.csv", csv, staging);
  folder.write("content/notices/2026-12-new.md",
               "+++\ntitle = \"停水通知\"\ndate = 2026-12-01\n+++\n明天停水。\n");
  // Another path to the same folder: what this process cached is not found there, as after a
  // restart.
  fs::create_directory_symlink(staging, folder.path() / "restarted");
  const ImportPreview again = staged_preview(content, folder.path() / "restarted", first.token);
  CHECK(again.token == first.token);
  CHECK(again.target == "issues.csv");
  CHECK(again.content_version == content_version(content));
  CHECK(again.content_version != first.content_version);
  const AcceptResult done = accept_import(content, staging, first.token);
  CHECK(done.written == "issues.csv");
  CHECK(hgj::testing::slurp(content / "issues.csv") == csv);
}

TEST_CASE("stale staged imports are removed, young ones and other folders kept") {
  TempFolder folder;
  const fs::path content = hgj::testing::demo_copy(folder);
  const fs::path staging = folder.path() / "staging";
  const std::string csv = hgj::testing::slurp(content / "issues.csv");
  const ImportPreview old = stage_import(content, "issues.csv", csv, staging);
  const ImportPreview young = stage_import(content, "issues.csv", csv, staging);
  fs::create_directory(staging / "notes");
  const auto two_days_ago = fs::file_time_type::clock::now() - std::chrono::hours(48);
  fs::last_write_time(staging / old.token / "import.toml", two_days_ago);
  fs::last_write_time(staging / "notes", two_days_ago);
  CHECK(discard_stale_imports(staging, std::chrono::hours(24)) == 1);
  CHECK_FALSE(fs::exists(staging / old.token));
  CHECK(fs::exists(staging / young.token));
  CHECK(fs::exists(staging / "notes"));
  CHECK_THROWS_AS(accept_import(content, staging, old.token), ImportError);
}

TEST_CASE("bad uploads: one message naming the file, nothing staged, nothing written") {
  const LanguageScope chinese(Language::zh);
  TempFolder folder;
  const fs::path content = hgj::testing::demo_copy(folder);
  const fs::path staging = folder.path() / "staging";
  const auto files = hgj::testing::tree(content);
  const auto refused = [&](const std::string& name, const std::string& bytes) {
    try {
      stage_import(content, name, bytes, staging);
    } catch (const ImportError& e) {
      return std::string(e.what());
    }
    return std::string("staged");
  };
  CHECK(refused("照片.xlsx", "\xFF\xD8\xFF\xE0 JFIF") ==
        "“照片.xlsx”不是 Excel 工作簿：它是一张 JPEG 图片。请用 Excel 或 WPS 另存为“Excel 工作簿 "
        "(*.xlsx)”后再上传");
  CHECK(refused("setup.exe", "MZ\x90") ==
        "“setup.exe”不是表格：只能导入 Excel 工作簿（.xlsx）或 CSV 表格（.csv）");
  CHECK(refused("../../etc/passwd.csv", "root:x:0:0\n") ==
        "文件名“../../etc/passwd.csv”里有“..”：只能上传文件本身，不能带文件夹路径");
  CHECK(refused("台账.xlsx", std::string(max_upload_bytes + 1, 'x')) ==
        "“台账.xlsx”有 20.0 MB，超过了上传的上限 20.0 MB：请把表拆成几个文件，或删掉不用的工作表");
  CHECK(refused("stewards.csv", "") == "“stewards.csv”是空的（0 字节）：请重新保存后再上传");
  CHECK(refused("名单.csv", "甲,乙,丙\n1,2,3\n") ==
        "认不出“名单.csv”是哪一张表：表头也对不上任何一张表；请把存数据的工作表改名为 "
        "社区、网格、楼栋、红管家 或 问题台账，"
        "或把文件改名为表名（如 stewards.csv），表头用 docs/content.md 里的列名");
  CHECK(refused("汇总.xlsx",
                hgj::testing::small_workbook({{"Sheet1", {{"甲", "乙"}}}, {"Sheet2", {{"丙"}}}})) ==
        "认不出“汇总."
        "xlsx”是哪一张表：它的工作表（Sheet1、Sheet2）没有一个以表命名，表头也对不上任何一张表；"
        "请把存数据的工作表改名为 社区、网格、楼栋、红管家 或 问题台账，或把文件改名为表名（如 "
        "stewards.csv），"
        "表头用 docs/content.md 里的列名");
  CHECK(hgj::testing::tree(content) == files);
  CHECK(entries(staging) == 0);
}
