#include <doctest/doctest.h>

#include "site/pages/stats.h"

using namespace hgj;
using namespace hgj::site;

TEST_CASE("percentile interpolates between the nearest ranks") {
  CHECK_FALSE(percentile({}, 50).has_value());
  CHECK(*percentile({7}, 50) == 7);
  CHECK(*percentile({7}, 90) == 7);
  CHECK(*percentile({1, 2, 3, 4}, 50) == doctest::Approx(2.5));
  CHECK(*percentile({1, 2, 3}, 50) == 2);
  CHECK(*percentile({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90) == doctest::Approx(9.1));
  CHECK(*percentile({0, 10}, 0) == 0);
  CHECK(*percentile({0, 10}, 100) == 10);
}

TEST_CASE("percent rounds half up and shows a dash for nothing") {
  CHECK(percent(1, 3) == "33%");
  CHECK(percent(2, 3) == "67%");
  CHECK(percent(1, 8) == "13%");  // 12.5 rounds up
  CHECK(percent(5, 5) == "100%");
  CHECK(percent(0, 0) == "—");
}

TEST_CASE("format_days drops a zero decimal") {
  CHECK(format_days(4) == "4");
  CHECK(format_days(4.5) == "4.5");
  CHECK(format_days(9.14) == "9.1");
}

namespace {

Issue issue(std::string id, std::string category, std::string building, Date found,
            std::optional<Date> closed, std::string level, Outcome outcome,
            std::string satisfaction) {
  Issue i;
  i.id = std::move(id);
  i.category = std::move(category);
  i.building = std::move(building);
  i.steps[static_cast<int>(Step::found)] = found;
  i.steps[static_cast<int>(Step::closed)] = closed;
  i.level = std::move(level);
  i.outcome = outcome;
  i.satisfaction = std::move(satisfaction);
  return i;
}

}  // namespace

TEST_CASE("compute_stats: counts, days to close, 楼道 share, 解决率 and 满意率") {
  Content c;
  c.communities = {{.id = "a", .name = "甲社区"}, {.id = "b", .name = "乙社区"}};
  c.buildings = {{.id = "a1", .name = "甲1幢", .community = "a"},
                 {.id = "b1", .name = "乙1幢", .community = "b"}};
  c.issues = {
      issue("1", "飞线充电", "a1", {2026, 1, 1}, Date{2026, 1, 3}, "楼道", Outcome::resolved,
            "满意"),
      issue("2", "飞线充电", "a1", {2026, 1, 5}, Date{2026, 1, 15}, "社区", Outcome::unable,
            "不满意"),
      issue("3", "楼道堆物", "b1", {2026, 2, 1}, Date{2026, 2, 5}, "楼道", Outcome::resolved,
            "基本满意"),
      issue("4", "楼道堆物", "b1", {2026, 2, 9}, std::nullopt, "", Outcome::in_progress, ""),
  };
  c.index();
  const IssueStats s = compute_stats(c, {"乱停乱放", "飞线充电", "楼道堆物"});
  CHECK(s.total == 4);
  CHECK(s.closed == 3);
  CHECK(s.open == 1);
  CHECK(s.closed_at_stairwell == 2);
  CHECK(s.resolved == 2);
  CHECK(s.rated == 3);
  CHECK(s.satisfied == 2);
  CHECK(*s.median_days == 4);  // 2, 4, 10
  CHECK(*s.p90_days == doctest::Approx(8.8));
  REQUIRE(s.by_category.size() == 2);  // empty categories are left out, order kept
  CHECK(s.by_category[0].label == "飞线充电");
  CHECK(s.by_category[0].total == 2);
  CHECK(s.by_category[1].closed == 1);
  REQUIRE(s.by_community.size() == 2);
  CHECK(s.by_community[1].label == "乙社区");
  REQUIRE(s.by_month.size() == 2);
  CHECK(s.by_month[0].key == "2026-01");
  CHECK(s.by_month[1].total == 2);
}

TEST_CASE("svg_bar_chart escapes labels and scales bars to the largest count") {
  const std::string svg = svg_bar_chart({{"a", "<b>&", 10, 0}, {"b", "乙", 5, 0}}, "按\"类别\"");
  CHECK(svg.find("<svg class=\"chart\" role=\"img\" aria-label=\"按&quot;类别&quot;\"") == 0);
  CHECK(svg.find("&lt;b&gt;&amp;") != std::string::npos);
  CHECK(svg.find("<b>") == std::string::npos);
  CHECK(svg.find(">10</text>") != std::string::npos);
  CHECK(svg.find(">5</text>") != std::string::npos);
  CHECK(svg.rfind("</svg>") == svg.size() - 6);
}

TEST_CASE("svg_bar_chart leaves room for a month's digits, not half an em each") {
  // 2025年10月: six digits of up to .65 em and two CJK characters of one em, at 18 px,
  // ≈ 106 units; the label ends 8 units left of its bar and must start at 0 or after.
  const std::string svg = svg_bar_chart({{"2025-10", "2025年10月", 5, 0}}, "按月份");
  const std::size_t at = svg.find("<text x=\"");
  REQUIRE(at != std::string::npos);
  const int end = std::stoi(svg.substr(at + 9));
  CHECK(end >= 6 * 12 + 2 * 18);
  // CJK labels keep the width they had: 4 × 18 + 10 = 82, the text ending at 74.
  const std::string cjk = svg_bar_chart({{"c", "飞线充电", 5, 0}}, "按类别");
  CHECK(cjk.find("<text x=\"74\"") != std::string::npos);
}
