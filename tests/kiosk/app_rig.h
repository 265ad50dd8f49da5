// A headless App on a bundle of the test's own (kiosk_fixture.h writes it), with input
// pushed through SDL's queue as a lobby screen would get it.
#pragma once

#include <doctest/doctest.h>

#include <memory>

#include "app.h"
#include "kiosk_fixture.h"

namespace hgj::testing {

inline constexpr std::int64_t kiosk_morning_ms = 1795570200000;  // 2026-11-25 09:30 in Shanghai

struct AppRig {
  TempFolder dir;
  std::int64_t now = kiosk_morning_ms;
  std::unique_ptr<kiosk::App> app;

  AppRig(const Bundle& bundle, int w, int h, const std::string& building = "dpb-03",
         std::int64_t start = kiosk_morning_ms)
      : now(start) {
    write_bundle(dir.path() / "bundle", bundle);
    REQUIRE(SDL_Init(SDL_INIT_EVENTS) == 0);
    kiosk::Options o;
    o.bundle = (dir.path() / "bundle").string();
    o.building = building;
    o.width = w;
    o.height = h;
    o.state_dir = (dir.path() / "state").string();
    o.trusted_keys = {test_public_key_file()};
    app = std::make_unique<kiosk::App>(o, [this] { return now; });
    std::string why;
    REQUIRE(app->open(true, why));
    app->sync_now();
    REQUIRE(app->scene().bundle());
    SDL_Event queued;
    while (SDL_PollEvent(&queued)) app->handle(queued);
    app->tick();
    app->draw_if_dirty();
  }
  ~AppRig() {
    app.reset();
    SDL_Quit();
  }
  AppRig(const AppRig&) = delete;
  AppRig& operator=(const AppRig&) = delete;

  kiosk::Scene& scene() { return app->scene(); }
  void push(SDL_Event e) {
    REQUIRE(SDL_PushEvent(&e) == 1);
    SDL_Event got;
    while (SDL_PollEvent(&got)) app->handle(got);
    app->tick();
    app->draw_if_dirty();
  }
  // A finger at the centre of `r` (logical = panel pixels: no rotation here).
  void touch(const kiosk::Rect& r) {
    SDL_Event e{};
    e.type = SDL_FINGERDOWN;
    e.tfinger.x = (r.x + r.w / 2 + 0.5f) / app->display().panel_w();
    e.tfinger.y = (r.y + r.h / 2 + 0.5f) / app->display().panel_h();
    push(e);
  }
  void advance(std::int64_t ms) {
    now += ms;
    app->tick();
    app->draw_if_dirty();
  }
};

}  // namespace hgj::testing
