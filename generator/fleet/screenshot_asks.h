// Asking screens for a screenshot now (`hgj fleet ask`, the workbench's 截图 button): the
// screens' ids with the time of asking in the status folder's asks.json, which every
// screen polls with its ETag through the street's nginx (hgj/screen_status.h).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "fleet/fleet_table.h"

namespace hgj {

// Asks older than this are dropped when asks.json is written again: long answered.
inline constexpr Instant screenshot_ask_kept_seconds = 7 * 86400;

// Adds `screens` (ids as the screens report under) asked at `now` to `status_dir`'s
// asks.json, replaced whole (a screen reads the old file or the new one). Throws
// std::runtime_error (a message for staff) when the file there is not one hgj wrote or
// cannot be written; nothing is changed then.
void ask_for_screenshots(const std::filesystem::path& status_dir,
                         const std::vector<std::string>& screens, Instant now);

// The id the screen `name` reports under: `name` is its screens.csv id (its pairing code
// too) or the id it reports. nullopt when no row of `table` is that screen.
std::optional<std::string> reported_id(const FleetTable& table, const std::string& name);

}  // namespace hgj
