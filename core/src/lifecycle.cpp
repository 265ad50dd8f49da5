// Stewards who left (离任) and buildings no longer in use (拆除, 合并) are set aside
// from the content's lists once everything is loaded: every output lists what is in
// Content::stewards and Content::buildings, so taking them out there is what makes
// them disappear from every page, board, card sheet, bundle, feed and count at once.
#include "lifecycle.h"

#include <algorithm>
#include <iterator>
#include <unordered_map>
#include <unordered_set>

#include "hgj/language.h"

namespace hgj {

namespace {

template <class T, class Gone>
std::vector<T> take_out(std::vector<T>& items, Gone gone) {
  std::vector<T> out;
  auto keep = std::stable_partition(items.begin(), items.end(),
                                    [&](const T& item) { return !gone(item); });
  std::move(keep, items.end(), std::back_inserter(out));
  items.erase(keep, items.end());
  return out;
}

std::string when(const Steward& s) {
  return s.left_on ? say("（" + s.left_on->iso() + "）", " on " + s.left_on->iso()) : std::string();
}

}  // namespace

void set_aside_former(Content& c, DiagnosticSink& sink) {
  // A building in use whose stewards have all left is uncovered now: said once, with
  // who left, so that staff know whom to replace.
  std::unordered_map<std::string, std::vector<const Steward*>> left_from;
  std::unordered_set<std::string> covered;
  for (const Steward& s : c.stewards) {
    for (const BuildingRef& ref : s.buildings) {
      if (s.left) {
        auto& list = left_from[ref.building];
        if (list.empty() || list.back() != &s) list.push_back(&s);
      } else {
        covered.insert(ref.building);
      }
    }
  }
  for (const Building& b : c.buildings) {
    const auto gone = left_from.find(b.id);
    if (!b.in_use() || covered.count(b.id) != 0 || gone == left_from.end()) continue;
    std::string who;
    for (const Steward* s : gone->second) {
      who += (who.empty() ? "" : ", ") + s->name + " (" + s->id + ")" + when(*s);
    }
    sink.warning(b.where, say("楼栋 " + b.id + " " + b.name + " 现在没有红管家：负责它的红管家都已离任（" +
                                  who + "）；请在红管家表里为它安排新的红管家",
                              "building " + b.id + " " + b.name +
                                  " has no steward now: every steward who looked after it has "
                                  "left (离任): " + who + "; name a new one in stewards"));
  }

  // A grid naming one who left as its 网格长 or 专职网格员 shows a person who is gone.
  std::unordered_map<std::string, const Steward*> left_by_name;
  std::unordered_set<std::string> serving_names;
  for (const Steward& s : c.stewards) {
    if (s.left) {
      left_by_name.emplace(s.name, &s);
    } else {
      serving_names.insert(s.name);
    }
  }
  for (const Grid& g : c.grids) {
    for (const std::string* person : {&g.leader, &g.worker}) {
      const auto found = left_by_name.find(*person);
      if (person->empty() || found == left_by_name.end() || serving_names.count(*person) != 0)
        continue;
      const Steward& s = *found->second;
      sink.warning(g.where, say("网格 " + g.id + " " + g.name + " 里写的" + s.name + "（" + s.id +
                                    "）已离任" + when(s) + "：请更新网格表",
                                "grid " + g.id + " " + g.name + " names " + s.name +
                                    ", a steward who left (离任)" + when(s) + " (" + s.id +
                                    "): update the grid"));
    }
  }

  // An event or notice for a building no longer in use reaches nobody there.
  std::unordered_map<std::string, const Building*> gone_buildings;
  for (const Building& b : c.buildings) {
    if (!b.in_use()) gone_buildings.emplace(b.id, &b);
  }
  const auto check_scope = [&](const std::string& what, const std::string& id,
                               const std::vector<std::string>& scope, const SourceLocation& where) {
    for (const std::string& item : scope) {
      const auto gone = gone_buildings.find(item);
      if (gone == gone_buildings.end()) continue;
      sink.warning(where, say((what == "event" ? "活动 " : "通知 ") + id + " 的范围里有楼栋 " +
                                  item + " " + gone->second->name + "，它已" +
                                  gone->second->status + "，那里不再显示；请从范围里删去",
                              what + " " + id + ": its scope names building " + item + " " +
                                  gone->second->name + ", which is " + gone->second->status +
                                  "; it is shown there no more"));
    }
  };
  for (const Event& e : c.events) check_scope("event", e.id, e.scope, e.where);
  for (const Notice& n : c.notices) check_scope("notice", n.id, n.scope, n.where);

  c.former_stewards = take_out(c.stewards, [](const Steward& s) { return s.left; });
  c.former_buildings = take_out(c.buildings, [](const Building& b) { return !b.in_use(); });
}

}  // namespace hgj
