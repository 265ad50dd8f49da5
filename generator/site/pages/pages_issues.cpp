// Page data for the statistics and the category pages.
#include "site/pages/page_data.h"
#include "site/pages/stats.h"
#include "site/pages/urls.h"

namespace hgj::site {

namespace {

Data count_rows(const std::vector<Count>& counts,
                const std::function<std::string(const Count&)>& url_of) {
  std::vector<Data> rows;
  for (const Count& c : counts) {
    Data d = object();
    d["label"] = c.label;
    d["total"] = std::to_string(c.total);
    d["closed"] = std::to_string(c.closed);
    d["open"] = std::to_string(c.total - c.closed);
    d["url"] = url_of ? text_or_false(url_of(c)) : Data(false);
    rows.push_back(std::move(d));
  }
  return list_of(std::move(rows));
}

Data table(const std::vector<Count>& counts, const std::string& title,
           const std::function<std::string(const Count&)>& url_of) {
  Data d = object();
  d["rows"] = count_rows(counts, url_of);
  d["chart_svg"] = svg_bar_chart(counts, title);
  return d;
}

}  // namespace

Data stats_page(const SiteIndex& s) {
  const IssueStats st = compute_stats(*s.content, s.categories);
  Data d = object();
  d["page_title"] = "";
  d["section"] = "stats";
  d["total"] = std::to_string(st.total);
  d["closed"] = std::to_string(st.closed);
  d["open"] = std::to_string(st.open);
  d["median_days"] = st.median_days ? Data(format_days(*st.median_days)) : Data(false);
  d["p90_days"] = st.p90_days ? Data(format_days(*st.p90_days)) : Data(false);
  d["stairwell_share"] = percent(st.closed_at_stairwell, st.closed);
  d["stairwell_count"] = std::to_string(st.closed_at_stairwell);
  d["resolution_rate"] = percent(st.resolved, st.closed);
  d["resolved"] = std::to_string(st.resolved);
  d["satisfaction_rate"] = percent(st.satisfied, st.rated);
  d["satisfied"] = std::to_string(st.satisfied);
  d["rated"] = std::to_string(st.rated);
  d["by_category"] = table(st.by_category, "按类别",
                           [&](const Count& c) { return category_path(s.slug_of(c.key)); });
  d["by_community"] =
      table(st.by_community, "按社区", [](const Count& c) { return community_path(c.key); });
  d["by_month"] = table(st.by_month, "按月份", nullptr);
  return d;
}

Data categories_page(const SiteIndex& s) {
  Data d = object();
  d["page_title"] = "";
  d["section"] = "stats";
  std::vector<Data> items;
  for (const std::string& name : s.categories) {
    Data cd = object();
    cd["name"] = name;
    cd["url"] = category_path(s.slug_of(name));
    auto it = s.issues_by_category.find(name);
    cd["count"] = std::to_string(it == s.issues_by_category.end() ? 0 : it->second.size());
    cd["private"] = s.content->site.is_private_category(name);
    items.push_back(std::move(cd));
  }
  d["categories"] = list_of(std::move(items));
  return d;
}

Data category_page(const SiteIndex& s, const std::string& category, int page_no,
                   const IssueRows& row_maker) {
  Data d = object();
  d["page_title"] = page_no > 1 ? category + "（第" + std::to_string(page_no) + "页）" : category;
  d["section"] = "stats";
  d["name"] = category;
  d["private"] = s.content->site.is_private_category(category);
  static const std::vector<const Issue*> none;
  auto it = s.issues_by_category.find(category);
  const auto& issues = it == s.issues_by_category.end() ? none : it->second;
  d["count"] = std::to_string(issues.size());
  const std::size_t first = static_cast<std::size_t>(page_no - 1) * issues_per_category_page;
  std::vector<Data> rows;
  for (std::size_t i = first; i < issues.size() && i < first + issues_per_category_page; ++i) {
    rows.push_back(row_maker.row(*issues[i]));
  }
  set_list(d, "issues", std::move(rows));
  const std::string slug = s.slug_of(category);
  d["pager"] = pager(page_count(issues.size(), issues_per_category_page), page_no,
                     [&](int n) { return category_path(slug, n); });
  return d;
}

}  // namespace hgj::site
