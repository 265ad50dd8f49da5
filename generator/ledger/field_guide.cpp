#include "ledger/field_guide.h"

#include <stdexcept>

#include "hgj/model.h"

namespace hgj {

namespace {

using K = FieldKind;

FieldGuide order_field(const char* hint) { return {"order", K::whole, false, hint}; }

// The hints name the demo's kind of values, not its ids: a new street has its own.
std::vector<CollectionGuide> make_guides() {
  return {
      {"duties",
       "duty",
       "职责方案",
       {{"id", K::id, true, "方案编号，就是文件名，例如 \"6442\""},
        {"title", K::text, true, "例如 \"红色管家“6442”工作机制\""},
        {"groups", K::structure, false,
         "每组写成一段 [[groups]]：name = \"六大员\"，items = [\"政策宣传员\", \"民情收集员\"]"}},
       "这个方案的说明：红管家做什么、怎么做"},
      {"communities",
       "community",
       "社区",
       {{"id", K::id, true, "社区编号，用拼音或字母，例如 \"tianping\"；网址里会用到"},
        {"name", K::text, true, "例如 \"天平巷社区\""},
        {"party_secretary", K::text, false, "社区党组织书记姓名，例如 \"周卫红\""},
        {"address", K::text, false, "例如 \"红枫街道天平巷18号\""},
        {"phone", K::phone, false, "社区办公电话，例如 \"0570-8012345\""},
        {"office_hours", K::text, false, "例如 \"工作日 8:30—12:00，14:30—17:30\""},
        {"duty_scheme", K::reference, false,
         "这个社区用的职责方案编号（content/duties/ 下的文件名）；不填用 site.toml 的 duty_scheme",
         "duties"},
        order_field("想排在前面时写整数，例如 1（不加引号）；不填就按名称排")},
       "介绍这个社区：在哪里、有哪些小区、红管家的特色做法"},
      {"grids",
       "grid",
       "网格",
       {{"id", K::id, true, "网格编号，例如 \"tianping-1\""},
        {"name", K::text, true, "例如 \"天平巷社区第一网格\""},
        {"community", K::reference, true, "所属社区的编号，例如 \"tianping\"", "communities"},
        {"leader", K::text, false, "网格长姓名"},
        {"leader_phone", K::phone, false, "网格长电话，例如 \"138 0000 1001\""},
        {"worker", K::text, false, "专职网格员姓名"},
        {"worker_phone", K::phone, false, "专职网格员电话"},
        order_field("想排在前面时写整数，例如 1（不加引号）；不填就按名称排，2网格在10网格前面")},
       "这个网格的简短说明（可以不写）"},
      {"buildings",
       "building",
       "楼栋",
       {{"id", K::id, true, "楼栋编号，例如 \"dpb-03\"；网址和公示牌的二维码里会用到"},
        {"name", K::text, true, "例如 \"德平坝小区3幢\""},
        {"community", K::reference, true, "所属社区的编号，例如 \"tianping\"", "communities"},
        {"grid", K::reference, false, "所属网格的编号，例如 \"tianping-1\"", "grids"},
        {"address", K::text, false, "例如 \"天平巷德平坝小区3幢\""},
        {"units", K::whole, false, "整数，例如 4", {}, {}, "0"},
        {"households", K::whole, false, "整数，例如 48", {}, {}, "0"},
        {"property", K::text, false, "物业公司，例如 \"社区代管（无物业）\""},
        {"property_phone", K::phone, false, "例如 \"0570-8012345\""},
        {"status",
         K::choice,
         false,
         "不填就是在用；楼拆了写 \"拆除\"，并进别的楼写 \"合并\"，从此不再公开",
         {},
         {"在用", "拆除", "合并"}},
        order_field("想排在前面时写整数，例如 1（不加引号）；不填就按名称排，2幢在10幢前面")},
       "这栋楼的简短说明（可以不写）"},
      {"stewards",
       "steward",
       "红管家",
       {{"id", K::id, true, "红管家编号，例如 \"HF-001\""},
        {"name", K::text, true, "例如 \"王建华\""},
        {"phone", K::phone, true, "手机或座机，例如 \"138 0000 0001\"、\"0570-8012345\""},
        {"photo", K::path, false,
         "content/ 下的照片路径，例如 \"photos/HF-001.jpg\"；不填时网站显示姓名头像"},
        {"wechat_qr", K::path, false, "content/ 下的微信群二维码图片，例如 \"qr/dpb.png\""},
        {"party_member", K::yes_no, false, "\"是\" 或 \"否\""},
        {"role", K::text, false, "例如 \"退休党员\"、\"在职党员\"、\"楼长\""},
        {"buildings", K::references, false,
         "负责的楼栋编号，多个用顿号隔开，例如 \"tpx-12、tpx-16\"；只管几个单元写 \"dpb-03:1-2\"",
         "buildings"},
        {"since", K::date, false, "例如 \"2024-03-01\""},
        {"honors", K::text, false,
         "多个用分号隔开，例如 \"2024-03 月度服务之星；2025 年度服务之星\""},
        {"office_hours", K::text, false, "例如 \"每天上午在楼下花坛边；电话随时可打\""},
        {"status",
         K::choice,
         false,
         "不填就是在任；不干了写 \"离任\"，从此不再公开，经办过的问题写作原红管家",
         {},
         {"在任", "离任"}},
        {"left_on", K::date, false, "离任时填，例如 \"2026-06-30\""},
        order_field("想排在前面时写整数，例如 1（不加引号）；不填就按姓名拼音排")},
       "一段简短的介绍，例如“王老师在德平坝小区住了三十多年……”"},
      {"issues",
       "issue",
       "问题",
       {{"id", K::id, true, "问题编号，例如 \"SX-2026-001\""},
        {"title", K::text, true, "一句话说清问题，例如 \"楼道堆放杂物\"（隐私类别不会公开）"},
        {"category", K::category, true,
         "类别，必须是 site.toml 里 categories 中的一个，例如 \"楼道堆物\""},
        {"building", K::reference, true, "楼栋编号，例如 \"dpb-03\"（只写楼栋，不写房号）",
         "buildings"},
        {"found_on", K::date, false, "例如 \"2026-11-02\"；六个日期至少填一个，且不能往回倒"},
        {"reported_on", K::date, false, "例如 \"2026-11-02\""},
        {"coordinated_on", K::date, false, "例如 \"2026-11-03\""},
        {"handled_on", K::date, false, "例如 \"2026-11-05\""},
        {"verified_on", K::date, false, "例如 \"2026-11-06\""},
        {"closed_on", K::date, false, "填了就算已销号，例如 \"2026-11-06\""},
        {"level", K::choice, false, "\"楼道\"、\"网格\"、\"社区\" 或 \"街道\"", {}, issue_levels()},
        {"handled_by", K::reference, false, "经办红管家的编号或姓名，例如 \"HF-001\"", "stewards"},
        {"resolution", K::text, false, "例如 \"已清理，张贴提示\""},
        {"satisfaction",
         K::choice,
         false,
         "\"满意\"、\"基本满意\" 或 \"不满意\"",
         {},
         satisfaction_values()},
        {"outcome",
         K::choice,
         false,
         "\"已解决\"、\"已转办\"、\"重复\" 或 \"无法解决\"；已销号不填即为已解决",
         {},
         {"已解决", "已转办", "重复", "无法解决"}},
        {"reopened", K::whole, false, "整数，例如 1", {}, {}, "0"}},
       "补充说明（可以不写）。不要写反映人的姓名、房号、电话"},
      {"events",
       "event",
       "活动",
       {{"id", K::id, true, "活动编号，就是文件名，例如 \"tianping-knock\""},
        {"title", K::text, true, "例如 \"周二敲门日\""},
        {"kind",
         K::choice,
         false,
         "\"敲门日\"、\"议事会\"、\"巡逻\"、\"联席会议\" 或 \"活动\"；不填算活动",
         {},
         event_kinds()},
        {"scope",
         K::references,
         false,
         "社区或楼栋编号的列表，例如 [\"tianping\", \"dpb-03\"]；空列表 [] 表示全街道",
         {},
         {},
         "[]"},
        {"location", K::text, false, "例如 \"天平巷社区党群服务中心\""},
        {"date", K::date, false, "只办一次时填日期，例如 \"2027-01-23\"；和“规则”二选一"},
        {"rule", K::text, false,
         "定期举办时填规则：每周二 \"weekly:tue\"，每月20日 \"monthly:20\"，每季度15日 "
         "\"quarterly:15\"；和“日期”二选一"},
        {"time", K::text, false, "例如 \"19:00-20:30\""},
        {"from", K::date, false, "定期活动从哪天开始，例如 \"2026-01-01\"（可以不写）"},
        {"until", K::date, false, "定期活动到哪天为止，例如 \"2026-12-31\"（可以不写）"}},
       "活动说明：做什么、谁参加、居民怎么参与"},
      {"notices",
       "notice",
       "通知",
       {{"id", K::id, true, "通知编号，就是文件名"},
        {"title", K::text, true, "例如 \"天平巷社区招募新一批红管家\""},
        {"date", K::date, true, "发布日期，例如 \"2026-11-05\""},
        {"expires", K::date, false, "截止日期，过了就不再显示，例如 \"2026-12-31\""},
        {"scope",
         K::references,
         false,
         "社区或楼栋编号的列表，例如 [\"tianping\", \"dpb-03\"]；空列表 [] 表示全街道",
         {},
         {},
         "[]"},
        {"pinned", K::yes_no, false, "置顶写 true，否则 false", {}, {}, "false"},
        {"urgent", K::yes_no, false, "紧急通知写 true：排在最前面，标上“紧急”", {}, {}, "false"},
        {"start", K::text, false,
         "从什么时候开始显示，例如 \"2026-12-08\" 或 \"2026-12-08 "
         "18:00\"（本地时间）；不填就立即显示"}},
       "通知正文"},
      {"screens",
       "screen",
       "屏幕",
       {{"id", K::id, true, "屏幕编号，例如 \"dpb-03-a\"；屏幕的配置文件里写的就是它"},
        {"building", K::reference, true, "屏幕所在楼栋的编号，例如 \"dpb-03\"", "buildings"},
        {"orientation", K::choice, false, "\"横屏\" 或 \"竖屏\"", {}, {"横屏", "竖屏"}},
        {"size", K::text, false, "屏幕像素，宽x高，例如 \"1920x1080\""},
        {"night_from", K::text, false,
         "夜间息屏从几点开始，例如 \"23:00\"；不填用 site.toml 的 [kiosk]"},
        {"night_until", K::text, false, "夜间息屏到几点结束，例如 \"06:00\""},
        {"note", K::text, false, "备注，例如 \"一楼大厅，靠电梯\""}},
       "这块屏幕的说明（可以不写）"},
      {"pages",
       "page",
       "页面",
       {{"id", K::id, true, "页面编号，就是文件名"},
        {"title", K::text, true, "例如 \"怎样反映问题\""},
        order_field("想排在前面时写整数，例如 1")},
       "页面正文"},
  };
}

}  // namespace

const std::vector<CollectionGuide>& collection_guides() {
  static const std::vector<CollectionGuide> guides = make_guides();
  return guides;
}

const CollectionGuide* guide_for_kind(std::string_view kind) {
  for (const CollectionGuide& g : collection_guides()) {
    if (g.kind == kind) return &g;
  }
  return nullptr;
}

const CollectionGuide& guide_for_collection(std::string_view collection) {
  for (const CollectionGuide& g : collection_guides()) {
    if (g.collection == collection) return g;
  }
  throw std::logic_error("no guide for " + std::string(collection));
}

const FieldGuide* find_field(const CollectionGuide& guide, std::string_view key) {
  for (const FieldGuide& f : guide.fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

}  // namespace hgj
