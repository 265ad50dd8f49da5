#include "studio/column_memory.h"

#include <doctest/doctest.h>

#include "../language_scope.h"
#include "import_fixtures.h"
#include "studio/ledger_import.h"

using namespace hgj;
using namespace hgj::studio;
using hgj::testing::TempFolder;
namespace fs = std::filesystem;

namespace {

// A platform export's stewards: 联系人 and 手机 where the ledger says 姓名 and 电话 (手机
// is an alias already; 联系人 is not).
const std::string platform_csv =
    "编号,联系人,手机,负责楼栋\n"
    "HF-009,罗永福,138 0000 0009,dpb-03:3-4\n";

std::string site_toml(const fs::path& content) {
  return hgj::testing::slurp(content / "site.toml");
}

}  // namespace

TEST_CASE("an unknown header is listed with the fields it could be, and once remembered it maps") {
  const LanguageScope chinese(Language::zh);
  TempFolder folder;
  const fs::path content = hgj::testing::demo_copy(folder);
  const fs::path staging = folder.path() / "staging";
  const ImportPreview p = stage_import(content, "平台导出.csv", platform_csv, staging);
  REQUIRE(p.tables.size() == 1);
  CHECK(p.target == "stewards.csv");
  const PreviewTable& t = p.tables[0];
  REQUIRE(t.unknown_columns.size() == 1);
  CHECK(t.unknown_columns[0].header == "联系人");
  CHECK(t.unknown_columns[0].column == 2);
  std::vector<std::string> keys;
  for (const FieldChoice& choice : t.unknown_columns[0].choices)
    keys.push_back(choice.key + " " + choice.label);
  CHECK(keys == std::vector<std::string>{"name 姓名", "photo 照片", "wechat_qr 微信群二维码",
                                         "party_member 党员", "role 身份", "since 聘任日期",
                                         "honors 荣誉", "office_hours 服务时间", "status 状态",
                                         "left_on 离任日期", "order 排序"});
  CHECK(t.problems.front().heading ==
        "stewards.csv:1:2: 警告：不认识的列“联系人”，已忽略：请核对列名（可用的列名见 "
        "docs/content.md），不需要的话可以删掉");

  const std::string before = site_toml(content);
  remember_columns(content, "stewards", {{"联系人", "name"}});
  CHECK(site_toml(content) == before + "\n[columns.stewards]\n\"联系人\" = \"name\"\n");

  const ImportPreview again = stage_import(content, "平台导出.csv", platform_csv, staging);
  CHECK(again.tables[0].unknown_columns.empty());
  CHECK(again.tables[0].problems.empty());
}

TEST_CASE("remembered keys go after the section's last key, before its trailing comments") {
  const LanguageScope chinese(Language::zh);
  TempFolder folder;
  const std::string head =
      "# 街道的设置\r\ntitle = \"红枫街道\"\r\n\r\n[columns.stewards] # "
      "平台导出的表头\r\n\"人员姓名\" = \"name\"\r\n";
  const std::string tail =
      "\r\n# 问题台账的表头\r\n[columns.issues]\r\n\"事项名称\" = \"title\"";  // no final line
                                                                               // break
  folder.write("site.toml", head + tail);
  remember_columns(folder.path(), "stewards", {{"包片楼栋", "buildings"}, {"人员姓名", "name"}});
  CHECK(hgj::testing::slurp(folder.path() / "site.toml") ==
        head + "\"包片楼栋\" = \"buildings\"\r\n" + tail);
  remember_columns(folder.path(), "issues", {{"类\"别", "category"}});
  CHECK(hgj::testing::slurp(folder.path() / "site.toml") ==
        head + "\"包片楼栋\" = \"buildings\"\r\n" + tail + "\r\n\"类\\\"别\" = \"category\"\r\n");
}

TEST_CASE("what cannot be remembered is refused and site.toml stays as it was") {
  const LanguageScope chinese(Language::zh);
  TempFolder folder;
  const std::string text = "title = \"x\"\n[columns.stewards]\n\"人员姓名\" = \"name\"\n";
  folder.write("site.toml", text);
  const auto refused = [&](const std::string& collection, const ColumnChoices& choices) {
    try {
      remember_columns(folder.path(), collection, choices);
    } catch (const ImportError& e) {
      return std::string(e.what());
    }
    return std::string("remembered");
  };
  CHECK(refused("helpers", {{"a", "name"}}) == "没有叫 helpers 的表");
  CHECK(refused("duties", {{"a", "id"}}) == "没有叫 duties 的表");
  CHECK(refused("stewards", {{"a", "nmae"}}) == "“nmae”不是 stewards 的字段");
  CHECK(refused("stewards", {{"联系电话 ", "phone"}}) ==
        "列名“联系电话 ”是空的、前后有空格或有控制字符，不能记住");
  CHECK(refused("stewards", {{"a\nb", "phone"}}) ==
        "列名“a\nb”是空的、前后有空格或有控制字符，不能记住");
  CHECK(refused("stewards", {{"人员姓名", "role"}}) ==
        "site.toml 的 [columns.stewards] 已经把“人员姓名”对应到 name，没有改动：要改请直接编辑 "
        "site.toml");
  CHECK(hgj::testing::slurp(folder.path() / "site.toml") == text);

  folder.write("site.toml", "[columns]\nstewards = { \"人员姓名\" = \"name\" }\n");
  CHECK(refused("stewards", {{"联系电话", "phone"}}) ==
        "site.toml 里 [columns] 的写法没法自动添加，没有改动：请在 site.toml 的 [columns.stewards] "
        "下手动加上 \"联系电话\" = \"phone\"");
  folder.write("site.toml", "title = “红枫”\n");
  CHECK(refused("stewards", {{"联系电话", "phone"}}) ==
        "site.toml 本身有错误，没有改动：请先用“检查”页改好它");
  CHECK(hgj::testing::slurp(folder.path() / "site.toml") == "title = “红枫”\n");

  folder.write("real.toml", text);
  fs::remove(folder.path() / "site.toml");
  fs::create_symlink("real.toml", folder.path() / "site.toml");
  CHECK(refused("stewards", {{"联系电话", "phone"}}) ==
        "site.toml 不是内容文件夹里的普通文件（不存在，或是快捷方式），没有改动");
}
