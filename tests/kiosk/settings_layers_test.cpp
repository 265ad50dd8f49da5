// The kiosk's settings layers through the real App: the theme's kiosk.toml, then the
// site's [kiosk] carried in the bundle, then this screen's --config — each by what it is,
// whether or not the others exist.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

#include "app.h"
#include "kiosk_fixture.h"

namespace hgj::kiosk {
namespace {

using testing::TempFolder;

// HGJ_KIOSK_THEME_DIR set for one test: the only place the theme's kiosk.toml is looked for.
class ThemeDir {
 public:
  explicit ThemeDir(const std::filesystem::path& dir) {
    ::setenv("HGJ_KIOSK_THEME_DIR", dir.c_str(), 1);
  }
  ~ThemeDir() { ::unsetenv("HGJ_KIOSK_THEME_DIR"); }
};

void write(const std::filesystem::path& file, const std::string& text) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

// The settings a screen shows the fixture bundle with (site: 20 s slides, night "blank").
KioskConfig shown_config(const TempFolder& dir, const std::string& config) {
  Bundle b = testing::fixture_bundle();
  b.site.kiosk.slide_seconds = 20;
  b.site.kiosk.night_mode = "blank";
  testing::write_bundle(dir.path() / "bundle", b);
  REQUIRE(SDL_Init(SDL_INIT_EVENTS) == 0);
  KioskConfig shown;
  {
    Options o;
    o.bundle = (dir.path() / "bundle").string();
    o.building = "dpb-03";
    o.config = config;
    o.state_dir = (dir.path() / "state").string();
    o.trusted_keys = {testing::test_public_key_file()};
    App app(o, [] { return std::int64_t{1795570200000}; });
    std::string why;
    REQUIRE(app.open(true, why));
    app.sync_now();
    REQUIRE(app.scene().bundle());
    shown = app.scene().config();
  }
  SDL_Quit();
  return shown;
}

TEST_CASE(
    "kiosk settings: with no theme file the screen's --config still beats the site's [kiosk]") {
  TempFolder dir;
  const ThemeDir theme(dir.path() / "no-theme-here");
  write(dir.path() / "screen.toml", "[slides]\ndefault_seconds = 7\n[night]\nmode = \"dim\"\n");
  const KioskConfig c = shown_config(dir, (dir.path() / "screen.toml").string());
  CHECK(c.slide_seconds == 7);
  CHECK(c.night_mode == "dim");
}

TEST_CASE("kiosk settings: theme, then the site's [kiosk], then --config") {
  TempFolder dir;
  const ThemeDir theme(dir.path() / "theme");
  write(dir.path() / "theme/kiosk.toml",
        "[colors]\nprimary = \"#123456\"\n[slides]\ndefault_seconds = "
        "5\n[behaviour]\nburn_in_pixels = 9\n");
  write(dir.path() / "screen.toml", "[behaviour]\nburn_in_pixels = 4\n");
  SUBCASE("with a screen file") {
    const KioskConfig c = shown_config(dir, (dir.path() / "screen.toml").string());
    CHECK(c.colors.primary == Color{0x12, 0x34, 0x56});  // only the theme says
    CHECK(c.slide_seconds == 20);                        // the site beats the theme
    CHECK(c.night_mode == "blank");
    CHECK(c.burn_in_pixels == 4);  // the screen beats the theme
  }
  SUBCASE("without one") {
    const KioskConfig c = shown_config(dir, "");
    CHECK(c.colors.primary == Color{0x12, 0x34, 0x56});
    CHECK(c.slide_seconds == 20);
    CHECK(c.burn_in_pixels == 9);
  }
}

}  // namespace
}  // namespace hgj::kiosk
