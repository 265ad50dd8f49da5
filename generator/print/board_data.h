// What a building's 公示牌 and 联户卡 say, gathered from the content model as plain
// text: the print stage's "assemble" step. No fonts or drawing here.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "hgj/model.h"

namespace hgj::print {

struct StewardEntry {
  std::string id;  // 编号
  std::string name;
  std::string role;    // 身份
  std::string units;   // "负责1–2单元", empty for the whole building
  std::string phone;   // grouped for reading, empty when none
  std::string hours;   // 服务时间
  std::string honors;  // joined with "；"
  bool party_member = false;
  std::string card_meta;  // the 联户卡's line under the name: 编号 HF-001 · 党员
  std::string photo;      // path under the content folder, empty when none
  std::string wechat_qr;  // path under the content folder, empty when none
  // Households this steward serves in the building: 户数 for the whole building, its
  // share of the units (rounded up) for a unit range; 0 when the building has no 户数.
  // Only the 联户卡 use it (how many cards); the board prints 户数 once, for the building.
  int households = 0;
};

struct ContactEntry {
  std::string label;  // 网格长, 社区办公室 …
  std::string name;
  std::string phone;
  std::string note;  // office hours, address
};

struct EventEntry {
  std::string kind;  // 敲门日, 议事会 …
  std::string title;
  std::string when;  // 每周二 19:00–20:30
  std::string location;
  bool operator==(const EventEntry&) const = default;
};

// A board lists at most this many repeating events; the rest are on the site's events
// page. A street with eighty standing meetings would otherwise fill three A3 sheets.
inline constexpr std::size_t kBoardEventsMax = 6;

struct BoardData {
  std::string building_id;
  std::string building_name;
  std::string building_line;  // address · 4个单元 · 48户
  int households = 0;         // 户数, 0 when not given
  std::string community_id;
  std::string place_line;  // 清溪区红枫街道 · 天平巷社区
  std::vector<StewardEntry> stewards;
  std::string duty_title;
  std::vector<DutyGroup> duty_groups;
  std::vector<EventEntry> events;  // the building's own first, then community, then street
  int more_events = 0;             // repeating events that cover the building but did not fit
  std::vector<ContactEntry> contacts;
  std::string url;         // the building's web page
  std::string hotline;     // the street's, grouped
  std::string print_date;  // 2026年11月24日
  std::string recruiting;  // the 联户卡's name when the building has no one to call: 红管家招募中
  std::string content_hash;  // 8 hex digits over everything above but the date
};

struct PrintTheme;

// The board of `building`. `base_url` has no trailing slash; `today` is the print date;
// the labels (网格长, 负责…单元, 户 …) are the words of `theme`, as on the site.
BoardData assemble_board(const Content& content, const Building& building,
                         const std::string& base_url, const Date& today, const PrintTheme& theme);

// "每周二 19:00–20:30" for a repeating event, "2027年1月23日 09:00–11:30" for a dated one.
std::string event_when(const Schedule& schedule);

// The households of `building` that `ref` covers: all of them for the whole building,
// units × households per unit for a range, rounded up so no household goes without a
// card; 0 when the building has no 户数.
int households_served(const Building& building, const BuildingRef& ref);

// "负责1–2单元", "负责3单元" in the theme's words; empty for the whole building.
std::string units_text(const BuildingRef& ref, const PrintTheme& theme);

// 2026年11月24日
std::string chinese_date(const Date& d);

}  // namespace hgj::print
