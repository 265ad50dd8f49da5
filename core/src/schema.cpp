#include "hgj/schema.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace hgj {

namespace {

std::vector<CollectionSpec> make_specs() {
  return {
      {"duties",
       "duty scheme",
       {{"id", {"编号"}}, {"title", {"名称", "标题"}}, {"groups", {"分组"}}}},
      {"communities",
       "community",
       {{"id", {"编号"}},
        {"name", {"名称", "社区名称"}},
        {"party_secretary", {"党组织书记", "书记"}},
        {"address", {"地址"}},
        {"phone", {"电话", "联系电话"}},
        {"office_hours", {"办公时间"}},
        {"duty_scheme", {"职责方案"}}}},
      {"grids",
       "grid",
       {{"id", {"编号"}},
        {"name", {"名称", "网格名称"}},
        {"community", {"社区"}},
        {"leader", {"网格长"}},
        {"leader_phone", {"网格长电话"}},
        {"worker", {"专职网格员"}},
        {"worker_phone", {"专职网格员电话", "网格员电话"}}}},
      {"buildings",
       "building",
       {{"id", {"编号"}},
        {"name", {"名称", "楼栋名称"}},
        {"community", {"社区"}},
        {"grid", {"网格"}},
        {"address", {"地址"}},
        {"units", {"单元数"}},
        {"households", {"户数"}},
        {"property", {"物业"}},
        {"property_phone", {"物业电话"}}}},
      {"stewards",
       "steward",
       {{"id", {"编号"}},
        {"name", {"姓名"}},
        {"phone", {"电话", "联系电话"}},
        {"photo", {"照片"}},
        {"wechat_qr", {"微信群二维码"}},
        {"party_member", {"党员"}},
        {"role", {"身份"}},
        {"buildings", {"楼栋"}},
        {"since", {"聘任日期"}},
        {"honors", {"荣誉"}},
        {"office_hours", {"服务时间"}}}},
      {"issues",
       "issue",
       {{"id", {"编号"}},
        {"title", {"事项"}},
        {"category", {"类别"}},
        {"building", {"楼栋"}},
        {"found_on", {"巡查日期"}},
        {"reported_on", {"反馈日期"}},
        {"coordinated_on", {"协调日期"}},
        {"handled_on", {"处置日期"}},
        {"verified_on", {"督查日期"}},
        {"closed_on", {"销号日期"}},
        {"level", {"解决层级"}},
        {"handled_by", {"经办红管家"}},
        {"resolution", {"处理结果"}},
        {"satisfaction", {"满意度"}},
        {"outcome", {"结果"}},
        {"reopened", {"重新打开次数"}}}},
      {"events",
       "event",
       {{"id", {"编号"}},
        {"title", {"标题", "名称"}},
        {"kind", {"类型"}},
        {"scope", {"范围"}},
        {"location", {"地点"}},
        {"date", {"日期"}},
        {"rule", {"规则"}},
        {"time", {"时间"}},
        {"from", {"开始日期"}},
        {"until", {"结束日期"}}}},
      {"notices",
       "notice",
       {{"id", {"编号"}},
        {"title", {"标题"}},
        {"date", {"日期"}},
        {"expires", {"截止日期"}},
        {"scope", {"范围"}},
        {"pinned", {"置顶"}}}},
      {"pages", "page", {{"id", {"编号"}}, {"title", {"标题"}}, {"order", {"排序"}}}},
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

const CollectionSpec& collection_spec(std::string_view name) {
  for (const CollectionSpec& c : collection_specs()) {
    if (c.name == name) return c;
  }
  throw std::logic_error("no collection " + std::string(name));
}

bool is_private_field(std::string_view key) {
  return key.starts_with("private_") || key.starts_with("_");
}

}  // namespace hgj
