// The kiosk program: options → settings → bundle → display → one event loop that
// redraws only when the scene changed, sleeping up to the next deadline (event_wait.h).
// main.cpp only calls run_kiosk().
#pragma once

#include <SDL.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bundle_store.h"
#include "canvas.h"
#include "display.h"
#include "draw.h"
#include "options.h"
#include "placement.h"
#include "scene.h"
#include "speech.h"
#include "status_report.h"
#include "syncer.h"

namespace hgj::kiosk {

using NowMsFn = std::function<std::int64_t()>;
std::int64_t system_now_ms();

class App {
 public:
  // Reads settings and the last good bundle; no window yet. `now_ms` is the clock
  // (tests pass a fake one; --at fixes it).
  App(Options options, NowMsFn now_ms = system_now_ms);
  ~App();

  // Opens the display: headless for --screenshot/tests, else a window.
  bool open(bool headless, std::string& why);
  // The event loop, until SDL_QUIT (SIGTERM, window closed). Returns the exit status.
  int run();
  // Renders one frame and writes it to options.screenshot. Returns the exit status.
  int screenshot();

  // Pieces of the loop, for tests: handle one event (true when the picture changed),
  // move time on, draw if anything changed.
  bool handle(const SDL_Event& e);
  bool tick();
  void draw_if_dirty();
  void draw();
  // Reads back the frame just drawn and hands it, shrunk, to the status reporter.
  void take_picture();
  // Loads a bundle from `source` once, synchronously (no worker thread).
  void sync_now();

  Scene& scene() { return scene_; }
  Display& display() { return *display_; }
  Canvas& canvas() { return *canvas_; }
  Syncer* syncer() { return syncer_.get(); }
  int frames_drawn() const { return frames_; }
  Uint32 sync_event() const { return sync_event_; }

 private:
  void adopt(std::shared_ptr<const LoadedBundle> loaded);
  // This screen's row in the new bundle: its building (when it pairs), night schedule and
  // orientation; logs when it is paired, unpaired or its --building overrides the row.
  void place(const Bundle& bundle);
  void apply_orientation();
  // The pairing screen's facts from the syncer (last attempt, its problem).
  void update_pairing_info();
  KioskConfig effective_config() const;
  void load_initial_bundle();
  void setup_speech();
  void setup_trust();
  // The crash fallback (BundleStore::begin_attempt): counted when a bundle is about to
  // be shown, cleared once it has been on screen for attempt_clear_ms.
  void begin_attempt();
  void settle_attempt(bool stopping);
  std::int64_t now() const;
  void speak(const std::string& text);
  // Logs an urgent notice coming on or going off screen, and reads it aloud once.
  void speak_urgent();

  Options options_;
  NowMsFn now_ms_;
  std::int64_t at_offset_ms_ = 0;  // --at: fixed offset from the real clock
  std::string theme_file_;         // the theme's kiosk.toml; empty when there is none
  std::string screen_;             // screen_id() or [status] screen: what X-HGJ-Screen sends
  Placement placement_;
  KioskConfig base_;
  Scene scene_;
  Fallback fallback_;
  std::unique_ptr<BundleStore> store_;
  std::unique_ptr<StatusReporter> status_;  // before syncer_: its worker calls it
  std::unique_ptr<Syncer> syncer_;
  std::unique_ptr<Display> display_;
  std::unique_ptr<Canvas> canvas_;
  std::unique_ptr<Speaker> speaker_;  // null: read-aloud off
  Uint32 sync_event_ = 0;
  bool dirty_ = true;
  int frames_ = 0;
  bool quit_ = false;
  bool attempt_open_ = false;
  bool picture_wanted_ = false;        // the status reporter wants a screenshot
  bool said_picture_problem_ = false;  // a screenshot that failed is logged once
  std::string urgent_logged_;          // the urgent notice last logged as on screen
  std::int64_t attempt_since_ms_ = 0;  // real clock
};

// The sync event's code that asks for a screenshot (0 and 1 are the syncer's).
inline constexpr Sint32 picture_event_code = 2;

// How long a bundle must stay on screen before a restart no longer counts as its crash:
// long enough for a full round of slides at the default 12 s each.
inline constexpr std::int64_t attempt_clear_ms = 120'000;

// The whole program: parse argv, run or screenshot, map failures to exit codes.
int run_kiosk(int argc, char** argv);

}  // namespace hgj::kiosk
