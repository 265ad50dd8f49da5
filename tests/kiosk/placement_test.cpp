// Where a screen stands (issue #24 item 1): its screens.csv row found by its id or its
// pairing code, the building, night schedule and orientation that row gives, and a
// screen started without --building pairing, paired and unpaired through the bundle.
#include "placement.h"

#include <doctest/doctest.h>

#include "app_rig.h"
#include "hgj/pairing.h"
#include "syncer.h"

namespace hgj::kiosk {
namespace {

BundleScreen row(const std::string& id, const std::string& building) {
  BundleScreen s;
  s.id = id;
  s.building = building;
  return s;
}

}  // namespace

TEST_CASE("placement: a row names the screen by its id or its pairing code, and --building wins") {
  Bundle b;
  b.screens = {row("dpb-03-a", "dpb-03"), row("xy6w5a", "dpb-05")};
  CHECK(place_screen(&b, "lobby-3", "").building == "dpb-05");  // lobby-3's code is XY6-W5A
  CHECK(place_screen(&b, "lobby-3", "").row->id == "xy6w5a");
  CHECK(place_screen(&b, "DPB-03-A", "").building == "dpb-03");
  const Placement told = place_screen(&b, "lobby-3", "tpx-12");
  CHECK(told.building == "tpx-12");
  CHECK(told.row->building == "dpb-05");  // still its row: its night schedule applies
  CHECK(place_screen(&b, "lobby-4", "").pairing());
  CHECK_FALSE(place_screen(&b, "lobby-4", "").row);
  CHECK(place_screen(nullptr, "lobby-3", "").pairing());
}

TEST_CASE("placement: a row's night schedule, and the rotation its orientation needs") {
  KioskConfig c;
  c.night_from = "23:00", c.night_until = "06:00";
  BundleScreen r = row("a", "b");
  apply_screen_row(r, c);
  CHECK((c.night_from == "23:00" && c.night_until == "06:00"));
  r.night_from = "22:30", r.night_until = "06:30";
  apply_screen_row(r, c);
  CHECK((c.night_from == "22:30" && c.night_until == "06:30"));
  CHECK(rotation_for("portrait", 1920, 1080) == 90);
  CHECK(rotation_for("landscape", 1080, 1920) == 90);
  CHECK(rotation_for("portrait", 1080, 1920) == 0);
  CHECK(rotation_for("landscape", 1280, 800) == 0);
  CHECK(rotation_for("", 1920, 1080) == 0);
}

TEST_CASE("a kiosk without --building pairs, takes its row's building and settings, and unpairs") {
  const std::string id = screen_id();
  REQUIRE_FALSE(id.empty());  // the test machine has an /etc/machine-id
  testing::AppRig rig(testing::fixture_bundle(), 1080, 1920, "");
  CHECK(rig.scene().pairing());
  CHECK(rig.scene().pairing_info()->code == pairing_code(id));
  CHECK(rig.scene().pairing_info()->last_attempt > 0);
  CHECK(rig.scene().pairing_info()->last_problem.empty());
  CHECK_FALSE(rig.scene().tap(540, 960, rig.now));  // nothing to browse while pairing

  // Listed as K7Q-4M2 would be written by hand: lower case, no dash.
  Bundle listed = testing::fixture_bundle(testing::fixture_generated_at + 60);
  BundleScreen mine = row(pairing_code(id), "dpb-05");
  for (char& ch : mine.id) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  mine.orientation = "landscape";
  mine.night_from = "21:00", mine.night_until = "07:00";
  listed.screens = {mine};
  testing::write_bundle(rig.dir.path() / "bundle", listed);
  rig.app->sync_now();
  CHECK_FALSE(rig.scene().pairing());
  CHECK(rig.scene().home_building() == "dpb-05");
  CHECK(rig.scene().shown_building()->id == "dpb-05");
  CHECK(rig.scene().config().night_from == "21:00");
  CHECK(rig.app->display().rotate() == 90);  // a wide picture on an upright panel
  CHECK((rig.scene().canvas_w() == 1920 && rig.scene().canvas_h() == 1080));

  Bundle removed = testing::fixture_bundle(testing::fixture_generated_at + 120);
  testing::write_bundle(rig.dir.path() / "bundle", removed);
  rig.app->sync_now();
  CHECK(rig.scene().pairing());
  CHECK(rig.scene().config().night_from == "23:00");  // the site's again
  CHECK(rig.app->display().rotate() == 0);
}

}  // namespace hgj::kiosk
