// `hgj fleet`'s table as text for a terminal (the staff's language), JSON for programs
// and one HTML page (no scripts, no outside resources, everything escaped).
#pragma once

#include <string>

#include "fleet/fleet_table.h"

namespace hgj {

// What marks a page as written by hgj fleet, so --out replaces only such a page.
inline constexpr const char* fleet_page_marker = "<meta name=\"generator\" content=\"hgj fleet\">";

std::string fleet_text(const FleetTable& table);
std::string fleet_json(const FleetTable& table);
std::string fleet_html(const FleetTable& table);

}  // namespace hgj
