#include "placement.h"

#include "hgj/pairing.h"

namespace hgj::kiosk {

Placement place_screen(const Bundle* bundle, const std::string& screen_id,
                       const std::string& explicit_building) {
  Placement p;
  p.building = explicit_building;
  if (!bundle) return p;
  for (const BundleScreen& row : bundle->screens) {
    if (!names_screen(row.id, screen_id)) continue;
    p.row = row;
    break;
  }
  if (p.building.empty() && p.row) p.building = p.row->building;
  return p;
}

void apply_screen_row(const BundleScreen& row, KioskConfig& config) {
  if (row.night_from.empty() || row.night_until.empty()) return;
  config.night_from = row.night_from;
  config.night_until = row.night_until;
}

int rotation_for(const std::string& orientation, int panel_w, int panel_h) {
  const bool tall = panel_h > panel_w;
  if ((orientation == "portrait" && !tall) || (orientation == "landscape" && tall)) return 90;
  return 0;
}

}  // namespace hgj::kiosk
