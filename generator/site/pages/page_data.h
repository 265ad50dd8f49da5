// The render stage's data: one Mustache object per page, built from the content model
// and the SiteIndex. Every value is plain text that Mustache HTML-escapes ({{name}});
// the only raw values are `*_html` (Markdown rendered safely) and `chart_svg` (built
// in C++ with escaping). Links are root-relative paths; templates write {{root}}{{url}}.
#pragma once

#include <kainjow/mustache.hpp>
#include <optional>
#include <string>
#include <vector>

#include "hgj/model.h"
#include "site/pages/site_index.h"
#include "site/templates/ready_rows.h"

namespace hgj::site {

using Data = kainjow::mustache::data;

// Helpers shared by the page builders.
Data object();
Data list_of(std::vector<Data> items);
// A duty scheme's groups, each with its name and items: the duty page and the links to it.
Data duty_groups(const DutyScheme& scheme);
// A page's own data, started with its title and the navigation section it belongs to.
Data page(const std::string& title, const std::string& section);
// The text, or false when empty (an empty string would still open a {{#section}} and
// a missing key would be looked up in the enclosing page).
Data text_or_false(const std::string& text);
// Sets d[key] to the list, or false when empty, and d["has_<key>"] to whether it has items
// (a {{#list}} section repeats per item, so headings test has_<key>).
void set_list(Data& d, const std::string& key, std::vector<Data> items);
Data phone_data(const std::optional<Phone>& phone);  // {display, number, ext, tel} or false
// Every date and month a page shows is written by these two, the Chinese way (feeds,
// JSON and <time datetime> keep ISO 8601).
std::string date_text(const Date& d);                // 2026年11月5日
std::string month_text(const std::string& yyyy_mm);  // "2026-09" → 2026年9月
std::string occurrence_text(const Occurrence& o);    // 2026年11月10日（周二）19:00–20:30
std::string units_text(const BuildingRef& ref);      // "1–2单元", "" for the whole building
std::string body_html(const Markdown& body);         // safe HTML, "" when empty

Data issue_row(const SiteIndex& s, const Issue& issue);
// Whether any text of an issue_row() row (its nested objects' too) holds `c`.
bool row_text_holds(const Data& row, char c);

// Where a page builder gets its issue rows: the row's data (issue_row()), or the row
// already rendered to HTML when the page's template takes it ready-made (ready_rows.h).
class IssueRows {
 public:
  virtual ~IssueRows() = default;
  virtual Data row(const Issue& issue) const = 0;
};

// Rows as data, for every template that inlines the issue_row partial.
class IssueRowData final : public IssueRows {
 public:
  explicit IssueRowData(const SiteIndex& s) : s_(s) {}
  Data row(const Issue& issue) const override { return issue_row(s_, issue); }

 private:
  const SiteIndex& s_;
};
Data steward_card(const SiteIndex& s, const Steward& st, const std::string& building_id);
Data building_link(const Building& b);
Data event_item(const SiteIndex& s, const Event& e, int occurrences);
Data notice_item(const Notice& n, bool with_body);
// Community names (or building names) of a scope; "全街道" for an empty scope.
std::string scope_text(const SiteIndex& s, const std::vector<std::string>& scope);
// Pager links: [{n, url, current}] or false for a single page.
Data pager(int pages, int current, const std::function<std::string(int)>& path_of);

// One builder per kind of page. Each returns the page's own data including
// page_title and section (which nav item is current).
Data home_page(const SiteIndex& s);
Data communities_page(const SiteIndex& s);
Data community_page(const SiteIndex& s, const Community& c);
Data community_log_page(const SiteIndex& s, const Community& c, const std::string& month,
                        const IssueRows& row_maker);
Data grid_page(const SiteIndex& s, const Grid& g);
Data building_page(const SiteIndex& s, const Building& b, int page, const IssueRows& row_maker);
Data steward_page(const SiteIndex& s, const Steward& st, const IssueRows& row_maker);
Data duty_page(const SiteIndex& s, const DutyScheme& d);
Data free_page(const SiteIndex& s, const Page& p);
Data notices_page(const SiteIndex& s);
Data notice_page(const SiteIndex& s, const Notice& n);
Data events_page(const SiteIndex& s);
Data stats_page(const SiteIndex& s);
Data categories_page(const SiteIndex& s);
Data category_page(const SiteIndex& s, const std::string& category, int page,
                   const IssueRows& row_maker);
Data not_found_page(const SiteIndex& s);

}  // namespace hgj::site
