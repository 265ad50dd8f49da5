#include "studio/upload_check.h"

#include <doctest/doctest.h>
#include <zip.h>

#include "../language_scope.h"
#include "hgj/encoding.h"
#include "import_fixtures.h"

using namespace hgj;
using namespace hgj::studio;

namespace {

std::string name_of(std::string_view sent) {
  std::string error;
  const std::string name = upload_file_name(sent, error);
  return name.empty() ? "ERROR " + error : name;
}

std::string error_of(std::string_view name, std::string_view bytes) {
  return check_upload(name, bytes).error;
}

// A zip holding one file, as a .docx renamed .xlsx is.
std::string zip_with(const char* entry) {
  hgj::testing::TempFolder folder;
  const std::string file = (folder.path() / "a.zip").string();
  zip_t* zip = zip_open(file.c_str(), ZIP_CREATE | ZIP_TRUNCATE, nullptr);
  static const char xml[] = "<document/>";
  zip_file_add(zip, entry, zip_source_buffer(zip, xml, sizeof xml - 1, 0), 0);
  zip_close(zip);
  return hgj::testing::slurp(file);
}

}  // namespace

TEST_CASE("the name kept is the last part of what the browser sent") {
  const LanguageScope chinese(Language::zh);
  CHECK(name_of("台账.xlsx") == "台账.xlsx");
  CHECK(name_of("C:\\Users\\王\\桌面\\台账.xlsx") == "台账.xlsx");
  CHECK(name_of("C:台账.xlsx") == "台账.xlsx");
  CHECK(name_of("/home/wang/stewards.csv") == "stewards.csv");
  CHECK(name_of("..台账.xlsx") == "..台账.xlsx");
  CHECK(name_of("../../etc/passwd.csv") ==
        "ERROR 文件名“../../etc/passwd.csv”里有“..”：只能上传文件本身，不能带文件夹路径");
  CHECK(name_of("a\\..\\b.csv") ==
        "ERROR 文件名“a\\..\\b.csv”里有“..”：只能上传文件本身，不能带文件夹路径");
  CHECK(name_of("") == "ERROR 上传的文件没有名字：请选择一个 .xlsx 或 .csv 文件");
  CHECK(name_of("folder/") == "ERROR 上传的文件没有名字：请选择一个 .xlsx 或 .csv 文件");
  CHECK(name_of("C:") == "ERROR 上传的文件没有名字：请选择一个 .xlsx 或 .csv 文件");
  const std::string control =
      "ERROR 上传文件的名字里有控制字符或乱码：请把文件改个普通的名字（如 台账.xlsx）再上传";
  CHECK(name_of("a\nb.csv") == control);
  CHECK(name_of(std::string("a\0b.csv", 7)) == control);
  CHECK(name_of("\x7f.csv") == control);
  CHECK(name_of(utf8_to_gb18030("台账.csv")) == control);
  CHECK(name_of(std::string(256, 'a') + ".csv") ==
        "ERROR 上传文件的名字太长了（超过 255 字节）：请改短一些再上传");
}

TEST_CASE("only .xlsx and .csv, in any case, and not Excel's lock or hidden files") {
  const LanguageScope chinese(Language::zh);
  const std::string book = hgj::testing::small_workbook({{"红管家", {{"编号"}}}});
  CHECK(check_upload("台账.XLSX", book).ok());
  CHECK(check_upload("台账.XLSX", book).kind == UploadKind::xlsx);
  CHECK(check_upload("Stewards.Csv", "编号\n").kind == UploadKind::csv);
  CHECK(error_of("setup.exe", "MZ") ==
        "“setup.exe”不是表格：只能导入 Excel 工作簿（.xlsx）或 CSV 表格（.csv）");
  CHECK(error_of("台账", book) ==
        "“台账”不是表格：只能导入 Excel 工作簿（.xlsx）或 CSV 表格（.csv）");
  CHECK(error_of("台账.xls", "x") ==
        "“台账.xls”不是 .xlsx：只能导入 .xlsx 和 .csv；请用 Excel 或 WPS 打开它，另存为“Excel "
        "工作簿 (*.xlsx)”后再上传");
  CHECK(error_of("~$台账.xlsx", book) ==
        "“~$台账.xlsx”是 Excel 或 WPS 打开文件时留下的临时文件，不是台账：请上传原来的工作簿");
  CHECK(error_of(".台账.xlsx", book) ==
        "“.台账.xlsx”以“.”开头，是隐藏文件：请把文件改名（如 台账.xlsx）再上传");
}

TEST_CASE("the size limit and empty files") {
  const LanguageScope chinese(Language::zh);
  CHECK(error_of("issues.csv", std::string(max_upload_bytes + 1, 'a')) ==
        "“issues.csv”有 20.0 MB，超过了上传的上限 20.0 MB：请把表拆成几个文件，或删掉不用的工作表");
  CHECK(check_upload("issues.csv", std::string(max_upload_bytes - 1, 'a') + "\n").ok());
  CHECK(error_of("issues.csv", "") == "“issues.csv”是空的（0 字节）：请重新保存后再上传");
}

TEST_CASE("a workbook's bytes must be a workbook") {
  const LanguageScope chinese(Language::zh);
  const std::string save = "请用 Excel 或 WPS 另存为“Excel 工作簿 (*.xlsx)”后再上传";
  CHECK(error_of("照片.xlsx", "\xFF\xD8\xFF\xE0\x00\x10JFIF") ==
        "“照片.xlsx”不是 Excel 工作簿：它是一张 JPEG 图片。" + save);
  CHECK(error_of("台账.xlsx", zip_with("word/document.xml")) ==
        "“台账.xlsx”不是 Excel 工作簿：它是 Word 文档（.docx）改了扩展名。" + save);
  CHECK(error_of("台账.xlsx", zip_with("notes.txt")) ==
        "“台账.xlsx”不是 Excel 工作簿：它是一个 zip 压缩包，里面没有工作表。" + save);
  CHECK(error_of("台账.xlsx", "编号,姓名\nHF-1,王\n") ==
        "“台账.xlsx”不是 Excel 工作簿：它是文本，是把 CSV 改名成了 .xlsx 吗？请把扩展名改回 .csv "
        "再上传");
  const std::string book = hgj::testing::small_workbook({{"红管家", {{"编号"}}}});
  CHECK(error_of("台账.xlsx", book.substr(0, book.size() / 2)) ==
        "“台账.xlsx”不是 Excel 工作簿：文件不完整（后半截丢了），请重新保存后再上传。" + save);
  CHECK(error_of("台账.xlsx", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 old") ==
        "“台账.xlsx”不是 Excel 工作簿：它是旧的 .xls/.doc 格式（或设了密码的工作簿）。" + save);
  CHECK(error_of("台账.xlsx", std::string("\x01\x02\x03", 3)) ==
        "“台账.xlsx”不是 Excel 工作簿：" + save);
}

TEST_CASE("a CSV's bytes must be text the loader decodes, UTF-8 or GB18030") {
  const LanguageScope chinese(Language::zh);
  CHECK(check_upload("stewards.csv", "\xEF\xBB\xBF编号,姓名\r\nHF-1,王建华\r\n").ok());
  CHECK(check_upload("stewards.csv", utf8_to_gb18030("编号,姓名\nHF-1,王建华\n")).ok());
  const std::string save = "请用 Excel 或 WPS 另存为“CSV (逗号分隔)”后再上传";
  CHECK(error_of("stewards.csv", hgj::testing::small_workbook({{"红管家", {{"编号"}}}})) ==
        "“stewards.csv”不是 CSV 表格：它是 Excel 工作簿或压缩包，扩展名却是 "
        ".csv；如果是工作簿，请把扩展名改回 .xlsx 再上传");
  CHECK(error_of("stewards.csv", "%PDF-1.7") ==
        "“stewards.csv”不是 CSV 表格：它是一个 PDF 文件。" + save);
  CHECK(error_of("stewards.csv", std::string("编号\0姓名", 13)) ==
        "“stewards.csv”不是 CSV 表格：里面有不是文字的内容。" + save);
  CHECK(error_of("stewards.csv",
                 "\xFF\xFE"
                 "a\0b\0") == "“stewards.csv”不是 CSV 表格：里面有不是文字的内容。" + save);
}

TEST_CASE("upload messages in English") {
  const LanguageScope english(Language::en);
  CHECK(error_of("photo.xlsx", "\x89PNG\r\n") ==
        "\"photo.xlsx\" is not an Excel workbook: it is a PNG picture; save it from Excel or WPS "
        "as \"Excel 工作簿 (*.xlsx)\" "
        "and upload that");
}
