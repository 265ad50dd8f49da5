// The 预览 page's lobby screens (issue #23, page 5): what hgj-kiosk will show in each
// building that changed, as `hgj-kiosk --screenshot` draws it from a bundle of the current
// content. The bundle is built into the preview folder and signed with a key made for that
// preview alone: no screen trusts it, only the screenshot run is told to.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "hgj/recurrence.h"

namespace hgj::studio {

// The hgj-kiosk the preview runs: `named` (--kiosk-program) when given — empty, with `why`
// set, when that is not a program to run; else the hgj-kiosk beside this hgj (both are
// installed in /usr/bin), else one on PATH; empty when there is none.
std::string find_kiosk_program(const std::string& named, std::string& why);

// At most this many screens are drawn (a screenshot takes a second or so); the other
// changed buildings are listed by name.
inline constexpr std::size_t max_kiosk_shots = 12;
// Portrait, as most lobby screens hang (screens.csv's default size).
inline constexpr int kiosk_shot_width = 1080, kiosk_shot_height = 1920;
// A run that has not finished by then is stopped: a stuck screenshot must not hold the
// preview (and every page waiting for it) for ever.
inline constexpr int kiosk_shot_seconds = 60;

// The time the screens are drawn at (hgj-kiosk --at, in the site's time zone `timezone`):
// `now` by day (07:00 to 21:00); at night the next 10:00, so a preview looked at in the
// evening shows the screen as residents see it by day, not dimmed by its night schedule.
// Never before `now`: a screen does not trust a clock earlier than its bundle was made.
std::string daytime_at(const std::string& timezone, Instant now);

struct KioskShot {
  std::string building;  // id
  std::string name;      // 德平坝小区3幢
  std::string png;       // its file name in the shots folder; empty when it was not drawn
  std::string problem;   // why not: hgj-kiosk's last line, or that it was stopped
};

// Draws `<into>/<building>.png` for each building (in order, each at most
// kiosk_shot_seconds) with `program` on the bundle in `bundle_dir`, trusting only what
// `trusted_key` (and the machine) trusts, with SDL's offscreen driver, as the screen looks
// at `at` (hgj-kiosk --at: site time). `into` is made empty first. Never throws for a run
// that fails: its problem says why.
std::vector<KioskShot> take_kiosk_shots(const std::string& program,
                                        const std::filesystem::path& bundle_dir,
                                        const std::filesystem::path& trusted_key,
                                        const std::string& at, std::vector<KioskShot> buildings,
                                        const std::filesystem::path& into);

}  // namespace hgj::studio
