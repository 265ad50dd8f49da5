#include "hgj/schema.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace hgj {

namespace {

// The limits by kind of text, in characters (CharLimit). A person's name: 20 holds
// any Chinese name, with a minority name's ·; a place or organisation: a community or
// estate name with its building number; hours: "周一至周五 9:00-11:30，14:00-17:30，
// 周六上午" is 33; a note: a paragraph on an issue row; an introduction and a notice are
// what one screen of the kiosk shows.
constexpr CharLimit person = 20;
constexpr CharLimit role = 20;
constexpr CharLimit phone = 20;
constexpr CharLimit place = 30;
constexpr CharLimit organisation = 40;
constexpr CharLimit title = 60;
constexpr CharLimit address = 60;
constexpr CharLimit hours = 60;
constexpr CharLimit honors = 200;
constexpr CharLimit note = 300;
constexpr CharLimit introduction = 300;
constexpr CharLimit notice = 1000;

// Labels after the first are the header aliases: the words a community ledger or a
// 网格化管理平台 export heads the same column with (issue #22, listed for staff in
// docs/content.md). Written once here, so CSV and Excel headers match alike; the first
// label is the one messages use. 政治面貌 holds 中共党员/群众…, read by party_status().
std::vector<CollectionSpec> make_specs() {
  return {
      {"duties",
       "duty scheme",
       "职责方案",
       {{"id", {"编号"}}, {"title", {"名称", "标题"}, title}, {"groups", {"分组"}}}},
      {"communities",
       "community",
       "社区",
       {{"id", {"编号"}},
        {"name", {"名称", "社区名称"}, place},
        {"party_secretary", {"党组织书记", "书记"}, person},
        {"address", {"地址"}, address},
        {"phone", {"电话", "联系电话", "联系方式", "手机", "手机号", "手机号码"}, phone},
        {"office_hours", {"办公时间"}, hours},
        {"duty_scheme", {"职责方案"}},
        {"order", {"排序"}}}},
      {"grids",
       "grid",
       "网格",
       {{"id", {"编号"}},
        {"name", {"名称", "网格名称"}, place},
        {"community", {"社区", "所属社区"}},
        {"leader", {"网格长"}, person},
        {"leader_phone", {"网格长电话"}, phone},
        {"worker", {"专职网格员"}, person},
        {"worker_phone", {"专职网格员电话", "网格员电话"}, phone},
        {"order", {"排序"}}}},
      {"buildings",
       "building",
       "楼栋",
       {{"id", {"编号"}},
        {"name", {"名称", "楼栋名称"}, place},
        {"community", {"社区", "所属社区"}},
        {"grid", {"网格", "所属网格"}},
        {"address", {"地址"}, address},
        {"units", {"单元数"}},
        {"households", {"户数"}},
        {"property", {"物业"}, organisation},
        {"property_phone", {"物业电话"}, phone},
        {"status", {"状态"}},
        {"order", {"排序"}}}},
      {"stewards",
       "steward",
       "红管家",
       {{"id", {"编号"}},
        {"name", {"姓名", "红管家姓名", "红管家"}, person},
        {"phone", {"电话", "联系电话", "联系方式", "手机", "手机号", "手机号码"}, phone},
        {"photo", {"照片"}},
        {"wechat_qr", {"微信群二维码"}},
        {"party_member", {"党员", "是否党员", "政治面貌"}},
        {"role", {"身份"}, role},
        {"buildings",
         {"楼栋", "负责楼栋", "联系楼栋", "所在楼栋", "包联楼栋", "联系楼道", "负责楼道"}},
        {"since", {"聘任日期", "聘任时间", "任职时间", "任职日期"}},
        {"honors", {"荣誉"}, honors},
        {"office_hours", {"服务时间"}, hours},
        {"status", {"状态"}},
        {"left_on", {"离任日期"}},
        {"order", {"排序"}}},
       introduction},
      {"issues",
       "issue",
       "问题",
       {{"id", {"编号"}},
        {"title", {"事项", "问题描述", "问题内容"}, title},
        {"category", {"类别", "问题类别"}},
        {"building", {"楼栋", "所在楼栋"}},
        {"found_on", {"巡查日期"}},
        {"reported_on", {"反馈日期"}},
        {"coordinated_on", {"协调日期"}},
        {"handled_on", {"处置日期"}},
        {"verified_on", {"督查日期"}},
        {"closed_on", {"销号日期"}},
        {"level", {"解决层级"}},
        {"handled_by", {"经办红管家", "经办人", "红管家"}},
        {"resolution", {"处理结果"}, note},
        {"satisfaction", {"满意度"}},
        {"outcome", {"结果"}},
        {"reopened", {"重新打开次数"}}}},
      {"events",
       "event",
       "活动",
       {{"id", {"编号"}},
        {"title", {"标题", "名称"}, title},
        {"kind", {"类型"}},
        {"scope", {"范围"}},
        {"location", {"地点"}, address},
        {"date", {"日期"}},
        {"rule", {"规则"}},
        {"time", {"时间"}},
        {"from", {"开始日期"}},
        {"until", {"结束日期"}}}},
      {"notices",
       "notice",
       "通知",
       {{"id", {"编号"}},
        {"title", {"标题"}, title},
        {"date", {"日期"}},
        {"expires", {"截止日期"}},
        {"scope", {"范围"}},
        {"pinned", {"置顶"}},
        {"urgent", {"紧急"}},
        {"start", {"开始时间", "生效时间"}}},
       notice},
      // Operator data: which screen (hgj-kiosk) stands in which building. Carried in the
      // bundle, never on the public site.
      {"screens",
       "screen",
       "屏幕",
       {{"id", {"屏幕编号", "编号", "screen"}},
        {"building", {"楼栋", "所在楼栋"}},
        {"orientation", {"方向"}},
        {"size", {"尺寸", "分辨率"}},
        {"night_from", {"夜间开始", "息屏开始"}},
        {"night_until", {"夜间结束", "息屏结束"}},
        {"note", {"备注"}, note}}},
      {"pages",
       "page",
       "页面",
       {{"id", {"编号"}}, {"title", {"标题"}, title}, {"order", {"排序"}}}},
  };
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

const FieldSpec* CollectionSpec::find(std::string_view header) const {
  for (const FieldSpec& f : fields) {
    if (iequals(f.key, header)) return &f;
    if (std::find(f.labels.begin(), f.labels.end(), header) != f.labels.end()) return &f;
  }
  return nullptr;
}

const FieldSpec& CollectionSpec::field(std::string_view key) const {
  for (const FieldSpec& f : fields) {
    if (f.key == key) return f;
  }
  throw std::logic_error("no field " + std::string(key) + " in " + name);
}

const std::vector<CollectionSpec>& collection_specs() {
  static const std::vector<CollectionSpec> specs = make_specs();
  return specs;
}

std::vector<std::string> collection_names() {
  std::vector<std::string> names;
  for (const CollectionSpec& c : collection_specs()) names.push_back(c.name);
  return names;
}

const CollectionSpec& collection_spec(std::string_view name) {
  for (const CollectionSpec& c : collection_specs()) {
    if (c.name == name) return c;
  }
  throw std::logic_error("no collection " + std::string(name));
}

std::string_view ledger_sheet_name(std::string_view collection) {
  static const std::pair<std::string_view, std::string_view> names[] = {
      {"communities", "社区"}, {"grids", "网格"},      {"buildings", "楼栋"},
      {"stewards", "红管家"},  {"issues", "问题台账"}, {"screens", "屏幕"}};
  for (const auto& [name, sheet] : names) {
    if (name == collection) return sheet;
  }
  return {};
}

bool is_private_field(std::string_view key) {
  return key.starts_with("private_") || key.starts_with("_");
}

}  // namespace hgj
