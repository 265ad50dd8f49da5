// Stewards who left (离任) and buildings no longer in use (拆除, 合并) are set aside
// from the content's lists once everything is loaded: every output lists what is in
// Content::stewards and Content::buildings, so taking them out there is what makes
// them disappear from every page, board, card sheet, bundle, feed and count at once.
#include "lifecycle.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "hgj/language.h"

namespace hgj {

namespace {

template <class T, class Gone>
std::vector<T> take_out(std::vector<T>& items, Gone gone) {
  std::vector<T> out;
  auto keep =
      std::stable_partition(items.begin(), items.end(), [&](const T& item) { return !gone(item); });
  std::move(keep, items.end(), std::back_inserter(out));
  items.erase(keep, items.end());
  return out;
}

std::string when(const Steward& s) {
  return s.left_on ? say("（" + s.left_on->iso() + "）", " on " + s.left_on->iso()) : std::string();
}

// "b1 幸福1幢、b2 幸福2幢" (at most `most`, then 等): the things a folded warning names.
std::string listed(const std::vector<const Building*>& buildings, std::size_t most,
                   const std::string& comma) {
  std::string out;
  for (std::size_t i = 0; i < buildings.size() && i < most; ++i) {
    out += (i == 0 ? "" : comma) + buildings[i]->id + " " + buildings[i]->name;
  }
  if (buildings.size() > most) out += say(" 等", " …");
  return out;
}

// "3、5单元" / "units 3, 5" from a building's units that no serving steward covers.
std::string units_text(const std::vector<int>& units, bool zh) {
  std::string out;
  for (std::size_t i = 0; i < units.size(); ++i) {
    out += (i == 0 ? "" : zh ? "、" : ", ") + std::to_string(units[i]);
  }
  return zh ? out + "单元" : (units.size() == 1 ? "unit " : "units ") + out;
}

// Buildings in use that no steward looks after, units of a building that no steward's
// unit range reaches, and stewards in post without a building: each is missing from the
// boards and cards without a word otherwise. Buildings whose stewards all left were
// warned about above. A community with more than three such buildings gets one warning
// listing them, so a ledger that lacks its stewards column reads as one problem.
void warn_uncovered(const Content& c, const std::unordered_set<std::string>& covered,
                    const std::unordered_map<std::string, std::vector<const Steward*>>& left_from,
                    bool stewards_whole, bool buildings_whole, DiagnosticSink& sink) {
  std::unordered_map<std::string, std::vector<std::pair<int, int>>> ranges;  // by building
  std::unordered_set<std::string> whole;
  for (const Steward& s : c.stewards) {
    if (s.left) continue;
    for (const BuildingRef& ref : s.buildings) {
      if (ref.whole_building()) {
        whole.insert(ref.building);
      } else {
        ranges[ref.building].emplace_back(ref.first_unit, ref.last_unit);
      }
    }
    // With no buildings at all there is no board or card to be missing from: the
    // stewards table is ahead of the buildings one, and that says itself.
    if (s.buildings.empty() && !c.buildings.empty() && buildings_whole) {
      sink.warning(s.where,
                   say("红管家 " + s.name + "（" + s.id +
                           "）没有负责的楼栋，哪块公示牌、哪张联户卡上都没有他/她：在“楼栋”列"
                           "写上他/她负责的楼栋编号（如 " +
                           c.buildings.front().id + "）",
                       "steward " + s.name + " (" + s.id +
                           ") looks after no building, so no board or card shows them: "
                           "put the ids of their buildings in the buildings (楼栋) column"));
    }
  }
  if (!stewards_whole) return;
  std::map<std::string, std::vector<const Building*>> bare;  // by community
  std::vector<std::string> communities;                      // in the order first met
  for (const Building& b : c.buildings) {
    if (!b.in_use() || left_from.count(b.id) != 0) continue;
    if (covered.count(b.id) == 0) {
      auto& list = bare[b.community];
      if (list.empty()) communities.push_back(b.community);
      list.push_back(&b);
      continue;
    }
    if (b.units <= 0 || whole.count(b.id) != 0) continue;
    std::vector<bool> served(static_cast<std::size_t>(b.units) + 1);
    for (const auto& [first, last] : ranges[b.id]) {
      for (int u = std::max(first, 1); u <= std::min(last, b.units); ++u) served[u] = true;
    }
    std::vector<int> missing;
    for (int u = 1; u <= b.units; ++u) {
      if (!served[static_cast<std::size_t>(u)]) missing.push_back(u);
    }
    if (missing.empty()) continue;
    sink.warning(b.where,
                 say("楼栋 " + b.id + " " + b.name + " 的 " + units_text(missing, true) +
                         "没有红管家：红管家的“楼栋”列只写到了其他单元（如 " + b.id +
                         ":1-2）；给这些单元也写上一位红管家",
                     "building " + b.id + " " + b.name + ": " + units_text(missing, false) +
                         (missing.size() == 1 ? " has" : " have") +
                         " no steward: the stewards' unit ranges (such as " + b.id +
                         ":1-2) leave them out; name a steward for them too"));
  }
  std::unordered_map<std::string, const Community*> community_by_id;
  for (const Community& m : c.communities) community_by_id.emplace(m.id, &m);
  constexpr std::size_t one_by_one = 3;
  for (const std::string& id : communities) {
    const std::vector<const Building*>& list = bare[id];
    if (list.size() <= one_by_one) {
      for (const Building* b : list) {
        sink.warning(
            b->where,
            say("楼栋 " + b->id + " " + b->name +
                    " 没有红管家，公示牌和联户卡上它没有可找的人：在红管家表的“楼栋”列写上 " +
                    b->id,
                "building " + b->id + " " + b->name +
                    " has no steward, so its board and cards name nobody to "
                    "call: put " +
                    b->id + " in a steward's buildings (楼栋) column"));
      }
      continue;
    }
    const auto found = community_by_id.find(id);
    const std::string name = found == community_by_id.end() ? id : found->second->name;
    const std::string count = std::to_string(list.size());
    sink.warning(list.front()->where,
                 say(name + "：" + count + " 栋楼没有红管家：" + listed(list, 12, "、") +
                         "。在红管家表的“楼栋”列写上它们的编号，公示牌和联户卡上才有可找的人",
                     name + ": " + count + " buildings have no steward: " + listed(list, 12, ", ") +
                         ". Put their ids in the stewards' buildings (楼栋) column so boards and "
                         "cards name someone to call"));
  }
}

}  // namespace

void set_aside_former(Content& c, DiagnosticSink& sink, bool stewards_whole, bool buildings_whole) {
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
    sink.warning(b.where,
                 say("楼栋 " + b.id + " " + b.name + " 现在没有红管家：负责它的红管家都已离任（" +
                         who + "）；请在红管家表里为它安排新的红管家",
                     "building " + b.id + " " + b.name +
                         " has no steward now: every steward who looked after it has "
                         "left (离任): " +
                         who + "; name a new one in stewards"));
  }

  warn_uncovered(c, covered, left_from, stewards_whole, buildings_whole, sink);

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
