// Start here. The content model every part of hgj reads: the generator's site, print
// and bundle stages, and (through the bundle) the kiosk. load_content() (loader.h)
// builds it from a content folder; by then every reference has been resolved and
// validated, and private (`private_`, `_`) and unknown fields are gone — nothing in
// these structs may be withheld from public output except by the renderers' own rules
// (issue reporters do not exist here at all; private categories hide title and
// resolution, see Site::is_private_category).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "hgj/diagnostics.h"
#include "hgj/recurrence.h"
#include "hgj/values.h"

namespace hgj {

// A Markdown body, with where it starts so later stages can point into it.
struct Markdown {
  std::string text;
  SourceLocation where;  // file and the line of the body's first line
  bool empty() const { return text.find_first_not_of(" \t\r\n") == std::string::npos; }
};

struct PrintSettings {
  std::string paper = "A3";  // A3 | A4
};

// [kiosk] in site.toml: defaults the kiosk uses unless its own config says otherwise.
struct KioskSettings {
  // The limits and defaults for site.toml, the kiosk's own kiosk.toml and the bundle alike.
  static constexpr int min_slide_seconds = 3, default_slide_seconds = 12;
  static constexpr int min_idle_seconds = 5, default_idle_seconds = 60;
  int slide_seconds = default_slide_seconds;
  int idle_seconds = default_idle_seconds;
  std::string night_from;          // "23:00", empty: no night schedule
  std::string night_until;         // "06:00"
  std::string night_mode = "dim";  // dim | blank
};

// [publish] in site.toml: where `hgj publish` sends the built site.
struct PublishSettings {
  std::string target;  // a folder, user@host:path (rsync over SSH) or remote:path (rclone)
};

struct Site {
  std::string title;
  std::string base_url;  // no trailing slash
  std::string street;
  std::string district;
  std::optional<Phone> hotline;
  // Filing numbers a site hosted in mainland China shows in every footer: the ICP 备案号
  // ("浙ICP备12345678号-1") and the 公安备案号 ("浙公网安备 33010202000001号"); may be empty.
  std::string icp;
  std::string police_filing;
  std::string language = "zh-CN";
  std::string timezone = default_timezone;
  std::string theme = "default";
  std::string duty_scheme;  // default scheme id, may be empty
  std::vector<std::string> categories;
  std::vector<std::string> private_categories;
  PrintSettings print;
  KioskSettings kiosk;
  PublishSettings publish;
  Markdown body;  // site.toml has no body; kept for symmetry (empty)

  bool is_private_category(const std::string& category) const;
};

struct Community {
  std::string id;
  std::string name;
  std::optional<int> order;  // 排序: listed before unnumbered ones (hgj/order.h)
  std::string party_secretary;
  std::string address;
  std::optional<Phone> phone;
  std::string office_hours;
  std::string duty_scheme;  // empty: the site's
  Markdown body;
  SourceLocation where;
};

struct Grid {
  std::string id;
  std::string name;
  std::optional<int> order;  // 排序: listed before unnumbered ones (hgj/order.h)
  std::string community;
  std::string leader;  // 网格长
  std::optional<Phone> leader_phone;
  std::string worker;  // 专职网格员
  std::optional<Phone> worker_phone;
  Markdown body;
  SourceLocation where;
};

struct Building {
  std::string id;
  std::string name;
  std::optional<int> order;  // 排序: listed before unnumbered ones (hgj/order.h)
  std::string community;
  std::string grid;  // may be empty
  std::string address;
  int units = 0;       // 0: not given
  int households = 0;  // 0: not given
  std::string property;
  std::optional<Phone> property_phone;
  // 状态: empty or 在用, else 拆除 or 合并. A building no longer in use is kept out of
  // Content::buildings (see Content::former_buildings) so no output shows it.
  std::string status;
  Markdown body;
  SourceLocation where;

  bool in_use() const { return status.empty() || status == "在用"; }
};

struct Steward {
  std::string id;  // 编号
  std::string name;
  std::optional<int> order;  // 排序: listed before unnumbered ones (hgj/order.h)
  std::optional<Phone> phone;
  std::string photo;      // path relative to the content folder, may be empty
  std::string wechat_qr;  // path relative to the content folder, may be empty
  bool party_member = false;
  std::string role;  // 身份, e.g. 退休党员
  std::vector<BuildingRef> buildings;
  std::optional<Date> since;
  std::vector<std::string> honors;  // "2018-11 月度服务之星"
  std::string office_hours;
  bool left = false;            // 状态 离任: kept out of Content::stewards
  std::optional<Date> left_on;  // 离任日期
  Markdown body;                // short introduction
  SourceLocation where;
};

enum class Outcome { in_progress, resolved, referred, duplicate, unable };
std::string outcome_key(Outcome o);    // resolved, referred, …, in_progress
std::string outcome_label(Outcome o);  // 已解决, 已转办, 重复, 无法解决, 处理中

// The six steps an issue goes through, in order.
enum class Step { found, reported, coordinated, handled, verified, closed };
inline constexpr int step_count = 6;
std::string step_key(Step s);    // found_on …
std::string step_label(Step s);  // 巡查 反馈 协调 处置 督查 销号

struct Issue {
  std::string id;
  std::string title;
  std::string category;
  std::string building;
  std::optional<Date> steps[step_count];  // indexed by Step
  std::string level;                      // 楼道 网格 社区 街道, may be empty
  std::string handled_by;                 // steward id, may be empty
  std::string resolution;
  std::string satisfaction;  // 满意 基本满意 不满意, may be empty
  Outcome outcome = Outcome::in_progress;
  int reopened = 0;
  Markdown body;
  SourceLocation where;

  const std::optional<Date>& step(Step s) const { return steps[static_cast<int>(s)]; }
  bool closed() const { return step(Step::closed).has_value(); }
  // Days from the first step date to 销号, when closed.
  std::optional<int> days_to_close() const;
};

struct Event {
  std::string id;
  std::string title;
  std::string kind;                // 敲门日 议事会 巡逻 联席会议 活动
  std::vector<std::string> scope;  // community/building ids; empty = whole street
  std::string location;
  Schedule schedule;
  Markdown body;
  SourceLocation where;
};

struct Notice {
  std::string id;
  std::string title;
  Date date;
  std::optional<Date> expires;
  std::vector<std::string> scope;
  bool pinned = false;
  bool urgent = false;            // 紧急: shown first, marked
  std::optional<DateTime> start;  // not shown before (site's local time); absent: from `date`
  Markdown body;
  SourceLocation where;
};

// The one rule for whether a notice is current at a local date and minute of day (the
// site's time zone): from its start to the end of its expiry day. The site, the bundle
// and the kiosk all ask it.
bool notice_current(const std::optional<DateTime>& start, const std::optional<Date>& expires,
                    const Date& today, int minute_of_day);

// Which hgj-kiosk screen stands where: operator data, carried in the bundle and never
// on the public site.
struct Screen {
  std::string id;           // 屏幕编号
  std::string building;     // building id
  std::string orientation;  // landscape | portrait, empty: not given
  std::string size;         // "1920x1080", empty: not given
  std::string night_from;   // "23:00", empty: the site's [kiosk] night schedule
  std::string night_until;  // "06:00"
  std::string note;
  Markdown body;
  SourceLocation where;
};

struct DutyGroup {
  std::string name;  // 六大员
  std::vector<std::string> items;
};

struct DutyScheme {
  std::string id;  // 6442
  std::string title;
  std::vector<DutyGroup> groups;
  Markdown body;
  SourceLocation where;
};

struct Page {
  std::string id;
  std::string title;
  int order = 0;  // position in the site's page list
  Markdown body;
  SourceLocation where;
};

// Everything in a content folder. Communities, grids, buildings and stewards are in the
// readers' order (hgj/order.h), which the derived relations keep; the other collections
// are sorted by id (pages by their order, notices by date, newest first). The index maps
// give positions in them.
struct Content {
  std::string root;  // the content folder as given
  Site site;
  std::vector<Community> communities;
  std::vector<Grid> grids;
  std::vector<Building> buildings;
  std::vector<Steward> stewards;
  std::vector<Issue> issues;
  std::vector<Event> events;
  std::vector<Notice> notices;
  std::vector<DutyScheme> duties;
  std::vector<Page> pages;
  std::vector<Screen> screens;
  // Stewards who left (离任) and buildings no longer in use (拆除, 合并): out of every
  // list above so that no page, board, card, bundle, feed or count shows them, and kept
  // here only so the issues they handled or happened in can still name them.
  std::vector<Steward> former_stewards;
  std::vector<Building> former_buildings;

  const Community* community(const std::string& id) const;
  const Grid* grid(const std::string& id) const;
  const Building* building(const std::string& id) const;
  const Steward* steward(const std::string& id) const;
  const DutyScheme* duty_scheme(const std::string& id) const;
  const Steward* former_steward(const std::string& id) const;
  const Building* former_building(const std::string& id) const;

  // Derived relations, computed once by index().
  // A building's stewards by the first unit they serve there, then in the readers' order.
  std::vector<const Steward*> stewards_of_building(const std::string& building_id) const;
  std::vector<const Building*> buildings_of_community(const std::string& community_id) const;
  std::vector<const Grid*> grids_of_community(const std::string& community_id) const;
  std::vector<const Building*> buildings_of_grid(const std::string& grid_id) const;
  std::vector<const Issue*> issues_of_building(const std::string& building_id) const;
  std::vector<const Issue*> issues_handled_by(const std::string& steward_id) const;
  // The duty scheme that applies to a building: its community's, else the site's.
  const DutyScheme* duty_scheme_for_building(const std::string& building_id) const;
  // Whether an event or notice scope covers a building (empty scope: everywhere).
  bool scope_covers(const std::vector<std::string>& scope, const Building& b) const;

  // Sorts collections and builds the lookup tables. Called by the loader.
  void index();
  // Puts each steward's buildings in the buildings' order and rebuilds the stewards'
  // building table, after stewards were replaced in place with their ids unchanged
  // (hgj/reload.h): index() would also re-sort 100,000 issues.
  void index_stewards();

 private:
  // Hashed: the pages look ids up a few million times in a city.
  std::unordered_map<std::string, std::size_t> community_index_, grid_index_, building_index_,
      steward_index_, duty_index_, former_steward_index_, former_building_index_;
  std::unordered_map<std::string, std::vector<std::size_t>> stewards_by_building_,
      buildings_by_community_, grids_by_community_, buildings_by_grid_, issues_by_building_,
      issues_by_steward_;
};

// The place of `item` among `items` (a collection of Content, say), or nullopt for one
// kept elsewhere. std::less: comparing pointers into different arrays is only defined
// that way.
template <class T>
std::optional<std::size_t> place_in(std::span<const std::type_identity_t<T>> items, const T& item) {
  const std::less<const T*> before;
  if (before(&item, items.data()) || !before(&item, items.data() + items.size()))
    return std::nullopt;
  return static_cast<std::size_t>(&item - items.data());
}

// The defaults docs/content.md lists (site.toml and the issue ledger).
const std::vector<std::string>& default_categories();
const std::vector<std::string>& issue_levels();         // 楼道 网格 社区 街道
const std::vector<std::string>& satisfaction_values();  // 满意 基本满意 不满意
const std::vector<std::string>& event_kinds();  // 敲门日 议事会 巡逻 联席会议 活动

}  // namespace hgj
