#include "hgj/model.h"

#include <algorithm>
#include <future>
#include <tuple>

#include "hgj/order.h"

namespace hgj {

bool Site::is_private_category(const std::string& category) const {
  return std::find(private_categories.begin(), private_categories.end(), category) !=
         private_categories.end();
}

std::string outcome_key(Outcome o) {
  switch (o) {
    case Outcome::resolved:
      return "resolved";
    case Outcome::referred:
      return "referred";
    case Outcome::duplicate:
      return "duplicate";
    case Outcome::unable:
      return "unable";
    case Outcome::in_progress:
      break;
  }
  return "in_progress";
}

std::string outcome_label(Outcome o) {
  switch (o) {
    case Outcome::resolved:
      return "已解决";
    case Outcome::referred:
      return "已转办";
    case Outcome::duplicate:
      return "重复";
    case Outcome::unable:
      return "无法解决";
    case Outcome::in_progress:
      break;
  }
  return "处理中";
}

std::string step_key(Step s) {
  static const char* keys[] = {"found_on",   "reported_on", "coordinated_on",
                               "handled_on", "verified_on", "closed_on"};
  return keys[static_cast<int>(s)];
}

std::string step_label(Step s) {
  static const char* labels[] = {"巡查", "反馈", "协调", "处置", "督查", "销号"};
  return labels[static_cast<int>(s)];
}

std::optional<int> Issue::days_to_close() const {
  if (!closed()) return std::nullopt;
  for (const auto& d : steps) {
    if (d) return static_cast<int>(step(Step::closed)->days_since_epoch() - d->days_since_epoch());
  }
  return std::nullopt;
}

namespace {

template <class T>
const T* find_in(const std::vector<T>& items,
                 const std::unordered_map<std::string, std::size_t>& index, const std::string& id) {
  auto it = index.find(id);
  return it == index.end() ? nullptr : &items[it->second];
}

template <class T>
std::vector<const T*> pick(const std::vector<T>& items,
                           const std::unordered_map<std::string, std::vector<std::size_t>>& index,
                           const std::string& key) {
  std::vector<const T*> out;
  auto it = index.find(key);
  if (it == index.end()) return out;
  out.reserve(it->second.size());
  for (std::size_t i : it->second) out.push_back(&items[i]);
  return out;
}

// Puts the items in id order. Tables usually come sorted already; when not, the order is
// found on indices and each item moved once (an Issue holds a score of strings: sorting
// the items themselves moved each about 17 times).
template <class T>
void sort_by_id(std::vector<T>& items) {
  const auto by_id = [](const T& a, const T& b) { return a.id < b.id; };
  if (std::is_sorted(items.begin(), items.end(), by_id)) return;
  std::vector<std::size_t> order(items.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return by_id(items[a], items[b]); });
  std::vector<T> sorted;
  sorted.reserve(items.size());
  for (std::size_t i : order) sorted.push_back(std::move(items[i]));
  items = std::move(sorted);
}

template <class T>
std::unordered_map<std::string, std::size_t> index_of(const std::vector<T>& items) {
  std::unordered_map<std::string, std::size_t> index(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) index.emplace(items[i].id, i);
  return index;
}

}  // namespace

const Community* Content::community(const std::string& id) const {
  return find_in(communities, community_index_, id);
}
const Grid* Content::grid(const std::string& id) const { return find_in(grids, grid_index_, id); }
const Building* Content::building(const std::string& id) const {
  return find_in(buildings, building_index_, id);
}
const Steward* Content::steward(const std::string& id) const {
  return find_in(stewards, steward_index_, id);
}
const DutyScheme* Content::duty_scheme(const std::string& id) const {
  return find_in(duties, duty_index_, id);
}
const Steward* Content::former_steward(const std::string& id) const {
  return find_in(former_stewards, former_steward_index_, id);
}
const Building* Content::former_building(const std::string& id) const {
  return find_in(former_buildings, former_building_index_, id);
}

std::vector<const Steward*> Content::stewards_of_building(const std::string& id) const {
  return pick(stewards, stewards_by_building_, id);
}
std::vector<const Building*> Content::buildings_of_community(const std::string& id) const {
  return pick(buildings, buildings_by_community_, id);
}
std::vector<const Grid*> Content::grids_of_community(const std::string& id) const {
  return pick(grids, grids_by_community_, id);
}
std::vector<const Building*> Content::buildings_of_grid(const std::string& id) const {
  return pick(buildings, buildings_by_grid_, id);
}
std::vector<const Issue*> Content::issues_of_building(const std::string& id) const {
  return pick(issues, issues_by_building_, id);
}
std::vector<const Issue*> Content::issues_handled_by(const std::string& id) const {
  return pick(issues, issues_by_steward_, id);
}

const DutyScheme* Content::duty_scheme_for_building(const std::string& building_id) const {
  const Building* b = building(building_id);
  const Community* c = b ? community(b->community) : nullptr;
  if (c && !c->duty_scheme.empty()) return duty_scheme(c->duty_scheme);
  return site.duty_scheme.empty() ? nullptr : duty_scheme(site.duty_scheme);
}

bool Content::scope_covers(const std::vector<std::string>& scope, const Building& b) const {
  if (scope.empty()) return true;
  return std::any_of(scope.begin(), scope.end(),
                     [&](const std::string& id) { return id == b.id || id == b.community; });
}

void Content::index() {
  // The issues (100,000 in a city) are sorted and indexed on another core meanwhile.
  std::future<void> issues_indexed = std::async(std::launch::async, [this] {
    sort_by_id(issues);
    issues_by_building_.clear();
    issues_by_steward_.clear();
    for (std::size_t i = 0; i < issues.size(); ++i) {
      issues_by_building_[issues[i].building].push_back(i);
      if (!issues[i].handled_by.empty()) issues_by_steward_[issues[i].handled_by].push_back(i);
    }
  });
  // What readers see listed is put in their order here, once: every output iterates
  // these collections or the relations below, which keep it. The stewards (10,000 in a
  // city: the most collation keys) are ordered on another core meanwhile.
  std::future<void> stewards_sorted =
      std::async(std::launch::async, [this] { sort_for_readers(stewards); });
  sort_for_readers(communities);
  sort_for_readers(grids);
  sort_for_readers(buildings);
  stewards_sorted.get();
  sort_by_id(duties);
  community_index_ = index_of(communities);
  grid_index_ = index_of(grids);
  building_index_ = index_of(buildings);
  steward_index_ = index_of(stewards);
  duty_index_ = index_of(duties);
  sort_by_id(former_stewards);
  sort_by_id(former_buildings);
  former_steward_index_ = index_of(former_stewards);
  former_building_index_ = index_of(former_buildings);
  sort_by_id(events);
  sort_by_id(screens);
  std::sort(pages.begin(), pages.end(), [](const Page& a, const Page& b) {
    return a.order != b.order ? a.order < b.order : a.id < b.id;
  });
  std::sort(notices.begin(), notices.end(), [](const Notice& a, const Notice& b) {
    return a.date != b.date ? a.date > b.date : a.id < b.id;
  });

  index_stewards();
  buildings_by_community_.clear();
  grids_by_community_.clear();
  buildings_by_grid_.clear();
  for (std::size_t i = 0; i < buildings.size(); ++i) {
    buildings_by_community_[buildings[i].community].push_back(i);
    if (!buildings[i].grid.empty()) buildings_by_grid_[buildings[i].grid].push_back(i);
  }
  for (std::size_t i = 0; i < grids.size(); ++i)
    grids_by_community_[grids[i].community].push_back(i);
  issues_indexed.get();
}

void Content::index_stewards() {
  stewards_by_building_.clear();
  // A steward's buildings are listed in the buildings' order, whatever order the ledger
  // named them in; a building's position in `buildings` is its place in that order.
  const auto place = [this](const BuildingRef& r) {
    const auto at = building_index_.find(r.building);
    return std::tuple(at == building_index_.end() ? buildings.size() : at->second, r.first_unit,
                      r.last_unit);
  };
  for (Steward& s : stewards) {
    std::stable_sort(
        s.buildings.begin(), s.buildings.end(),
        [&](const BuildingRef& a, const BuildingRef& b) { return place(a) < place(b); });
  }
  for (std::size_t i = 0; i < stewards.size(); ++i) {
    for (const BuildingRef& ref : stewards[i].buildings) {
      auto& list = stewards_by_building_[ref.building];
      if (list.empty() || list.back() != i) list.push_back(i);
    }
  }
  for (auto& entry : stewards_by_building_) {
    const std::string& building = entry.first;  // not a structured binding: clang 14 (fuzz)
    std::stable_sort(entry.second.begin(), entry.second.end(), [&](std::size_t a, std::size_t b) {
      return first_unit_in(stewards[a].buildings, building) <
             first_unit_in(stewards[b].buildings, building);
    });
  }
}

const std::vector<std::string>& default_categories() {
  static const std::vector<std::string> v = {"乱停乱放", "飞线充电", "楼道堆物", "高空抛物",
                                             "油烟扰民", "设施维修", "环境卫生", "邻里纠纷",
                                             "安全隐患", "代办服务", "其他"};
  return v;
}
const std::vector<std::string>& issue_levels() {
  static const std::vector<std::string> v = {"楼道", "网格", "社区", "街道"};
  return v;
}
const std::vector<std::string>& satisfaction_values() {
  static const std::vector<std::string> v = {"满意", "基本满意", "不满意"};
  return v;
}
const std::vector<std::string>& event_kinds() {
  static const std::vector<std::string> v = {"敲门日", "议事会", "巡逻", "联席会议", "活动"};
  return v;
}

bool notice_current(const std::optional<DateTime>& start, const std::optional<Date>& expires,
                    const Date& today, int minute_of_day) {
  if (expires && *expires < today) return false;
  if (!start) return true;
  if (start->date != today) return start->date < today;
  return start->minute_or_midnight() <= minute_of_day;
}

}  // namespace hgj
