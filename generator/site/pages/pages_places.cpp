// Page data for the places and people: communities, grids, buildings, stewards.
#include <algorithm>

#include "site/pages/page_data.h"
#include "site/pages/stats.h"
#include "site/pages/urls.h"

namespace hgj::site {

namespace {

int households_of(const Content& c, const std::string& community_id) {
  int n = 0;
  for (const Building* b : c.buildings_of_community(community_id)) n += b->households;
  return n;
}

// Each building with its stewards' names, for lists.
Data building_rows(const SiteIndex& s, const std::vector<const Building*>& buildings) {
  std::vector<Data> rows;
  for (const Building* b : buildings) {
    Data d = building_link(*b);
    std::string names;
    for (const Steward* st : s.content->stewards_of_building(b->id)) {
      if (!names.empty()) names += "、";
      names += st->name;
    }
    d["stewards"] = text_or_false(names);
    d["households"] = b->households > 0 ? Data(std::to_string(b->households)) : Data(false);
    rows.push_back(std::move(d));
  }
  return list_of(std::move(rows));
}

Data community_link(const Community& c) {
  Data d = object();
  d["name"] = c.name;
  d["url"] = community_path(c.id);
  return d;
}

Data duty_link(const DutyScheme* scheme) {
  if (!scheme) return Data(false);
  Data d = object();
  d["title"] = scheme->title;
  d["url"] = duty_path(scheme->id);
  d["groups"] = duty_groups(*scheme);
  return d;
}

// Upcoming events whose scope covers `covers`, soonest first, at most `limit`.
template <class Pred>
std::vector<Data> upcoming_events(const SiteIndex& s, Pred covers, std::size_t limit) {
  std::vector<Data> items;
  for (const Event* e : s.upcoming) {
    if (items.size() == limit) break;
    if (covers(*e)) items.push_back(event_item(s, *e, 1));
  }
  return items;
}

template <class Pred>
std::vector<Data> current_notices(const SiteIndex& s, Pred covers, std::size_t limit) {
  std::vector<Data> items;
  for (const Notice* n : s.current_notices) {
    if (items.size() < limit && covers(*n)) items.push_back(notice_item(*n, false));
  }
  return items;
}

}  // namespace

Data communities_page(const SiteIndex& s) {
  Data d = page("", "communities");
  std::vector<Data> items;
  for (const Community& c : s.content->communities) {
    Data cd = community_link(c);
    cd["buildings"] = building_rows(s, s.content->buildings_of_community(c.id));
    items.push_back(std::move(cd));
  }
  d["communities"] = list_of(std::move(items));
  return d;
}

Data community_page(const SiteIndex& s, const Community& c) {
  const Content& content = *s.content;
  Data d = page(c.name, "communities");
  d["name"] = c.name;
  d["party_secretary"] = text_or_false(c.party_secretary);
  d["address"] = text_or_false(c.address);
  d["phone"] = phone_data(c.phone);
  d["office_hours"] = text_or_false(c.office_hours);
  d["body_html"] = body_html(c.body);
  d["calendar_url"] = "community/" + c.id + "/events.ics";
  std::vector<Data> grids;
  for (const Grid* g : content.grids_of_community(c.id)) {
    Data gd = object();
    gd["name"] = g->name;
    gd["url"] = grid_path(g->id);
    gd["leader"] = text_or_false(g->leader);
    gd["leader_phone"] = phone_data(g->leader_phone);
    gd["worker"] = text_or_false(g->worker);
    gd["worker_phone"] = phone_data(g->worker_phone);
    grids.push_back(std::move(gd));
  }
  set_list(d, "grids", std::move(grids));
  const auto buildings = content.buildings_of_community(c.id);
  d["buildings"] = building_rows(s, buildings);
  d["building_count"] = std::to_string(buildings.size());
  d["households"] = std::to_string(households_of(content, c.id));
  const DutyScheme* scheme =
      content.duty_scheme(c.duty_scheme.empty() ? content.site.duty_scheme : c.duty_scheme);
  d["duty"] = duty_link(scheme);
  set_list(d, "events",
           upcoming_events(
               s,
               [&](const Event& e) {
                 return e.scope.empty() ||
                        std::find(e.scope.begin(), e.scope.end(), c.id) != e.scope.end();
               },
               6));
  set_list(d, "notices",
           current_notices(
               s,
               [&](const Notice& n) {
                 return n.scope.empty() ||
                        std::find(n.scope.begin(), n.scope.end(), c.id) != n.scope.end();
               },
               5));
  std::vector<Data> months;
  if (auto it = s.community_months.find(c.id); it != s.community_months.end()) {
    for (auto m = it->second.rbegin(); m != it->second.rend(); ++m) {
      Data md = object();
      md["month"] = month_text(m->first);
      md["url"] = community_log_path(c.id, m->first);
      md["count"] = std::to_string(m->second.size());
      months.push_back(std::move(md));
    }
  }
  set_list(d, "months", std::move(months));
  return d;
}

Data community_log_page(const SiteIndex& s, const Community& c, const std::string& month,
                        const IssueRows& row_maker) {
  Data d = page(c.name + " " + month_text(month), "communities");
  d["community"] = community_link(c);
  d["month"] = month_text(month);
  const auto& months = s.community_months.at(c.id);
  const auto& issues = months.at(month);
  std::vector<Data> rows;
  for (const Issue* issue : issues) rows.push_back(row_maker.row(*issue));
  d["issues"] = list_of(std::move(rows));
  d["count"] = std::to_string(issues.size());
  auto it = months.find(month);
  d["prev"] =
      it == months.begin() ? Data(false) : Data(community_log_path(c.id, std::prev(it)->first));
  d["next"] = std::next(it) == months.end() ? Data(false)
                                            : Data(community_log_path(c.id, std::next(it)->first));
  return d;
}

Data grid_page(const SiteIndex& s, const Grid& g) {
  Data d = page(g.name, "communities");
  d["name"] = g.name;
  if (const Community* c = s.content->community(g.community))
    d["community"] = community_link(*c);
  else
    d["community"] = false;
  d["leader"] = text_or_false(g.leader);
  d["leader_phone"] = phone_data(g.leader_phone);
  d["worker"] = text_or_false(g.worker);
  d["worker_phone"] = phone_data(g.worker_phone);
  d["body_html"] = body_html(g.body);
  d["buildings"] = building_rows(s, s.content->buildings_of_grid(g.id));
  return d;
}

Data building_page(const SiteIndex& s, const Building& b, int page_no, const IssueRows& row_maker) {
  const Content& content = *s.content;
  Data d = page(b.name, "communities");
  d["name"] = b.name;
  d["id"] = b.id;
  d["address"] = text_or_false(b.address);
  const Community* c = content.community(b.community);
  d["community"] = c ? community_link(*c) : Data(false);
  const Grid* g = b.grid.empty() ? nullptr : content.grid(b.grid);
  if (g) {
    Data gd = object();
    gd["name"] = g->name;
    gd["url"] = grid_path(g->id);
    gd["worker"] = text_or_false(g->worker);
    gd["worker_phone"] = phone_data(g->worker_phone);
    d["grid"] = std::move(gd);
  } else {
    d["grid"] = false;
  }
  d["units"] = b.units > 0 ? Data(std::to_string(b.units)) : Data(false);
  d["households"] = b.households > 0 ? Data(std::to_string(b.households)) : Data(false);
  d["property"] = text_or_false(b.property);
  d["property_phone"] = phone_data(b.property_phone);
  d["body_html"] = body_html(b.body);
  std::vector<Data> stewards;
  std::string callers;  // for the page's description: who to call, and their numbers
  for (const Steward* st : content.stewards_of_building(b.id)) {
    stewards.push_back(steward_card(s, *st, b.id));
    callers +=
        (callers.empty() ? "" : "，") + st->name + (st->phone ? " " + st->phone->display : "");
  }
  d["meta_callers"] = text_or_false(callers);
  set_list(d, "stewards", std::move(stewards));
  d["duty"] = duty_link(content.duty_scheme_for_building(b.id));
  set_list(d, "events",
           upcoming_events(
               s, [&](const Event& e) { return content.scope_covers(e.scope, b); }, 5));
  set_list(d, "notices",
           current_notices(
               s, [&](const Notice& n) { return content.scope_covers(n.scope, b); }, 3));

  static const std::vector<const Issue*> none;
  auto it = s.issues_by_building.find(b.id);
  const auto& issues = it == s.issues_by_building.end() ? none : it->second;
  std::size_t open = 0;
  for (const Issue* i : issues) open += i->closed() ? 0 : 1;
  d["issue_count"] = std::to_string(issues.size());
  d["open_count"] = std::to_string(open);
  d["closed_count"] = std::to_string(issues.size() - open);
  const std::size_t first = static_cast<std::size_t>(page_no - 1) * issues_per_building_page;
  std::vector<Data> rows;
  for (std::size_t i = first; i < issues.size() && i < first + issues_per_building_page; ++i) {
    rows.push_back(row_maker.row(*issues[i]));
  }
  set_list(d, "issues", std::move(rows));
  d["pager"] = pager(page_count(issues.size(), issues_per_building_page), page_no,
                     [&](int n) { return building_path(b.id, n); });
  if (s.print_boards) {
    // The print stage's files (print/render_print.h), outside the elder/ tree: {{res}}.
    Data board = object();
    board["html"] = "print/boards/" + b.id + ".html";
    board["pdf"] = "print/boards/" + b.id + ".pdf";
    d["board"] = std::move(board);
  } else {
    d["board"] = false;
  }
  if (page_no > 1) d["page_title"] = b.name + "（第" + std::to_string(page_no) + "页）";
  return d;
}

Data steward_page(const SiteIndex& s, const Steward& st, const IssueRows& row_maker) {
  const Content& content = *s.content;
  Data d = page(st.name + "（" + st.id + "）", "communities");
  d["steward"] = steward_card(s, st, "");
  d["intro_html"] = body_html(st.body);
  d["since"] = st.since ? Data(date_text(*st.since)) : Data(false);
  std::vector<Data> buildings;
  for (const BuildingRef& ref : st.buildings) {
    const Building* b = content.building(ref.building);
    if (!b) continue;
    Data bd = building_link(*b);
    bd["units"] = text_or_false(units_text(ref));
    buildings.push_back(std::move(bd));
  }
  set_list(d, "buildings", std::move(buildings));
  std::vector<Data> honors;
  for (const std::string& h : st.honors) honors.push_back(Data(h));
  set_list(d, "honors", std::move(honors));
  auto handled = content.issues_handled_by(st.id);
  std::sort(handled.begin(), handled.end(), issue_newer);
  std::vector<Data> rows;
  std::size_t resolved = 0;
  for (const Issue* issue : handled) {
    rows.push_back(row_maker.row(*issue));
    if (issue->outcome == Outcome::resolved) ++resolved;
  }
  set_list(d, "issues", std::move(rows));
  d["issue_count"] = std::to_string(handled.size());
  d["resolved_count"] = std::to_string(resolved);
  return d;
}

}  // namespace hgj::site
