// The statistics page's figures: counts by category, community and month; days from
// the first step (巡查) to 销号; the share closed at 楼道 level; 解决率 and 满意率.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "hgj/model.h"

namespace hgj::site {

// The p-th percentile (0..100) of sorted values, linearly interpolated between the
// nearest ranks (the median of 1,2,3,4 is 2.5). nullopt for no values.
std::optional<double> percentile(const std::vector<int>& sorted, double p);

// A ratio as a whole percentage string: "87%" (rounded half up); "—" when of == 0.
std::string percent(std::size_t part, std::size_t of);
// 4 or 4.5: a day figure with at most one decimal.
std::string format_days(double days);

// YYYY-MM of an issue's first step date.
std::string issue_month(const Issue& issue);

struct Count {
  std::string key;    // category name, community id, or YYYY-MM
  std::string label;  // what to print
  std::size_t total = 0;
  std::size_t closed = 0;
};

struct IssueStats {
  std::size_t total = 0, closed = 0, open = 0;
  std::size_t closed_at_stairwell = 0;   // closed with level 楼道
  std::size_t resolved = 0;              // closed with outcome resolved
  std::size_t rated = 0, satisfied = 0;  // 满意 + 基本满意 among rated
  std::optional<double> median_days, p90_days;
  std::vector<Count> by_category;   // in the site's category order, empty ones left out
  std::vector<Count> by_community;  // by community id
  std::vector<Count> by_month;      // chronological
};

IssueStats compute_stats(const Content& content, const std::vector<std::string>& categories);

// A horizontal bar chart as inline SVG: one bar per count (its total), labels and
// values as text. role="img" with the given accessible title.
std::string svg_bar_chart(const std::vector<Count>& counts, const std::string& title);

}  // namespace hgj::site
