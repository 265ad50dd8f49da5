// `hgj fleet`'s table: every screen in screens.csv with what its status document says,
// the ones that need a visit first. Pure: the status documents, the content and the
// time in; rows out, so the order is tested without a screen.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "fleet/screen_status.h"
#include "hgj/model.h"

namespace hgj {

enum class ScreenState {
  silent,   // listed, and its last report is older than --silent-after
  never,    // listed, and no report at all
  behind,   // reporting, but showing a bundle older than the published one
  alive,    // reporting, showing the published bundle (or none is known)
  unknown,  // reporting, but not in screens.csv
};
const char* state_key(ScreenState s);  // "silent" "never" "behind" "alive" "unknown"

struct FleetRow {
  std::string screen;
  std::string building;  // screens.csv's; the reported one for an unknown screen
  std::string note;      // screens.csv's 备注
  ScreenState state = ScreenState::never;
  std::optional<ScreenReport> status;  // its latest report, when there is one
  bool building_differs = false;       // it reports another building than screens.csv says
};

struct FleetTable {
  Instant now = 0;
  Instant published = 0;  // generated_at of the published bundle; 0: not known
  Instant silent_after_seconds = 0;
  std::vector<FleetRow> rows;
  std::vector<std::string> problems;  // unreadable status documents
};

// What `hgj fleet --silent-after` and the workbench's 触摸屏 page count as silent by default.
inline constexpr double default_silent_after_minutes = 15;

// A screen showing its pairing code that screens.csv does not list yet: one staff can pair
// (write its code against a building).
bool waiting_to_pair(const FleetRow& row);

// Rows in the order to act on them: silent (longest silent first, never-heard last in
// that group), behind the published bundle, alive, then screens not in screens.csv;
// within a group, screens.csv's order (unknown screens by id).
FleetTable make_fleet_table(const Content& content, const StatusFolder& folder, Instant published,
                            Instant now, Instant silent_after_seconds);

}  // namespace hgj
