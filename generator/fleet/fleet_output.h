// `hgj fleet`'s table as text for a terminal (the staff's language), JSON for programs
// and one HTML page (no scripts, no outside resources, everything escaped).
#pragma once

#include <functional>
#include <string>

#include "fleet/fleet_table.h"

namespace hgj {

// What marks a page as written by hgj fleet, so --out replaces only such a page.
inline constexpr const char* fleet_page_marker = "<meta name=\"generator\" content=\"hgj fleet\">";

std::string fleet_text(const FleetTable& table);
std::string fleet_json(const FleetTable& table);
std::string fleet_html(const FleetTable& table);
// What the caller of fleet_table_html() puts in: hgj fleet embeds thumbnails, the
// workbench links them to its own route and adds a 截图 button.
struct FleetHtmlHooks {
  // What the summary says when the published bundle is not known, in place of hgj
  // fleet's hint at --bundle.
  std::string unknown_published;
  // The thumbnail's src for a row with a screenshot; empty: it cannot be shown.
  std::function<std::string(const FleetRow&)> thumbnail_src;
  // HTML after the thumbnail in every row.
  std::function<std::string(const FleetRow&)> screenshot_action;
};

// The summary, the table and the unreadable files, without a page or styles around them:
// what fleet_html() and the workbench's 触摸屏 page (studio/pages_fleet.cpp) both show.
std::string fleet_table_html(const FleetTable& table, const FleetHtmlHooks& hooks = {});

}  // namespace hgj
