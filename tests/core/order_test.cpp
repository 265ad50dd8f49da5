#include "hgj/order.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../temp_folder.h"
#include "hgj/bundle.h"
#include "hgj/loader.h"
#include "hgj/reload.h"

using namespace hgj;
using hgj::testing::TempFolder;

namespace {

struct Item {
  std::string id;
  std::string name;
  std::optional<int> order;
};

// The ids of `items` once put in the readers' order.
std::string sorted_ids(std::vector<Item> items) {
  sort_for_readers(items);
  std::string out;
  for (const Item& item : items) out += (out.empty() ? "" : " ") + item.id;
  return out;
}

std::string names(const std::vector<Item>& items) {
  std::vector<Item> copy = items;
  sort_for_readers(copy);
  std::string out;
  for (const Item& item : copy) out += (out.empty() ? "" : " ") + item.name;
  return out;
}

}  // namespace

TEST_CASE("numbers inside names sort by value") {
  CHECK(names({{"a", "德坪坝小区10幢", {}},
               {"b", "德坪坝小区2幢", {}},
               {"c", "德坪坝小区1幢", {}}}) == "德坪坝小区1幢 德坪坝小区2幢 德坪坝小区10幢");
  CHECK(names({{"a", "12单元", {}}, {"b", "3单元", {}}}) == "3单元 12单元");
  // Zeros in front do not change the value: 02幢 is 2幢, still before 10幢.
  CHECK(names({{"a", "10幢", {}}, {"b", "02幢", {}}}) == "02幢 10幢");
}

TEST_CASE("Chinese numerals that count sort by value") {
  // By pinyin alone 第二 (er) comes before 第一 (yi), and 十二 (shi) after 三 (san) only by luck.
  CHECK(names({{"a", "天平巷社区第二网格", {}},
               {"b", "天平巷社区第一网格", {}},
               {"c", "天平巷社区第十网格", {}}}) ==
        "天平巷社区第一网格 天平巷社区第二网格 天平巷社区第十网格");
  CHECK(names({{"a", "十二单元", {}},
               {"b", "三单元", {}},
               {"c", "二十三单元", {}},
               {"d", "一百零五号楼", {}}}) == "三单元 十二单元 二十三单元 一百零五号楼");
  CHECK(names({{"a", "2幢", {}}, {"b", "一幢", {}}, {"c", "三幢", {}}}) == "一幢 2幢 三幢");
  // Not a count: 一 as a word keeps its pinyin place (yi), after 王 (wang).
  CHECK(names({{"a", "一品苑", {}}, {"b", "王家弄", {}}}) == "王家弄 一品苑");
  // A rare character outside the BMP survives the rewrite.
  CHECK(names({{"a", "𠮷祥第二组", {}}, {"b", "𠮷祥第一组", {}}}) == "𠮷祥第一组 𠮷祥第二组");
}

TEST_CASE("people sort by pinyin, not by code point") {
  // Code points put 张 (U+5F20) before 李 (U+674E) and 王 (U+738B); readers expect
  // li < wang < zhang.
  CHECK(names({{"a", "张桂兰", {}}, {"b", "王建国", {}}, {"c", "李秀英", {}}}) ==
        "李秀英 王建国 张桂兰");
  CHECK(names({{"a", "陈美华", {}}, {"b", "艾玲", {}}, {"c", "周强", {}}}) == "艾玲 陈美华 周强");
}

TEST_CASE("Latin letters and digits mixed into names") {
  CHECK(names({{"a", "A10栋", {}}, {"b", "B2栋", {}}, {"c", "A9栋", {}}, {"d", "a1栋", {}}}) ==
        "a1栋 A9栋 A10栋 B2栋");
  // CLDR's zh order: digits, then Chinese characters by pinyin, then Latin letters.
  CHECK(names({{"a", "幸福里", {}}, {"b", "3号楼", {}}, {"c", "B座", {}}, {"d", "阿坝里", {}}}) ==
        "3号楼 阿坝里 幸福里 B座");
}

TEST_CASE("equal names are put in id order") {
  CHECK(sorted_ids({{"s-10", "王芳", {}}, {"s-02", "王芳", {}}, {"s-07", "王芳", {}}}) ==
        "s-02 s-07 s-10");
}

TEST_CASE("items with an order number come first, ascending, then the rest by name") {
  CHECK(sorted_ids({{"b1", "1幢", {}},
                    {"b2", "2幢", {}},
                    {"b9", "9幢", 2},
                    {"b10", "10幢", {}},
                    {"b8", "8幢", -1},
                    {"b7", "7幢", 2}}) == "b8 b7 b9 b1 b2 b10");
}

TEST_CASE("a collation key is the same however often it is computed") {
  const NameCollation collation;
  CHECK(collation.key("德坪坝小区2幢") == collation.key("德坪坝小区2幢"));
  CHECK(reads_before(order_key(collation, {}, "德坪坝小区2幢", "x"),
                     order_key(collation, {}, "德坪坝小区10幢", "a")));
  CHECK_FALSE(reads_before(order_key(collation, {}, "德坪坝小区2幢", "x"),
                           order_key(collation, {}, "德坪坝小区2幢", "x")));
}

namespace {

void write_ordered_street(const TempFolder& dir) {
  dir.write("site.toml",
            "title = \"测试\"\nbase_url = \"https://x.example.cn\"\nstreet = \"测试街道\"\n");
  dir.write("communities.csv", "编号,名称,排序\nc1,和平社区,\nc2,幸福社区,1\n");
  dir.write("grids.csv", "id,name,community,order\ng2,二网格,c1,\ng10,十网格,c1,\ng1,一网格,c1,\n");
  dir.write(
      "buildings.csv",
      "编号,名称,社区,排序\nb10,幸福10幢,c1,\nb2,幸福2幢,c1,\nb1,幸福1幢,c1,\nbx,幸福会所,c1,1\n");
  dir.write("stewards.csv",
            "编号,姓名,电话,楼栋\ns1,张桂兰,13800000001,b10 b1 bx b2\ns2,王建国,13800000002,b1\n"
            "s3,李秀英,13800000003,b1\n");
  dir.write("stewards/s4.md",
            "+++\nname = \"赵敏\"\nphone = \"13800000004\"\nbuildings = [\"b1\"]\n"
            "order = 1\n+++\n");
}

template <class T>
std::string ids(const std::vector<const T*>& items) {
  std::string out;
  for (const T* item : items) out += (out.empty() ? "" : " ") + item->id;
  return out;
}

}  // namespace

TEST_CASE("loaded collections and their relations are in the readers' order") {
  TempFolder dir;
  write_ordered_street(dir);
  DiagnosticSink sink;
  const LoadResult loaded = load_content(dir.str(), sink);
  REQUIRE(sink.sorted().empty());
  const Content& c = loaded.content;
  REQUIRE(c.communities.size() == 2);
  CHECK(c.communities[0].id == "c2");  // 排序 1 first, though 和平 (he) reads before 幸福 (xing)
  CHECK(ids(c.buildings_of_community("c1")) == "bx b1 b2 b10");
  CHECK(ids(c.grids_of_community("c1")) == "g1 g2 g10");  // 一网格 二网格 十网格 count: 1, 2, 10
  CHECK(ids(c.stewards_of_building("b1")) == "s4 s3 s2 s1");
  // A steward's buildings in the buildings' order, not the ledger's.
  std::string refs;
  for (const BuildingRef& ref : c.steward("s1")->buildings) refs += ref.building + " ";
  CHECK(refs == "bx b1 b2 b10 ");
  CHECK(c.community("c1")->order == std::nullopt);
  CHECK(c.building("bx")->order == 1);
}

TEST_CASE("排序 must be a whole number") {
  TempFolder dir;
  write_ordered_street(dir);
  dir.write("buildings.csv",
            "编号,名称,社区,排序\nb1,幸福1幢,c1,第一\nb2,幸福2幢,c1,1.5\nb3,幸福3幢,c1, -2 \n");
  dir.write("stewards.csv", "编号,姓名,电话\ns1,张桂兰,13800000001\n");
  dir.write("stewards/s4.md",
            "+++\nname = \"赵敏\"\nphone = \"13800000004\"\norder = \"-\"\n+++\n");
  DiagnosticSink sink;
  const LoadResult loaded = load_content(dir.str(), sink);
  std::string messages;
  for (const Diagnostic& d : sink.sorted()) messages += format_heading(d) + "\n";
  const std::string root = dir.str();
  CHECK(messages ==
        root +
            "/buildings.csv:2:4: error: 排序 \"第一\" is not a whole number such as 1, 2 or 10\n" +
            root +
            "/buildings.csv:3:4: error: 排序 \"1.5\" is not a whole number such as 1, 2 or 10\n" +
            root +
            "/stewards/s4.md:4:9: error: order \"-\" is not a whole number such as 1, 2 or 10\n");
  REQUIRE(loaded.content.building("b3") != nullptr);
  CHECK(loaded.content.building("b3")->order == -2);
}

TEST_CASE("a steward file reloaded alone is refused when its name or 排序 moves it") {
  TempFolder dir;
  write_ordered_street(dir);
  DiagnosticSink sink;
  LoadResult loaded = load_content(dir.str(), sink);
  REQUIRE(sink.sorted().empty());
  // In order: s4 赵敏 (排序 1), s3 李秀英, s2 王建国, s1 张桂兰.
  const std::string file = (dir.path() / "stewards/s4.md").string();
  const auto write_s4 = [&](const std::string& name, const std::string& order) {
    dir.write("stewards/s4.md", "+++\nname = \"" + name +
                                    "\"\nphone = \"13800000009\"\nbuildings = [\"b1\"]\n" + order +
                                    "+++\n");
  };
  write_s4("赵敏", "order = 1\n");
  CHECK(reload_steward_file(loaded.content, file, nullptr));  // the phone moves nothing
  write_s4("赵敏", "");  // zhao: after 张 (zhang), so it would move to the end
  CHECK_FALSE(reload_steward_file(loaded.content, file, nullptr));
  write_s4("钱敏", "order = 2\n");  // still the only one with 排序: first
  CHECK(reload_steward_file(loaded.content, file, nullptr));
  CHECK(loaded.content.stewards.front().name == "钱敏");
  CHECK(loaded.content.steward("s4")->order == 2);
  DiagnosticSink resorted;
  CHECK(load_content(dir.str(), resorted).content.stewards.front().id == "s4");
}

TEST_CASE("a building's stewards by the units they serve, 3单元 before 12单元, then by name") {
  TempFolder dir;
  write_ordered_street(dir);
  dir.write("buildings.csv", "编号,名称,社区,单元数\nb1,幸福1幢,c1,12\n");
  dir.write("stewards.csv",
            "编号,姓名,电话,楼栋\ns1,张桂兰,13800000001,b1:12\ns2,王建国,13800000002,b1:3-4\n"
            "s3,李秀英,13800000003,b1\ns5,陈美华,13800000005,b1:3\n");
  dir.write("stewards/s4.md",
            "+++\nname = \"赵敏\"\nphone = \"13800000004\"\nbuildings = [\"b1:1\"]\n+++\n");
  DiagnosticSink sink;
  const LoadResult loaded = load_content(dir.str(), sink);
  REQUIRE(sink.sorted().empty());
  // The whole building's steward, then unit 1, then unit 3 (陈 chen before 王 wang), then 12.
  CHECK(ids(loaded.content.stewards_of_building("b1")) == "s3 s4 s5 s2 s1");

  // The kiosk's bundle applies the same rule to the stewards in the bundle's order.
  Bundle bundle;
  for (const Steward& s : loaded.content.stewards) {
    BundleSteward b;
    b.id = s.id;
    b.buildings = s.buildings;
    bundle.stewards.push_back(b);
  }
  CHECK(ids(bundle.stewards_of_building("b1")) == "s3 s4 s5 s2 s1");
}

TEST_CASE("indexing content again keeps items in place when they are in order") {
  TempFolder dir;
  write_ordered_street(dir);
  DiagnosticSink sink;
  LoadResult loaded = load_content(dir.str(), sink);
  const Building* before = loaded.content.building("b2");
  loaded.content.index();
  CHECK(loaded.content.building("b2") == before);
}
