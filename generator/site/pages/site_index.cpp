#include "site/pages/site_index.h"

#include <algorithm>
#include <future>

#include "site/pages/stats.h"
#include "site/pages/urls.h"

namespace hgj::site {

namespace {

Date first_date(const Issue& issue) {
  for (const auto& d : issue.steps) {
    if (d) return *d;
  }
  return {};
}

}  // namespace

bool issue_newer(const Issue* a, const Issue* b) {
  const Date da = first_date(*a), db = first_date(*b);
  return da != db ? da > db : a->id < b->id;
}

const std::string& SiteIndex::slug_of(const std::string& category) const {
  static const std::string none;
  auto it = category_slugs.find(category);
  return it == category_slugs.end() ? none : it->second;
}

int SiteIndex::issue_page(const Issue& issue) const {
  const std::optional<std::size_t> at = place_in(content->issues, issue);
  return at ? issue_pages[*at] : 0;
}

SiteIndex assemble(const Content& content, Instant now, const TimeZone& zone,
                   const std::string& base_url) {
  SiteIndex s;
  s.content = &content;
  s.now = now;
  s.today = zone.local_date(now);
  s.minute = zone.local_minute(now);
  s.zone = zone;
  s.base_url = base_url;
  s.categories = content.site.categories.empty() ? default_categories() : content.site.categories;
  for (const Issue& issue : content.issues) {
    if (std::find(s.categories.begin(), s.categories.end(), issue.category) == s.categories.end()) {
      s.categories.push_back(issue.category);
    }
  }
  for (std::size_t i = 0; i < s.categories.size(); ++i) {
    s.category_slugs.emplace(s.categories[i], category_slug(i));
  }

  // The lists by category and by community month on another core, beside those by
  // building (a city has 100,000 issues).
  std::future<void> by_category_and_month = std::async(std::launch::async, [&] {
    for (const Issue& issue : content.issues) {
      s.issues_by_category[issue.category].push_back(&issue);
      // A building pulled down keeps its issues in its community's log.
      const Building* b = content.building(issue.building);
      if (b == nullptr) b = content.former_building(issue.building);
      if (b != nullptr) {
        s.community_months[b->community][issue_month(issue)].push_back(&issue);
      }
    }
    for (auto& [key, list] : s.issues_by_category) std::sort(list.begin(), list.end(), issue_newer);
    for (auto& [community, months] : s.community_months) {
      for (auto& [month, list] : months) {
        std::sort(list.begin(), list.end(),
                  [](const Issue* a, const Issue* b) { return issue_newer(b, a); });
      }
    }
  });
  for (const Issue& issue : content.issues) s.issues_by_building[issue.building].push_back(&issue);
  s.issue_pages.assign(content.issues.size(), 1);
  for (auto& [key, list] : s.issues_by_building) {
    std::sort(list.begin(), list.end(), issue_newer);
    for (std::size_t i = 0; i < list.size(); ++i) {
      s.issue_pages[static_cast<std::size_t>(list[i] - content.issues.data())] =
          page_of(i, issues_per_building_page);
    }
  }
  by_category_and_month.get();

  for (const Notice& n : content.notices) {
    if (s.notice_current(n)) s.current_notices.push_back(&n);
  }
  std::stable_sort(s.current_notices.begin(), s.current_notices.end(),
                   [](const Notice* a, const Notice* b) {
                     if (a->urgent != b->urgent) return a->urgent;
                     return a->pinned && !b->pinned;
                   });

  for (std::size_t i = 0; i < content.events.size(); ++i) {
    const Event& e = content.events[i];
    auto next = next_occurrences(e.schedule, zone, now, 1);
    s.next_occurrence[e.id] = next.empty() ? std::nullopt : std::optional(next.front());
    if (e.kind != "敲门日" || next.empty()) continue;
    for (const Building& b : content.buildings) {
      if (!content.scope_covers(e.scope, b)) continue;
      auto [at, fresh] = s.next_knock.try_emplace(b.id, next.front(), i);
      if (!fresh && next.front().start < at->second.first.start) at->second = {next.front(), i};
    }
  }
  for (const Event& e : content.events) {
    if (s.next_occurrence.at(e.id)) s.upcoming.push_back(&e);
  }
  std::sort(s.upcoming.begin(), s.upcoming.end(), [&s](const Event* a, const Event* b) {
    const Instant ta = s.next_occurrence.at(a->id)->start, tb = s.next_occurrence.at(b->id)->start;
    return ta != tb ? ta < tb : a->id < b->id;
  });
  return s;
}

}  // namespace hgj::site
