// Where a screen stands: its screens.csv row in the bundle (found by its id or its
// pairing code, hgj/pairing.h) and what that row gives it — its building when it was
// started without --building, its night schedule and its orientation. Pure: the app
// applies it after every new bundle.
#pragma once

#include <optional>
#include <string>

#include "config.h"
#include "hgj/bundle.h"

namespace hgj::kiosk {

struct Placement {
  std::optional<BundleScreen> row;  // this screen's screens.csv row, when listed
  std::string building;             // its own building: --building, else the row's; empty: pairing
  bool pairing() const { return building.empty(); }
};

// `explicit_building`: --building, which wins over the row's building.
Placement place_screen(const Bundle* bundle, const std::string& screen_id,
                       const std::string& explicit_building);

// The row's night schedule over `config` (both times given, as hgj check insists).
void apply_screen_row(const BundleScreen& row, KioskConfig& config);

// The rotation that shows a picture of screens.csv's `orientation` upright on a
// panel_w×panel_h panel: 90 when one is tall and the other wide, else 0.
int rotation_for(const std::string& orientation, int panel_w, int panel_h);

}  // namespace hgj::kiosk
