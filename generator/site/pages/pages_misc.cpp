// Page data for the home page, notices, events, duty schemes, free pages and 404.

#include "site/pages/page_data.h"
#include "site/pages/search_key.h"
#include "site/pages/stats.h"
#include "site/pages/urls.h"

namespace hgj::site {

namespace {

// Above this many buildings the home page lists communities only; the full
// community → building list stays on communities/.
constexpr std::size_t kHomeBuildingListLimit = 300;

// The next occurrence of every event of `kind`, soonest first.
std::vector<Data> next_of_kind(const SiteIndex& s, const std::string& kind) {
  std::vector<Data> items;
  for (const Event* e : s.upcoming) {
    if (e->kind == kind) items.push_back(event_item(s, *e, 1));
  }
  return items;
}

// The find-my-building box's example: the first building a reader meets in the lists
// (communities in order, each one's buildings in order), so every street's site names
// one of its own. false when the site has no building yet.
Data find_example(const Content& c) {
  for (const Community& community : c.communities) {
    for (const Building* b : c.buildings_of_community(community.id)) return Data(b->name);
  }
  return Data(false);
}

}  // namespace

Data home_page(const SiteIndex& s) {
  const Content& c = *s.content;
  Data d = page("", "home");
  int households = 0;
  std::size_t covered = 0;
  for (const Building& b : c.buildings) {
    households += b.households;
    if (!c.stewards_of_building(b.id).empty()) ++covered;
  }
  d["fig_communities"] = std::to_string(c.communities.size());
  d["fig_grids"] = std::to_string(c.grids.size());
  d["fig_buildings"] = std::to_string(c.buildings.size());
  d["fig_households"] = std::to_string(households);
  d["fig_stewards"] = std::to_string(c.stewards.size());
  d["fig_coverage"] = percent(covered, c.buildings.size());
  const bool with_buildings = c.buildings.size() <= kHomeBuildingListLimit;
  std::vector<Data> communities;
  for (const Community& community : c.communities) {
    Data cd = object();
    cd["name"] = community.name;
    cd["url"] = community_path(community.id);
    std::vector<Data> buildings;
    if (with_buildings) {
      for (const Building* b : c.buildings_of_community(community.id)) {
        buildings.push_back(building_link(*b));
      }
    }
    set_list(cd, "buildings", std::move(buildings));
    communities.push_back(std::move(cd));
  }
  d["communities"] = list_of(std::move(communities));
  d["find_example"] = find_example(c);
  d["find_folds"] = search_folds();
  std::vector<Data> notices;
  for (const Notice* n : s.current_notices) {
    if (notices.size() < 5) notices.push_back(notice_item(*n, false));
  }
  set_list(d, "notices", std::move(notices));
  set_list(d, "knock_days", next_of_kind(s, "敲门日"));
  set_list(d, "councils", next_of_kind(s, "议事会"));
  std::size_t resolved = 0;
  for (const Issue& i : c.issues) resolved += i.outcome == Outcome::resolved ? 1 : 0;
  d["resolved_count"] = std::to_string(resolved);
  return d;
}

Data notices_page(const SiteIndex& s) {
  Data d = page("", "notices");
  std::vector<Data> current, past;
  for (const Notice* n : s.current_notices) current.push_back(notice_item(*n, true));
  for (const Notice& n : s.content->notices) {
    if (s.notice_expired(n)) past.push_back(notice_item(n, false));
  }
  set_list(d, "current", std::move(current));
  set_list(d, "past", std::move(past));
  return d;
}

Data notice_page(const SiteIndex& s, const Notice& n) {
  Data d = page(n.title, "notices");
  d["notice"] = notice_item(n, true);
  d["scope"] = scope_text(s, n.scope);
  d["expired"] = s.notice_expired(n);
  return d;
}

Data events_page(const SiteIndex& s) {
  Data d = page("", "events");
  std::vector<const Event*> past;
  for (const Event& e : s.content->events) {
    if (!s.next_occurrence.at(e.id)) past.push_back(&e);
  }
  std::vector<Data> items, past_items;
  for (const Event* e : s.upcoming) {
    Data ed = event_item(s, *e, 3);
    ed["body_html"] = body_html(e->body);
    items.push_back(std::move(ed));
  }
  for (const Event* e : past) past_items.push_back(event_item(s, *e, 0));
  set_list(d, "events", std::move(items));
  set_list(d, "past", std::move(past_items));
  std::vector<Data> calendars;
  for (const Community& c : s.content->communities) {
    Data cd = object();
    cd["name"] = c.name;
    cd["url"] = "community/" + c.id + "/events.ics";
    calendars.push_back(std::move(cd));
  }
  d["calendars"] = list_of(std::move(calendars));
  return d;
}

Data duty_page(const SiteIndex& s, const DutyScheme& scheme) {
  Data d = page(scheme.title, "");
  d["title"] = scheme.title;
  d["groups"] = duty_groups(scheme);
  d["body_html"] = body_html(scheme.body);
  std::vector<Data> communities;
  for (const Community& c : s.content->communities) {
    const std::string& id = c.duty_scheme.empty() ? s.content->site.duty_scheme : c.duty_scheme;
    if (id != scheme.id) continue;
    Data cd = object();
    cd["name"] = c.name;
    cd["url"] = community_path(c.id);
    communities.push_back(std::move(cd));
  }
  set_list(d, "communities", std::move(communities));
  return d;
}

Data free_page(const SiteIndex& s, const Page& p) {
  Data d = page(p.title, "page-" + p.id);
  d["title"] = p.title;
  d["body_html"] = body_html(p.body);
  (void)s;
  return d;
}

Data not_found_page(const SiteIndex& s) {
  Data d = page("", "");
  (void)s;
  return d;
}

}  // namespace hgj::site
