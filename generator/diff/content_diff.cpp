#include "diff/content_diff.h"

#include <algorithm>
#include <map>
#include <set>

#include "hgj/language.h"
#include "hgj/schema.h"
#include "print/board_data.h"
#include "site/pages/page_data.h"

namespace hgj {

namespace {

// An entity as the diff sees it: its fields as the site shows them, under the keys of
// its collection spec, and the communities whose group it is listed in.
struct Shown {
  std::string collection, id, name;
  std::vector<std::string> communities;                     // empty: the street
  std::vector<std::pair<std::string, std::string>> fields;  // key → value as shown
};

std::string phone_text(const std::optional<Phone>& p) { return p ? p->display : std::string(); }
std::string date_text(const std::optional<Date>& d) { return d ? d->iso() : std::string(); }
std::string yes_no(bool b) { return b ? say("是", "yes") : say("否", "no"); }
std::string count_text(int n) { return n > 0 ? std::to_string(n) : std::string(); }
std::string order_text(const std::optional<int>& o) {
  return o ? std::to_string(*o) : std::string();
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// Keys whose values are long text: a change is said, not quoted (a notice's body would
// fill the 审批单).
bool is_text_key(const std::string& key) { return key == "body"; }

std::string field_label(const std::string& collection, const std::string& key) {
  if (key == "body")
    return collection == "stewards" ? say("介绍", "introduction") : say("正文", "body");
  if (current_language() == Language::en) return key;
  if (collection == "site") {
    static const std::map<std::string, std::string> site_labels{
        {"title", "网站标题"},      {"base_url", "网址"},    {"street", "街道"},
        {"district", "区县"},       {"hotline", "服务热线"}, {"duty_scheme", "职责方案"},
        {"categories", "问题类别"}, {"paper", "公示牌纸张"}};
    const auto it = site_labels.find(key);
    return it == site_labels.end() ? key : it->second;
  }
  const FieldSpec* spec = collection_spec(collection).find(key);
  return spec && !spec->labels.empty() ? spec->labels.front() : key;
}

// Where a building, community or scope item belongs, in whichever version knows it.
std::string community_of(const Content& a, const Content& b, const std::string& id) {
  for (const Content* c : {&a, &b}) {
    if (c->community(id)) return id;
    if (const Building* building = c->building(id)) return building->community;
    if (const Building* building = c->former_building(id)) return building->community;
  }
  return {};
}

std::vector<std::string> scope_communities(const Content& a, const Content& b,
                                           const std::vector<std::string>& scope) {
  std::vector<std::string> out;
  for (const std::string& item : scope) {
    const std::string c = community_of(a, b, item);
    if (!c.empty() && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  return out;
}

std::string buildings_text(const Content& c, const std::vector<BuildingRef>& refs) {
  std::vector<std::string> names;
  for (const BuildingRef& r : refs) {
    const Building* b = c.building(r.building);
    if (!b) b = c.former_building(r.building);
    std::string name = b ? b->name : r.building;
    // 「德平坝小区3幢（1–2单元）」 beside the label 负责楼栋, as on the steward's page.
    if (!r.whole_building()) name += "（" + site::units_text(r) + "）";
    names.push_back(name);
  }
  return joined(names, "、");
}

Shown shown(const Content& c, const Content& other, const Steward& s) {
  std::vector<std::string> communities;
  for (const BuildingRef& r : s.buildings) {
    const std::string id = community_of(c, other, r.building);
    if (!id.empty() && std::find(communities.begin(), communities.end(), id) == communities.end())
      communities.push_back(id);
  }
  return {"stewards",
          s.id,
          s.name,
          communities,
          {{"name", s.name},
           {"phone", phone_text(s.phone)},
           {"photo", s.photo},
           {"wechat_qr", s.wechat_qr},
           {"party_member", yes_no(s.party_member)},
           {"role", s.role},
           {"buildings", buildings_text(c, s.buildings)},
           {"since", date_text(s.since)},
           {"honors", joined(s.honors, "；")},
           {"office_hours", s.office_hours},
           {"order", order_text(s.order)},
           {"body", s.body.text}}};
}

Shown shown(const Building& b) {
  return {"buildings",
          b.id,
          b.name,
          {b.community},
          {{"name", b.name},
           {"community", b.community},
           {"grid", b.grid},
           {"address", b.address},
           {"units", count_text(b.units)},
           {"households", count_text(b.households)},
           {"property", b.property},
           {"property_phone", phone_text(b.property_phone)},
           {"order", order_text(b.order)},
           {"body", b.body.text}}};
}

Shown shown(const Community& c) {
  return {"communities",
          c.id,
          c.name,
          {c.id},
          {{"name", c.name},
           {"party_secretary", c.party_secretary},
           {"address", c.address},
           {"phone", phone_text(c.phone)},
           {"office_hours", c.office_hours},
           {"duty_scheme", c.duty_scheme},
           {"order", order_text(c.order)},
           {"body", c.body.text}}};
}

Shown shown(const Grid& g) {
  return {"grids",
          g.id,
          g.name,
          {g.community},
          {{"name", g.name},
           {"community", g.community},
           {"leader", g.leader},
           {"leader_phone", phone_text(g.leader_phone)},
           {"worker", g.worker},
           {"worker_phone", phone_text(g.worker_phone)},
           {"order", order_text(g.order)},
           {"body", g.body.text}}};
}

Shown shown(const Content& c, const Content& other, const Event& e) {
  return {"events",
          e.id,
          e.title,
          scope_communities(c, other, e.scope),
          {{"title", e.title},
           {"kind", e.kind},
           {"scope", joined(e.scope, "、")},
           {"location", e.location},
           {"time", print::event_when(e.schedule)},
           {"body", e.body.text}}};
}

Shown shown(const Content& c, const Content& other, const Notice& n) {
  return {"notices",
          n.id,
          n.title,
          scope_communities(c, other, n.scope),
          {{"title", n.title},
           {"date", n.date.iso()},
           {"expires", date_text(n.expires)},
           {"scope", joined(n.scope, "、")},
           {"pinned", yes_no(n.pinned)},
           {"urgent", yes_no(n.urgent)},
           {"start", n.start ? n.start->text() : std::string()},
           {"body", n.body.text}}};
}

// Operator data (never on the site), listed with its building's community.
Shown shown(const Content& c, const Content& other, const Screen& s) {
  std::vector<std::string> communities;
  if (const std::string id = community_of(c, other, s.building); !id.empty())
    communities.push_back(id);
  return {"screens",
          s.id,
          s.id,
          communities,
          {{"building", buildings_text(c, {BuildingRef{s.building}})},
           {"orientation", s.orientation},
           {"size", s.size},
           {"night_from", s.night_from},
           {"night_until", s.night_until},
           {"note", s.note}}};
}

Shown shown(const DutyScheme& d) {
  std::vector<std::string> groups;
  for (const DutyGroup& g : d.groups) groups.push_back(g.name + "：" + joined(g.items, "、"));
  return {"duties",
          d.id,
          d.title,
          {},
          {{"title", d.title}, {"groups", joined(groups, "；")}, {"body", d.body.text}}};
}

Shown shown(const Page& p) {
  return {"pages",
          p.id,
          p.title,
          {},
          {{"title", p.title}, {"order", std::to_string(p.order)}, {"body", p.body.text}}};
}

Shown shown(const Site& s) {
  return {"site",
          "site",
          s.title,
          {},
          {{"title", s.title},
           {"base_url", s.base_url},
           {"street", s.street},
           {"district", s.district},
           {"hotline", phone_text(s.hotline)},
           {"duty_scheme", s.duty_scheme},
           {"categories", joined(s.categories, "、")},
           {"paper", s.print.paper}}};
}

// Every entity of a version but issues, in the readers' order of its collections.
std::vector<Shown> entities(const Content& c, const Content& other) {
  std::vector<Shown> out;
  out.push_back(shown(c.site));
  for (const DutyScheme& d : c.duties) out.push_back(shown(d));
  for (const Community& x : c.communities) out.push_back(shown(x));
  for (const Grid& g : c.grids) out.push_back(shown(g));
  for (const Building& b : c.buildings) out.push_back(shown(b));
  for (const Steward& s : c.stewards) out.push_back(shown(c, other, s));
  for (const Event& e : c.events) out.push_back(shown(c, other, e));
  for (const Notice& n : c.notices) out.push_back(shown(c, other, n));
  for (const Page& p : c.pages) out.push_back(shown(p));
  for (const Screen& s : c.screens) out.push_back(shown(c, other, s));
  return out;
}

std::vector<FieldChange> changed_fields(const Shown& before, const Shown& after) {
  std::vector<FieldChange> out;
  for (std::size_t i = 0; i < after.fields.size() && i < before.fields.size(); ++i) {
    const auto& [key, value] = after.fields[i];
    if (before.fields[i].second == value) continue;
    const bool text = is_text_key(key);
    out.push_back({key, field_label(after.collection, key),
                   text ? std::string() : before.fields[i].second, text ? std::string() : value,
                   text});
  }
  return out;
}

// Groups keyed by community id; the street under "".
class Grouper {
 public:
  Grouper(const Content& before, const Content& after) : before_(before), after_(after) {}

  CommunityChanges& group(const std::string& id) {
    auto it = groups_.find(id);
    if (it != groups_.end()) return it->second;
    CommunityChanges g;
    g.id = id;
    if (id.empty()) {
      g.name = after_.site.street.empty() ? say("全街道", "street-wide") : after_.site.street;
    } else {
      const Community* c = after_.community(id);
      if (!c) c = before_.community(id);
      g.name = c ? c->name : id;
    }
    return groups_.emplace(id, std::move(g)).first->second;
  }

  void add(const std::vector<std::string>& communities, const EntityChange& change) {
    if (communities.empty()) group("").changes.push_back(change);
    for (const std::string& c : communities) group(c).changes.push_back(change);
  }

  ContentDiff finish() {
    ContentDiff diff;
    std::vector<std::string> order{""};
    for (const Content* c : {&after_, &before_})
      for (const Community& x : c->communities) order.push_back(x.id);
    for (const auto& entry : groups_) order.push_back(entry.first);
    std::set<std::string> done;
    for (const std::string& id : order) {
      if (!done.insert(id).second) continue;
      auto it = groups_.find(id);
      if (it == groups_.end() || (it->second.changes.empty() && it->second.issues.empty()))
        continue;
      diff.groups.push_back(std::move(it->second));
    }
    return diff;
  }

 private:
  const Content& before_;
  const Content& after_;
  std::map<std::string, CommunityChanges> groups_;
};

void diff_issues(const Content& before, const Content& after, Grouper& groups) {
  std::map<std::string, const Issue*> old;
  for (const Issue& i : before.issues) old[i.id] = &i;
  for (const Issue& i : after.issues) {
    IssueCounts& counts = groups.group(community_of(after, before, i.building)).issues;
    const auto it = old.find(i.id);
    if (it == old.end()) {
      ++counts.added;
      if (i.closed()) ++counts.closed;
      continue;
    }
    const Issue& was = *it->second;
    old.erase(it);
    if (i.closed() && !was.closed()) {
      ++counts.closed;
      continue;
    }
    bool same = i.title == was.title && i.category == was.category && i.building == was.building &&
                i.level == was.level && i.handled_by == was.handled_by &&
                i.resolution == was.resolution && i.satisfaction == was.satisfaction &&
                i.outcome == was.outcome && i.reopened == was.reopened &&
                i.body.text == was.body.text;
    for (int s = 0; s < step_count; ++s) same = same && i.steps[s] == was.steps[s];
    if (!same) ++counts.changed;
  }
  for (const auto& entry : old)
    ++groups.group(community_of(before, after, entry.second->building)).issues.removed;
}

}  // namespace

std::string collection_noun(const std::string& collection) {
  static const std::map<std::string, std::pair<const char*, const char*>> nouns{
      {"site", {"网站设置", "site settings"}}, {"duties", {"职责方案", "duty scheme"}},
      {"communities", {"社区", "community"}},  {"grids", {"网格", "grid"}},
      {"buildings", {"楼栋", "building"}},     {"stewards", {"红管家", "steward"}},
      {"issues", {"问题台账", "issue"}},       {"events", {"活动", "event"}},
      {"notices", {"公告", "notice"}},         {"pages", {"页面", "page"}},
      {"screens", {"屏幕", "screen"}}};
  const auto it = nouns.find(collection);
  return it == nouns.end() ? collection : say(it->second.first, it->second.second);
}

ContentDiff diff_content(const Content& before, const Content& after) {
  Grouper groups(before, after);
  std::map<std::pair<std::string, std::string>, Shown> old;
  for (Shown& s : entities(before, after))
    old.emplace(std::make_pair(s.collection, s.id), std::move(s));

  for (const Shown& now : entities(after, before)) {
    const auto it = old.find({now.collection, now.id});
    if (it == old.end()) {
      groups.add(now.communities,
                 {EntityChange::Kind::added, now.collection, now.id, now.name, {}, {}, {}});
      continue;
    }
    std::vector<FieldChange> fields = changed_fields(it->second, now);
    if (!fields.empty()) {
      // A steward who moved to another community is listed in both.
      std::vector<std::string> where = now.communities;
      for (const std::string& c : it->second.communities)
        if (std::find(where.begin(), where.end(), c) == where.end()) where.push_back(c);
      groups.add(where, {EntityChange::Kind::changed,
                         now.collection,
                         now.id,
                         now.name,
                         {},
                         {},
                         std::move(fields)});
    }
    old.erase(it);
  }
  // What the newer version no longer lists: retired (离任, 拆除, 合并) when it keeps the
  // record as a former one, else removed.
  for (const auto& entry : old) {
    const Shown& was = entry.second;
    EntityChange change{EntityChange::Kind::removed, was.collection, was.id, was.name, {}, {}, {}};
    if (was.collection == "stewards") {
      if (const Steward* s = after.former_steward(was.id)) {
        change.kind = EntityChange::Kind::retired;
        change.status = say("离任", "left");
        change.status_date = date_text(s->left_on);
      }
    } else if (was.collection == "buildings") {
      if (const Building* b = after.former_building(was.id)) {
        change.kind = EntityChange::Kind::retired;
        change.status = b->status;
      }
    }
    groups.add(was.communities, change);
  }
  diff_issues(before, after, groups);
  return groups.finish();
}

}  // namespace hgj
