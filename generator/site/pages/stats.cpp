#include "site/pages/stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "hgj/diagnostics.h"
#include "site/pages/page_data.h"
#include "site/templates/escape.h"

namespace hgj::site {

std::optional<double> percentile(const std::vector<int>& sorted, double p) {
  if (sorted.empty()) return std::nullopt;
  const double rank = std::clamp(p, 0.0, 100.0) / 100.0 * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(rank));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  const double frac = rank - static_cast<double>(lo);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
}

std::string percent(std::size_t part, std::size_t of) {
  if (of == 0) return "—";
  return std::to_string((part * 200 + of) / (2 * of)) + "%";
}

std::string format_days(double days) {
  const double rounded = std::round(days * 10) / 10;
  char buf[32];
  if (rounded == std::floor(rounded))
    std::snprintf(buf, sizeof buf, "%.0f", rounded);
  else
    std::snprintf(buf, sizeof buf, "%.1f", rounded);
  return buf;
}

std::string issue_month(const Issue& issue) {
  for (const auto& d : issue.steps) {
    if (d) return d->iso().substr(0, 7);
  }
  return {};
}

namespace {

void tally(std::map<std::string, Count>& counts, const std::string& key, const Issue& issue) {
  Count& c = counts[key];
  c.key = key;
  ++c.total;
  if (issue.closed()) ++c.closed;
}

std::vector<Count> values(const std::map<std::string, Count>& counts) {
  std::vector<Count> out;
  for (const auto& [key, c] : counts) out.push_back(c);
  return out;
}

}  // namespace

IssueStats compute_stats(const Content& content, const std::vector<std::string>& categories) {
  IssueStats s;
  std::map<std::string, Count> by_category, by_community, by_month;
  std::vector<int> days;
  for (const Issue& issue : content.issues) {
    ++s.total;
    tally(by_category, issue.category, issue);
    const Building* b = content.building(issue.building);
    if (b == nullptr) b = content.former_building(issue.building);  // history stays
    if (b) tally(by_community, b->community, issue);
    tally(by_month, issue_month(issue), issue);
    if (!issue.satisfaction.empty()) {
      ++s.rated;
      if (issue.satisfaction == "满意" || issue.satisfaction == "基本满意") ++s.satisfied;
    }
    if (!issue.closed()) continue;
    ++s.closed;
    if (issue.level == "楼道") ++s.closed_at_stairwell;
    if (issue.outcome == Outcome::resolved) ++s.resolved;
    if (auto d = issue.days_to_close()) days.push_back(*d);
  }
  s.open = s.total - s.closed;
  std::sort(days.begin(), days.end());
  s.median_days = percentile(days, 50);
  s.p90_days = percentile(days, 90);
  for (const std::string& name : categories) {
    if (auto it = by_category.find(name); it != by_category.end()) {
      s.by_category.push_back(it->second);
      s.by_category.back().label = name;
    }
  }
  // In the readers' order of communities (hgj/order.h), as on every other list.
  for (const Community& community : content.communities) {
    if (auto it = by_community.find(community.id); it != by_community.end()) {
      s.by_community.push_back(it->second);
      s.by_community.back().label = community.name;
    }
  }
  s.by_month = values(by_month);
  for (Count& c : s.by_month) c.label = month_text(c.key);
  return s;
}

std::string svg_bar_chart(const std::vector<Count>& counts, const std::string& title) {
  // Geometry in user units; the SVG scales to the column width. Labels sit left of the
  // bars, sized for the longest label: CJK characters are about one em wide, digits and
  // Latin letters up to .65 em (half an em cut the months' 2025年10月 at the left).
  constexpr int kRow = 36, kBar = 24, kFont = 18, kNarrow = 12, kWidth = 360, kValueRoom = 44;
  int label_width = 4 * kFont;
  for (const Count& c : counts) {
    const int points = static_cast<int>(std::count_if(c.label.begin(), c.label.end(), [](char ch) {
      return (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    }));
    const int wide = std::max(0, display_width(c.label) - points);
    label_width = std::max(label_width, wide * kFont + (points - wide) * kNarrow + 10);
  }
  label_width = std::min(label_width, kWidth * 11 / 20);
  std::size_t max = 1;
  for (const Count& c : counts) max = std::max(max, c.total);
  const int bar_room = kWidth - label_width - kValueRoom;
  const int height = static_cast<int>(counts.size()) * kRow + 8;
  std::string out = "<svg class=\"chart\" role=\"img\" aria-label=\"" + xml_escape(title) +
                    "\" viewBox=\"0 0 " + std::to_string(kWidth) + " " + std::to_string(height) +
                    "\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"" + std::to_string(kFont) +
                    "\">";
  int y = 4;
  for (const Count& c : counts) {
    const int w = std::max<int>(2, static_cast<int>(c.total * bar_room / max));
    const int mid = y + kBar / 2 + kFont / 3;
    out += "<text x=\"" + std::to_string(label_width - 8) + "\" y=\"" + std::to_string(mid) +
           "\" text-anchor=\"end\">" + xml_escape(c.label) + "</text>";
    out += "<rect x=\"" + std::to_string(label_width) + "\" y=\"" + std::to_string(y) +
           "\" width=\"" + std::to_string(w) + "\" height=\"" + std::to_string(kBar) +
           "\" class=\"bar\"/>";
    out += "<text x=\"" + std::to_string(label_width + w + 6) + "\" y=\"" + std::to_string(mid) +
           "\">" + std::to_string(c.total) + "</text>";
    y += kRow;
  }
  out += "</svg>";
  return out;
}

}  // namespace hgj::site
