// When the 预览 page draws the lobby screens (studio/kiosk_preview.h): by day at the time
// it is, at night the next morning — never before now, which a screen would distrust.
#include <doctest/doctest.h>

#include "studio/kiosk_preview.h"

namespace hgj::studio {
namespace {

// 2026-12-07T00:00:00Z: 08:00 in Shanghai.
constexpr Instant midnight_utc = 1796601600;

TEST_CASE("kiosk preview: drawn by day at the next minute, at night at the next 10:00") {
  // By day: the next whole minute (the bundle was made seconds ago).
  CHECK(daytime_at("Asia/Shanghai", midnight_utc) == "2026-12-07T08:01");
  CHECK(daytime_at("Asia/Shanghai", midnight_utc + 6 * 3600 + 58 * 60 + 30) == "2026-12-07T14:59");
  // Night before dawn: this morning; evening: tomorrow morning.
  CHECK(daytime_at("Asia/Shanghai", midnight_utc - 2 * 3600) == "2026-12-07T10:00");
  CHECK(daytime_at("Asia/Shanghai", midnight_utc + 13 * 3600) == "2026-12-08T10:00");
  // The site's own zone; an unknown one is read as the default.
  CHECK(daytime_at("Europe/Berlin", midnight_utc + 9 * 3600) == "2026-12-07T10:01");
  CHECK(daytime_at("Nowhere/Atlantis", midnight_utc) == "2026-12-07T08:01");
}

}  // namespace
}  // namespace hgj::studio
