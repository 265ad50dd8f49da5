// Content → Bundle. Copies public fields one by one, so a field added to the model
// reaches lobby screens only when someone decides it should.
#include <algorithm>

#include "bundle/plain_text.h"
#include "bundle/write_bundle.h"
#include "site/pages/urls.h"

namespace hgj {

namespace {

BundleSite bundle_site(const Site& s, const std::string& base_url) {
  BundleSite b;
  b.title = s.title;
  b.street = s.street;
  b.district = s.district;
  b.hotline = s.hotline;
  b.timezone = s.timezone;
  b.language = s.language;
  b.base_url = base_url;
  b.duty_scheme = s.duty_scheme;
  b.kiosk = s.kiosk;
  return b;
}

BundleCommunity bundle_community(const Community& c) {
  return {c.id, c.name, c.party_secretary, c.address, c.phone, c.office_hours, c.duty_scheme};
}

BundleGrid bundle_grid(const Grid& g) {
  return {g.id, g.name, g.community, g.leader, g.leader_phone, g.worker, g.worker_phone};
}

BundleIssue bundle_issue(const Content& content, const Issue& i) {
  BundleIssue b;
  b.id = i.id;
  b.category = i.category;
  b.private_category = content.site.is_private_category(i.category);
  if (!b.private_category) {
    b.title = i.title;
    b.resolution = i.resolution;
  }
  b.closed_on = *i.step(Step::closed);
  b.level = i.level;
  b.outcome = outcome_key(i.outcome);
  b.outcome_label = outcome_label(i.outcome);
  // One who left (离任) is on no kiosk slide: the issue is shown without a steward.
  if (const Steward* s = content.steward(i.handled_by)) {
    b.steward = i.handled_by;
    b.steward_name = s->name;
  }
  return b;
}

// The building's closed issues, newest 销号 first (ties: id), at most `limit`.
std::vector<BundleIssue> recent_issues(const Content& content, const Building& building,
                                       int limit) {
  std::vector<const Issue*> closed;
  for (const Issue* i : content.issues_of_building(building.id)) {
    if (i->closed()) closed.push_back(i);
  }
  std::sort(closed.begin(), closed.end(), [](const Issue* a, const Issue* b) {
    const Date& x = *a->step(Step::closed);
    const Date& y = *b->step(Step::closed);
    return x != y ? x > y : a->id < b->id;
  });
  if (closed.size() > static_cast<std::size_t>(std::max(limit, 0)))
    closed.resize(static_cast<std::size_t>(std::max(limit, 0)));
  std::vector<BundleIssue> issues;
  for (const Issue* i : closed) issues.push_back(bundle_issue(content, *i));
  return issues;
}

BundleBuilding bundle_building(const Content& content, const Building& b,
                               const std::string& base_url, int limit) {
  BundleBuilding out;
  out.id = b.id;
  out.name = b.name;
  out.community = b.community;
  out.grid = b.grid;
  out.address = b.address;
  out.units = b.units;
  out.households = b.households;
  out.property = b.property;
  out.property_phone = b.property_phone;
  out.url = site::absolute_url(base_url, site::building_path(b.id));
  out.recent_issues = recent_issues(content, b, limit);
  return out;
}

BundleSteward bundle_steward(const Steward& s) {
  BundleSteward b;
  b.id = s.id;
  b.name = s.name;
  b.phone = s.phone;
  b.role = s.role;
  b.party_member = s.party_member;
  b.buildings = s.buildings;
  b.since = s.since;
  b.honors = s.honors;
  b.office_hours = s.office_hours;
  b.intro = markdown_plain_text(s.body.text);
  return b;
}

BundleDutyScheme bundle_duty(const DutyScheme& d) {
  return {d.id, d.title, d.groups, markdown_plain_text(d.body.text)};
}

BundleEvent bundle_event(const Event& e) {
  return {e.id, e.title, e.kind, e.scope, e.location, e.schedule, markdown_plain_text(e.body.text)};
}

BundleNotice bundle_notice(const Notice& n) {
  return {n.id,      n.title, n.date,
          n.expires, n.scope, n.pinned,
          n.urgent,  n.start, markdown_plain_text(n.body.text)};
}

BundleScreen bundle_screen(const Screen& s) {
  return {s.id, s.building, s.orientation, s.size, s.night_from, s.night_until, s.note};
}

}  // namespace

Bundle assemble_bundle(const Content& content, const BundleOptions& options) {
  const std::string base_url = site::resolved_base_url(options.base_url, content.site.base_url);

  Bundle b;
  b.generated_at = options.now;
  b.site = bundle_site(content.site, base_url);
  for (const Community& c : content.communities) b.communities.push_back(bundle_community(c));
  for (const Grid& g : content.grids) b.grids.push_back(bundle_grid(g));
  for (const Building& x : content.buildings)
    b.buildings.push_back(bundle_building(content, x, base_url, options.recent_issues));
  for (const Steward& s : content.stewards) b.stewards.push_back(bundle_steward(s));
  for (const DutyScheme& d : content.duties) b.duties.push_back(bundle_duty(d));
  for (const Event& e : content.events) b.events.push_back(bundle_event(e));
  for (const Notice& n : content.notices) b.notices.push_back(bundle_notice(n));
  for (const Screen& s : content.screens) b.screens.push_back(bundle_screen(s));
  for (const std::string& key : bundle_string_keys()) {
    if (auto it = options.strings.find(key); it != options.strings.end()) b.strings.insert(*it);
  }
  return b;
}

}  // namespace hgj
