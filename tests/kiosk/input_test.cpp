// Input pushed as SDL events through the real App (headless): taps, keys, the picker,
// the idle timeout back to the screen's own building, rotated touch, night wake-up,
// and redrawing only when something changed.
#include <doctest/doctest.h>

#include "app.h"
#include "app_rig.h"
#include "kiosk_fixture.h"

namespace hgj::kiosk {
namespace {

using testing::TempFolder;

// 2026-11-25 09:30 in Shanghai.
constexpr std::int64_t morning_ms = 1795570200000;

struct Rig {
  TempFolder dir;
  std::int64_t now = morning_ms;
  std::unique_ptr<App> app;

  explicit Rig(int w = 1080, int h = 1920, int rotate = 0, std::int64_t start = morning_ms,
               const std::string& building = "dpb-03")
      : now(start) {
    testing::write_bundle(dir.path() / "bundle", testing::fixture_bundle());
    REQUIRE(SDL_Init(SDL_INIT_EVENTS) == 0);
    Options o;
    o.bundle = (dir.path() / "bundle").string();
    o.building = building;
    o.width = w;
    o.height = h;
    o.rotate = rotate;
    o.state_dir = (dir.path() / "state").string();
    o.trusted_keys = {testing::test_public_key_file()};
    app = std::make_unique<App>(o, [this] { return now; });
    std::string why;
    REQUIRE(app->open(true, why));
    app->sync_now();  // the folder → state dir, as the worker would
    REQUIRE(app->scene().bundle());
    SDL_Event queued;  // the sync's own "new bundle" event
    while (SDL_PollEvent(&queued)) app->handle(queued);
    app->tick();
    app->draw_if_dirty();
  }
  ~Rig() {
    app.reset();
    SDL_Quit();
  }

  // Pushes an event through SDL's queue and lets the app handle what comes out.
  void push(SDL_Event e) {
    REQUIRE(SDL_PushEvent(&e) == 1);
    SDL_Event got;
    while (SDL_PollEvent(&got)) app->handle(got);
    app->tick();
    app->draw_if_dirty();
  }
  void key(SDL_Keycode k) {
    SDL_Event e{};
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = k;
    push(e);
  }
  // A finger on the panel at pixel (px, py).
  void touch(int px, int py) {
    SDL_Event e{};
    e.type = SDL_FINGERDOWN;
    e.tfinger.x = (px + 0.5f) / app->display().panel_w();
    e.tfinger.y = (py + 0.5f) / app->display().panel_h();
    push(e);
  }
  void advance(std::int64_t ms) {
    now += ms;
    app->tick();
    app->draw_if_dirty();
  }
  Scene& scene() { return app->scene(); }
  ChromeLayout chrome() const {
    return chrome_layout(Metrics(app->display().logical_w(), app->display().logical_h()));
  }
};

Rect centre_of(const Rect& r) { return {r.x + r.w / 2, r.y + r.h / 2, 1, 1}; }

TEST_CASE("kiosk input: keys and edge taps browse the slides") {
  Rig rig;
  REQUIRE(rig.scene().deck().size() >= 5);
  CHECK(rig.scene().slide_index() == 0);
  rig.key(SDLK_RIGHT);
  CHECK(rig.scene().slide_index() == 1);
  rig.key(SDLK_LEFT);
  CHECK(rig.scene().slide_index() == 0);
  rig.key(SDLK_LEFT);
  CHECK(rig.scene().slide_index() == static_cast<int>(rig.scene().deck().size()) - 1);
  rig.touch(1070, 900);  // right edge
  CHECK(rig.scene().slide_index() == 0);
  rig.touch(10, 900);  // left edge
  CHECK(rig.scene().slide_index() == static_cast<int>(rig.scene().deck().size()) - 1);
  const Rect next = centre_of(rig.chrome().next);
  rig.touch(next.x, next.y);
  CHECK(rig.scene().slide_index() == 0);
}

TEST_CASE("kiosk input: the picker finds another building and the idle timeout comes home") {
  Rig rig;
  const Rect middle = centre_of(rig.chrome().middle);
  rig.touch(middle.x, middle.y);
  REQUIRE(rig.scene().mode() == Mode::picker);
  const PickerLayout l = picker_layout(Metrics(1080, 1920),
                                       static_cast<int>(rig.scene().bundle()->communities.size()));
  // The picker opens on the shown building's community (天平社区); pick its second building.
  REQUIRE(rig.scene().picker_buildings().size() >= 2);
  const std::string wanted = rig.scene().picker_buildings()[1]->id;
  const Rect cell = centre_of(l.cells[1]);
  rig.touch(cell.x, cell.y);
  CHECK(rig.scene().mode() == Mode::slides);
  CHECK(rig.scene().shown_building()->id == wanted);
  CHECK(rig.scene().browsing());

  rig.advance(59'000);
  CHECK(rig.scene().browsing());  // not yet
  rig.advance(2'000);
  CHECK_FALSE(rig.scene().browsing());
  CHECK(rig.scene().shown_building()->id == "dpb-03");
  CHECK(rig.scene().slide_index() == 0);
}

TEST_CASE("kiosk input: the picker works with keys, Escape goes home") {
  Rig rig;
  rig.key(SDLK_RETURN);
  REQUIRE(rig.scene().mode() == Mode::picker);
  rig.key(SDLK_RIGHT);
  CHECK(rig.scene().picker_focus() == 1);
  rig.key(SDLK_ESCAPE);
  CHECK(rig.scene().mode() == Mode::slides);
  CHECK_FALSE(rig.scene().browsing());
}

TEST_CASE("kiosk input: the attract loop advances on its own and pauses while someone browses") {
  Rig rig;
  const int steward_seconds = rig.scene().deck()[0].seconds;
  rig.advance(steward_seconds * 1000 - 1);
  CHECK(rig.scene().slide_index() == 0);
  rig.advance(1);
  CHECK(rig.scene().slide_index() == 1);
  rig.key(SDLK_RIGHT);
  CHECK(rig.scene().slide_index() == 2);
  rig.advance(30'000);  // someone is reading: no auto-advance
  CHECK(rig.scene().slide_index() == 2);
  rig.advance(31'000);  // idle: back to the loop's start
  CHECK(rig.scene().slide_index() == 0);
}

TEST_CASE("kiosk input: touch on a panel rotated 90° is mapped back to the upright picture") {
  Rig rig(1920, 1080, 90);
  REQUIRE(rig.app->display().logical_w() == 1080);
  REQUIRE(rig.app->display().logical_h() == 1920);
  // The logical "next" button, found on the rotated panel: physical = (PW-1-ly, lx).
  const Rect next = centre_of(rig.chrome().next);
  rig.touch(1920 - 1 - next.y, next.x);
  CHECK(rig.scene().slide_index() == 1);
  const Rect prev = centre_of(rig.chrome().prev);
  rig.touch(1920 - 1 - prev.y, prev.x);
  CHECK(rig.scene().slide_index() == 0);
}

TEST_CASE("kiosk input: panel_to_logical inverts every rotation") {
  const int pw = 1920, ph = 1080;
  int lx = 0, ly = 0;
  panel_to_logical(1919, 0, pw, ph, 90, lx, ly);
  CHECK((lx == 0 && ly == 0));  // the panel's top-right is the picture's top-left
  panel_to_logical(0, 1079, pw, ph, 270, lx, ly);
  CHECK((lx == 0 && ly == 0));
  panel_to_logical(1919, 1079, pw, ph, 180, lx, ly);
  CHECK((lx == 0 && ly == 0));
  panel_to_logical(5, 7, pw, ph, 0, lx, ly);
  CHECK((lx == 5 && ly == 7));
}

TEST_CASE(
    "kiosk input: at night the first touch only wakes the screen, idle puts it back to sleep") {
  // 2026-11-25 23:30 in Shanghai; the fixture's night is 23:00–06:00.
  Rig rig(1080, 1920, 0, 1795620600000);
  CHECK(rig.scene().night());
  rig.key(SDLK_RIGHT);
  CHECK_FALSE(rig.scene().night());
  CHECK(rig.scene().slide_index() == 0);  // woke, did not turn the page
  rig.key(SDLK_RIGHT);
  CHECK(rig.scene().slide_index() == 1);
  rig.advance(61'000);
  CHECK(rig.scene().night());
}

TEST_CASE("kiosk input: a clock earlier than the bundle shows no dated items and no clock") {
  // 2026-01-01, before the fixture's generated_at (2026-11-20).
  Rig rig(1080, 1920, 0, 1767225600000);
  CHECK_FALSE(rig.scene().clock_trusted());
  CHECK_FALSE(rig.scene().night());
  const std::vector<Upcoming> up =
      upcoming_events(*rig.scene().bundle(), *rig.scene().shown_building(), *rig.scene().zone(),
                      rig.scene().now(), false, 4);
  REQUIRE_FALSE(up.empty());
  for (const Upcoming& u : up) CHECK_FALSE(u.when.has_value());  // rules only, no dates
}

TEST_CASE(
    "kiosk input: a publisher clock hours ahead leaves the screen its own clock, dates and night") {
  // The bundle says it was made at 02:30 on the 26th; the screen reads 23:30 on the 25th.
  constexpr std::int64_t late_evening_ms = morning_ms + 14LL * 3'600'000;
  testing::AppRig rig(testing::fixture_bundle(late_evening_ms / 1000 + 3 * 3600), 1080, 1920,
                      "dpb-03", late_evening_ms);
  CHECK(rig.scene().clock_trusted());
  CHECK(rig.scene().night());  // 23:00–06:00 by the screen's clock
  const std::vector<Upcoming> up =
      upcoming_events(*rig.scene().bundle(), *rig.scene().shown_building(), *rig.scene().zone(),
                      rig.scene().now(), true, 4);
  REQUIRE_FALSE(up.empty());
  for (const Upcoming& u : up) CHECK(u.when.has_value());  // dates, not just rules
}

TEST_CASE("kiosk input: nothing is redrawn while nothing changes") {
  Rig rig;
  const int frames = rig.app->frames_drawn();
  rig.advance(1'000);
  rig.advance(1'000);
  CHECK(rig.app->frames_drawn() == frames);
  rig.key(SDLK_F12);  // a key that does nothing
  CHECK(rig.app->frames_drawn() == frames);
  rig.key(SDLK_RIGHT);
  CHECK(rig.app->frames_drawn() == frames + 1);
  // The next deadline is the clock's next minute or the idle timeout, not "now".
  CHECK(rig.scene().next_deadline_ms() > rig.now);
}

TEST_CASE("kiosk input: an unknown building opens the picker, and picking works") {
  Rig rig(1080, 1920, 0, morning_ms, "no-such-building");
  CHECK(rig.scene().mode() == Mode::picker);
  CHECK_FALSE(rig.scene().home_known());
  rig.key(SDLK_RETURN);
  CHECK(rig.scene().mode() == Mode::slides);
  rig.advance(61'000);
  CHECK(rig.scene().mode() == Mode::picker);  // home is unknown: the picker is home
}

}  // namespace
}  // namespace hgj::kiosk
