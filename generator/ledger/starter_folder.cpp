#include "ledger/starter_folder.h"

#include <filesystem>
#include <fstream>
#include <map>

#include "hgj/model.h"
#include "hgj/schema.h"
#include "ledger/ledger_workbook.h"

namespace hgj {

namespace fs = std::filesystem;

namespace {

// Every key load_site reads, each with what it is for. Optional keys that need something
// the new folder does not have yet (a duty scheme) are left commented out.
std::string site_toml() {
  std::string categories;
  for (const std::string& c : default_categories())
    categories += (categories.empty() ? "\"" : ", \"") + c + "\"";
  return R"(# 网站设置（由 hgj init 生成）。以 # 开头的行是说明，不会被读取。
# 文字要放在英文双引号 "" 里；改完运行 hgj check 检查。

# 网站标题：显示在每一页的顶部和浏览器标签上（必填）
title = "示例街道楼道红管家"

# 网站的网址：公示牌上的二维码指向这里，要以 https:// 开头（必填）
# 还没有网址时先保留这个，正式发布前改成街道自己的网址
base_url = "https://hgj.example.cn"

# 街道名称（必填）
street = "示例街道"

# 所属区县，显示在页脚
district = "示例区"

# 街道服务热线，显示在每一页和公示牌上；没有就删掉这一行
hotline = "0570-0000000"

# 网站语言，中文就写 zh-CN，不用改
language = "zh-CN"

# 时区：决定“今天”是哪一天（通知是否过期、下次敲门日），不用改
timezone = "Asia/Shanghai"

# 网站样式（主题），用自带的 default 即可
theme = "default"

# 默认的红管家职责方案：content/duties/ 下的文件名（例如 6442.md 就写 "6442"）
# 有了职责方案文件后，去掉下一行开头的 # 号
# duty_scheme = "6442"

# 问题类别：问题台账的“类别”列只能从这里选。要增删类别就改这里，
# 并在 台账.xlsx 的“选项”表里同样修改，下拉列表才会一致
categories = [)" +
         categories + R"(]

# 隐私类别：这些类别的问题在网站上只公开类别、楼栋、日期和结果，不公开事项和处理结果
private_categories = ["邻里纠纷"]

# 公示牌和联户卡的打印设置
[print]
# 纸张大小：A3 或 A4
paper = "A3"

# 楼道大屏（信息屏）的设置
[kiosk]
# 每张画面停留几秒
slide_seconds = 12
# 有人点过屏幕后，多少秒没人操作就回到轮播
idle_seconds = 60
# 夜间从几点开始屏幕变暗或关闭
night_from = "23:00"
# 到几点恢复
night_until = "06:00"
# 夜间怎么办：dim 变暗，blank 关屏
night_mode = "dim"

# 台账表头和这里的不一样（例如网格化管理平台导出的表）时，可以告诉 hgj 哪一列是什么，
# 不用改表头。去掉下面两行开头的 # 号，左边写表头原文，右边写字段名：
# [columns.stewards]
# "联系人姓名" = "name"
)";
}

std::string readme() {
  return R"(# 红管家内容文件夹

这个文件夹是街道红管家网站、公示牌和楼道大屏的全部内容。由 `hgj init` 生成。

- `site.toml`：网站设置（标题、网址、街道名称、问题类别……），每一项都有中文说明。
- `台账.xlsx`：台账。社区、网格、楼栋、红管家、问题台账各一张表，用 Excel 或 WPS 打开填写。
  先看第一张“说明”表；每张表灰色斜体的第 2 行是示例，照着填，填好后删掉示例行。

## 接下来怎么做

1. 用 Excel 或 WPS 打开 `台账.xlsx`，按表头填写，保存为 .xlsx。
2. 在电脑上运行 `hgj check`：有问题会用中文指出是哪张表、哪个格子，例如
   `台账.xlsx[红管家]!C7`。改好再运行，直到显示 0 个错误。
3. 运行 `hgj build` 生成网站，用浏览器打开 `public/index.html` 看看。
4. 以后要整体修改，可以运行 `hgj export --out 台账-导出.xlsx` 把现有内容导成一个工作簿，
   改好后放回这个文件夹替换原来的台账，再运行 `hgj check`。

照片放在 `photos/` 文件夹，微信群二维码放在 `qr/` 文件夹，在台账的“照片”“微信群二维码”列写路径，
例如 `photos/HF-001.jpg`。通知、活动、职责方案用 `hgj new notice 编号` 等命令生成带说明的文件。
以 `_` 开头的列（例如 `_家庭住址`）只留在台账里，永远不会公开。
)";
}

// One example row per sheet, by field key: valid together (the grid is in the community,
// the steward looks after the building, the issue names both), and marked 示例 so staff
// see it is to be replaced.
LedgerSheet example(const std::string& collection,
                    const std::map<std::string, std::string>& values) {
  LedgerSheet sheet{collection, {}, {{}}};
  for (const FieldSpec& field : collection_spec(collection).fields) {
    const auto it = values.find(field.key);
    sheet.rows.front().push_back(it == values.end() ? "" : it->second);
  }
  return sheet;
}

LedgerBook starter_book() {
  LedgerBook book;
  book.categories = default_categories();
  book.example_rows = true;
  book.mark = "hgj init";
  book.sheets = {
      example("communities", {{"id", "shili"},
                              {"name", "示例社区"},
                              {"party_secretary", "王示例"},
                              {"address", "示例街道示例路1号"},
                              {"phone", "0570-0000001"},
                              {"office_hours", "工作日 8:30—12:00，14:30—17:30"}}),
      example("grids", {{"id", "shili-1"},
                        {"name", "示例社区第一网格"},
                        {"community", "shili"},
                        {"leader", "李示例"},
                        {"leader_phone", "138 0000 0001"}}),
      example("buildings", {{"id", "shili-01"},
                            {"name", "示例小区1幢"},
                            {"community", "shili"},
                            {"grid", "shili-1"},
                            {"address", "示例路1号示例小区1幢"},
                            {"units", "3"},
                            {"households", "36"},
                            {"property", "社区代管（无物业）"}}),
      example("stewards", {{"id", "SL-001"},
                           {"name", "张示例"},
                           {"phone", "138 0000 0002"},
                           {"party_member", "是"},
                           {"role", "退休党员"},
                           {"buildings", "shili-01"},
                           {"since", "2026-01-01"},
                           {"office_hours", "每天上午在楼下花坛边"}}),
      example("issues", {{"id", "SL-2026-001"},
                         {"title", "示例：楼道堆放杂物"},
                         {"category", "楼道堆物"},
                         {"building", "shili-01"},
                         {"found_on", "2026-01-05"},
                         {"handled_on", "2026-01-06"},
                         {"closed_on", "2026-01-06"},
                         {"level", "楼道"},
                         {"handled_by", "SL-001"},
                         {"resolution", "示例：已清理，张贴提示"},
                         {"satisfaction", "满意"}}),
  };
  return book;
}

std::string write_text(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
  out.close();
  return out ? std::string() : "cannot write " + file.generic_string();
}

}  // namespace

std::string write_starter_folder(const std::string& dir) {
  if (std::string e = write_text(fs::path(dir) / starter_site_file, site_toml()); !e.empty())
    return e;
  if (std::string e = write_text(fs::path(dir) / starter_readme_file, readme()); !e.empty())
    return e;
  if (std::string e = write_ledger((fs::path(dir) / starter_ledger_file).string(), starter_book());
      !e.empty()) {
    return starter_ledger_file + std::string(": ") + e;
  }
  return {};
}

}  // namespace hgj
