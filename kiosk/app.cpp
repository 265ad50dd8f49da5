#include "app.h"

#include <systemd/sd-daemon.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "clock.h"
#include "event_wait.h"
#include "hgj/data_dir.h"
#include "hgj/language.h"
#include "hgj/pairing.h"
#include "screenshot.h"
#include "trust.h"

namespace hgj::kiosk {

namespace {

void log_line(const std::string& line) { std::fprintf(stderr, "hgj-kiosk: %s\n", line.c_str()); }

bool is_url(const std::string& s) {
  return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0;
}

}  // namespace

std::int64_t system_now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

App::App(Options options, NowMsFn now_ms)
    : options_(std::move(options)),
      now_ms_(std::move(now_ms)),
      scene_(options_.building, KioskConfig{}) {
  std::error_code ec;
  if (const std::string theme = find_theme_file(); std::filesystem::is_regular_file(theme, ec))
    theme_file_ = theme;
  std::vector<std::string> problems;
  if (!theme_file_.empty()) apply_config_file(theme_file_, base_, problems);
  if (!options_.config.empty()) apply_config_file(options_.config, base_, problems);
  for (const std::string& p : problems) log_line(p);
  fallback_ = Fallback{base_.fallback_street, base_.fallback_hotline};
  scene_.set_config(base_, now());
  setup_speech();

  store_ = std::make_unique<BundleStore>(
      options_.state_dir.empty() ? default_state_dir() : std::filesystem::path(options_.state_dir));
  std::string why;
  if (!store_->prepare(why)) log_line(why);
  setup_trust();
  sync_event_ = SDL_RegisterEvents(1);
  SyncTiming timing{base_.watch_seconds, base_.poll_seconds, base_.jitter_seconds,
                    base_.retry_seconds};
  timing.urgent_poll_seconds = base_.urgent_poll_seconds;
  syncer_ = std::make_unique<Syncer>(options_.bundle, *store_, timing, sync_event_);
  syncer_->set_verbose(options_.verbose);
  // The screens.csv id from kiosk.toml names it to the fleet, else its machine-derived id.
  screen_ = base_.status_screen.empty() ? screen_id() : base_.status_screen;
  placement_.building = options_.building;
  syncer_->set_screen(screen_, options_.building);
  status_ = std::make_unique<StatusReporter>(base_.status_url, base_.status_seconds, screen_,
                                             options_.building, system_now);
  status_->set_pushgateway(base_.status_pushgateway);
  // A picture wanted (schedule or asks.json): the UI thread takes it after its next frame.
  status_->set_pictures(base_.status_screenshot_seconds, base_.urgent_poll_seconds, [this] {
    SDL_Event e{};
    e.type = sync_event_;
    e.user.code = picture_event_code;
    if (sync_event_ != 0 && sync_event_ != static_cast<Uint32>(-1)) SDL_PushEvent(&e);
  });
  syncer_->set_after_round([this](const std::atomic<bool>& stop) {
    status_->after_sync(*store_, syncer_->last_problem(), &stop);
  });
  if (options_.building.empty()) {
    // Started without --building: the pairing screen until screens.csv places it.
    scene_.set_pairing(PairingInfo{pairing_code(screen_), screen_, options_.bundle});
    const std::string code = pairing_code_display(pairing_code(screen_));
    log_line(code.empty()
                 ? say("没有 --building，本屏也没有编号（没有 /etc/machine-id）：请在 kiosk.toml "
                       "的 [status] 里写 screen",
                       "no --building and no screen id (no /etc/machine-id): set screen in "
                       "kiosk.toml's [status]")
                 : say("配对码 " + code + "（屏幕编号 " + screen_ +
                           "）：请把配对码填入 screens.csv 的屏幕编号，并填写楼栋",
                       "pairing code " + code + " (screen id " + screen_ +
                           "): write the code as the screen id in screens.csv, with its building"));
  }
}

App::~App() {
  if (syncer_) syncer_->stop();
  canvas_.reset();
  display_.reset();
}

void App::setup_speech() {
  if (!base_.speech) return;
  // A preview shows the screen as a lobby with speakers and the engine would see it.
  if (!options_.screenshot.empty()) return scene_.set_speech(true);
  if (!find_program(base_.speech_command)) {
    log_line("read-aloud off: " + base_.speech_command + " not found (apt install espeak-ng)");
  } else if (!audio_device_present()) {
    log_line("read-aloud off: no audio device");
  } else {
    speaker_ = std::make_unique<Speaker>(base_);
    scene_.set_speech(true);
  }
}

void App::setup_trust() {
  BundleTrust trust;
  std::vector<std::string> files = options_.trusted_keys;
  files.insert(files.end(), base_.trusted_keys.begin(), base_.trusted_keys.end());
  std::vector<std::string> problems;
  trust.keys = load_trusted_keys(files, system_trusted_keys_dir, problems);
  trust.allow_unsigned = options_.insecure_unsigned;
  trust.limits.max_file_bytes = base_.max_file_bytes;
  trust.limits.max_total_bytes = base_.max_bundle_bytes;
  for (const std::string& p : problems) log_line(p);
  // A preview says only what is wrong; a screen says what it trusts, for the journal.
  if (options_.screenshot.empty() || trust.keys.empty() || trust.allow_unsigned)
    log_line(describe_trust(trust));
  store_->set_trust(std::move(trust));
}

void App::begin_attempt() {
  if (!options_.screenshot.empty()) return;  // a preview is not a screen that crashes
  if (const std::string fell_back = store_->begin_attempt(); !fell_back.empty())
    log_line(fell_back);
  attempt_open_ = true;
  attempt_since_ms_ = system_now_ms();
}

void App::settle_attempt(bool stopping) {
  if (!attempt_open_ || frames_ == 0) return;
  if (!stopping && system_now_ms() - attempt_since_ms_ < attempt_clear_ms) return;
  store_->end_attempt();
  attempt_open_ = false;
}

std::int64_t App::now() const { return now_ms_() + at_offset_ms_; }

KioskConfig App::effective_config() const {
  // Each layer by what it is, later wins: the theme, the site's [kiosk], this screen's
  // --config. (Counting files instead let the site beat --config when no theme was found.)
  KioskConfig c;
  std::vector<std::string> ignored;  // reported once, at start
  if (!theme_file_.empty()) apply_config_file(theme_file_, c, ignored);
  if (const Bundle* b = scene_.bundle()) apply_site_settings(b->site.kiosk, c);
  if (placement_.row) apply_screen_row(*placement_.row, c);
  if (!options_.config.empty()) apply_config_file(options_.config, c, ignored);
  return c;
}

void App::adopt(std::shared_ptr<const LoadedBundle> loaded) {
  if (!loaded) return;
  if (canvas_) canvas_->images().clear();  // the old bundle's photos will not be asked for again
  place(loaded->bundle);
  scene_.set_bundle(std::move(loaded), now());
  const KioskConfig c = effective_config();
  scene_.set_config(c, now());
  if (canvas_) canvas_->texts().set_family(c.font_family);
  apply_orientation();
  if (!scene_.home_known() && !scene_.pairing())
    log_line("building \"" + scene_.home_building() +
             "\" is not in the bundle; showing the building picker");
  if (const Bundle* b = scene_.bundle();
      b && scene_.now() < b->generated_at && scene_.clock_trusted()) {
    const Instant ahead = b->generated_at - scene_.now();
    log_line("the bundle was made " +
             (ahead >= 7200 ? std::to_string(ahead / 3600) + " hours"
                            : std::to_string((ahead + 59) / 60) + " minutes") +
             " ahead of this screen's clock (the publisher's clock runs fast?): showing this "
             "screen's time");
  }
  dirty_ = true;
}

void App::place(const Bundle& bundle) {
  const Placement was = placement_;
  placement_ = place_screen(&bundle, screen_, options_.building);
  const std::string row_building = placement_.row ? placement_.row->building : std::string();
  const std::string code = pairing_code_display(pairing_code(screen_));
  if (!options_.building.empty()) {
    // The command line wins; said once per change, so the journal explains the screen.
    const std::string was_row = was.row ? was.row->building : std::string();
    if (placement_.row && row_building != options_.building && row_building != was_row)
      log_line(say("screens.csv 把本屏（" + placement_.row->id + "）放在楼栋 " + row_building +
                       "，但命令行的 --building " + options_.building + " 优先",
                   "screens.csv puts this screen (" + placement_.row->id + ") in building " +
                       row_building + ", but --building " + options_.building +
                       " on the command line wins"));
    return;
  }
  if (placement_.building == was.building) return;
  if (!placement_.pairing())
    log_line(say(
        "已配对：screens.csv 的 " + placement_.row->id + " 把本屏放在楼栋 " + placement_.building,
        "paired: screens.csv's " + placement_.row->id + " puts this screen in building " +
            placement_.building));
  else
    log_line(say("screens.csv 里已没有本屏：回到配对画面，配对码 " + code,
                 "this screen is no longer in screens.csv: back to pairing, code " + code));
  scene_.set_home(placement_.building);
  syncer_->set_screen(screen_, placement_.building);
  status_->set_building(placement_.building);
}

void App::apply_orientation() {
  // A rotation the screen was started with (--rotate, even 0) is the installer's word.
  if (!display_ || options_.rotate_given || options_.rotate != 0) return;
  const std::string orientation = placement_.row ? placement_.row->orientation : std::string();
  const int rotate = rotation_for(orientation, display_->panel_w(), display_->panel_h());
  if (rotate == display_->rotate()) return;
  std::string why;
  if (!display_->set_rotate(rotate, why)) return log_line(why);
  scene_.set_canvas(display_->logical_w(), display_->logical_h());
  status_->set_display(display_->logical_w(), display_->logical_h());
  dirty_ = true;
}

void App::update_pairing_info() {
  if (!scene_.pairing_info()) return;
  PairingInfo info = *scene_.pairing_info();
  info.last_attempt = syncer_->last_attempt();
  info.last_problem = syncer_->last_problem();
  scene_.set_pairing(std::move(info));
}

void App::load_initial_bundle() {
  std::string why;
  std::shared_ptr<const LoadedBundle> loaded;
  if (!options_.screenshot.empty() && !is_url(options_.bundle)) {
    // A preview reads the folder as it is, without touching the state folder, and trusts
    // what a screen would.
    BundleError error;
    if (std::optional<Bundle> b = read_bundle(options_.bundle, store_->trust(), error))
      loaded = std::make_shared<const LoadedBundle>(LoadedBundle{std::move(*b), options_.bundle});
    else
      log_line("bundle " + options_.bundle + " refused: " + error.message);
  } else if (!options_.screenshot.empty()) {
    syncer_->sync_once();
    loaded = syncer_->take();
  }
  if (!loaded) {
    begin_attempt();
    loaded = store_->load_current(why);
    if (options_.screenshot.empty())
      log_line(loaded ? shown_at_start(*loaded, options_.bundle) : why);
  }
  scene_.set_last_sync(store_->last_synced());
  update_pairing_info();
  adopt(loaded);
  if (options_.at) {
    const std::optional<TimeZone> zone =
        scene_.zone() ? scene_.zone() : TimeZone::make(default_timezone);
    if (zone) at_offset_ms_ = resolve_at(*options_.at, *zone) * 1000 - now_ms_();
    // Dated content was worked out at the real time: again, at the pretended one.
    if (loaded) scene_.set_bundle(loaded, now());
  }
  scene_.tick(now());
}

bool App::open(bool headless, std::string& why) {
  int w = options_.width, h = options_.height;
  if (headless) {
    if (w <= 0 || h <= 0) w = 1080, h = 1920;
    display_ = Display::headless(w, h, options_.rotate, why);
  } else {
    display_ = Display::window(w, h, options_.fullscreen, options_.rotate, why);
  }
  if (!display_) return false;
  canvas_ = std::make_unique<Canvas>(display_->renderer(), scene_.config().font_family);
  scene_.set_pager([this](const Scene& s, SlideKind kind) {
    const Metrics m(s.canvas_w(), s.canvas_h());
    return static_cast<int>(
        list_pages(*canvas_, m, chrome_layout(m, s.speech_on(), s.stale()).content, s, kind)
            .size());
  });
  scene_.set_canvas(display_->logical_w(), display_->logical_h());
  status_->set_display(display_->logical_w(), display_->logical_h());
  load_initial_bundle();
  return true;
}

void App::draw() {
  const auto start = std::chrono::steady_clock::now();
  display_->begin_frame();
  canvas_->begin(display_->logical_w(), display_->logical_h(), scene_.shift_x(), scene_.shift_y());
  draw_scene(*canvas_, scene_, fallback_);
  display_->present();
  status_->frame_drawn(
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  ++frames_;
  dirty_ = false;
}

void App::take_picture() {
  picture_wanted_ = false;
  std::vector<unsigned char> argb;
  std::string why, png;
  if (display_->read_canvas(argb, why))
    png = screenshot_png(argb, display_->logical_w(), display_->logical_h(), screenshot_long_side,
                         screenshot_max_bytes, why);
  if (png.empty()) {
    if (!said_picture_problem_) log_line("screenshot for the status folder: " + why);
    said_picture_problem_ = true;
    return;
  }
  status_->offer_picture(std::move(png));
  syncer_->wake();
}

void App::draw_if_dirty() {
  if (dirty_) draw();
}

bool App::tick() {
  const bool changed = scene_.tick(now());
  speak_urgent();
  dirty_ |= changed;
  return changed;
}

void App::sync_now() {
  syncer_->sync_once();
  std::shared_ptr<const LoadedBundle> loaded = syncer_->take();
  if (loaded) begin_attempt();
  adopt(std::move(loaded));
  scene_.set_last_sync(syncer_->last_contact());
  update_pairing_info();
}

bool App::handle(const SDL_Event& e) {
  bool changed = false;
  int x = 0, y = 0;
  switch (e.type) {
    case SDL_QUIT:
      quit_ = true;
      break;
    case SDL_FINGERDOWN:
      display_->touch_to_logical(e.tfinger.x, e.tfinger.y, x, y);
      changed = scene_.tap(x, y, now());
      break;
    case SDL_MOUSEBUTTONDOWN:
      if (e.button.which == SDL_TOUCH_MOUSEID) break;  // already seen as a finger
      display_->window_to_logical(e.button.x, e.button.y, x, y);
      changed = scene_.tap(x, y, now());
      break;
    case SDL_KEYDOWN:
      changed = scene_.key(e.key.keysym.sym, now());
      break;
    case SDL_WINDOWEVENT:
      if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
        std::string why;
        if (!display_->resized(why)) log_line(why);
        scene_.set_canvas(display_->logical_w(), display_->logical_h());
      }
      changed = e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
                e.window.event == SDL_WINDOWEVENT_EXPOSED ||
                e.window.event == SDL_WINDOWEVENT_SHOWN;
      break;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
      // The GPU lost our textures: draw everything again from scratch.
      canvas_->texts().clear();
      canvas_->images().clear();
      changed = true;
      break;
    default:
      if (e.type == sync_event_ && e.user.code == picture_event_code) {
        picture_wanted_ = true;  // taken after the frame this loop draws
      } else if (e.type == sync_event_) {
        std::shared_ptr<const LoadedBundle> loaded = syncer_->take();
        if (loaded) begin_attempt();
        adopt(std::move(loaded));
        scene_.set_last_sync(syncer_->last_contact());
        update_pairing_info();
        changed = true;
      }
  }
  if (scene_.take_speak_request()) speak(speech_text(scene_));
  speak_urgent();
  dirty_ |= changed;
  return changed;
}

void App::speak(const std::string& text) {
  if (!speaker_ || text.empty()) return;
  if (options_.verbose) log_line("read-aloud: " + text);
  if (!speaker_->say(text)) log_line("read-aloud: cannot start " + base_.speech_command);
}

void App::speak_urgent() {
  const BundleNotice* shown = scene_.urgent();
  const std::string id = shown ? shown->id : std::string();
  if (id != urgent_logged_) {
    // The journal says when an urgent notice took the screen and when it gave it back.
    if (!id.empty())
      log_line("urgent notice " + id + " on screen");
    else
      log_line("urgent notice " + urgent_logged_ + " off screen");
    urgent_logged_ = id;
  }
  if (speaker_) speak(scene_.take_urgent_reading());
}

int App::run() {
  SDL_ShowCursor(SDL_DISABLE);
  SDL_DisableScreenSaver();
  tick();
  draw();
  sd_notify(0, "READY=1\nSTATUS=showing the kiosk");
  std::uint64_t watchdog_usec = 0;
  const bool watchdog = sd_watchdog_enabled(0, &watchdog_usec) > 0;
  const std::int64_t watchdog_ms = watchdog ? std::max<std::int64_t>(1, watchdog_usec / 2000) : 0;
  std::int64_t last_ping = system_now_ms();
  syncer_->start();
  EventWait waiter;
  while (!quit_) {
    std::int64_t wait = scene_.next_deadline_ms() - now();
    if (watchdog) wait = std::min(wait, last_ping + watchdog_ms - system_now_ms());
    SDL_Event e;
    if (waiter.wait(e, static_cast<int>(std::clamp<std::int64_t>(wait, 1, 60'000)))) {
      handle(e);
      while (!quit_ && SDL_PollEvent(&e)) handle(e);
    }
    tick();
    draw_if_dirty();
    if (picture_wanted_) take_picture();
    settle_attempt(false);
    if (watchdog && system_now_ms() - last_ping >= watchdog_ms) {
      // Pinged from the loop that draws, so a hung loop means a restart.
      sd_notify(0, "WATCHDOG=1");
      last_ping = system_now_ms();
    }
  }
  sd_notify(0, "STOPPING=1");
  settle_attempt(true);  // stopped on purpose: not a crash
  syncer_->stop();
  return 0;
}

int App::screenshot() {
  scene_.show_slide(std::max(0, options_.slide - 1), now());
  // Which slide a --slide asked for turned out to be: past the end it is the last one,
  // and a loop over slides can tell when the deck is shorter than it thought.
  const std::vector<Slide>& deck = scene_.deck();
  if (options_.slide > 0 && scene_.mode() == Mode::slides && !deck.empty() && !scene_.urgent())
    log_line("screenshot: slide " + std::to_string(scene_.slide_index() + 1) + " of " +
             std::to_string(deck.size()) + " (" +
             slide_key(deck[static_cast<std::size_t>(scene_.slide_index())].kind) + ")");
  speak_urgent();  // the log says what the picture shows
  draw();
  std::string why;
  if (!display_->write_png(options_.screenshot, why)) {
    log_line("screenshot: " + why);
    return 1;
  }
  return 0;
}

int run_kiosk(int argc, char** argv) {
  set_language(language_from_environment());
  Options options;
  std::string message;
  switch (parse_options(argc, argv, options, message)) {
    case ParseStatus::help:
      std::fputs(message.c_str(), stdout);
      return 0;
    case ParseStatus::error:
      std::fprintf(stderr, "hgj-kiosk: %s\nTry 'hgj-kiosk --help'.\n", message.c_str());
      return 2;
    case ParseStatus::ok:
      break;
  }
  // A screen without its theme would show the built-in look and could not say why; the
  // journal gets the reason and systemd the failure.
  std::error_code ec;
  if (const std::string theme = find_theme_file(); !std::filesystem::is_regular_file(theme, ec)) {
    log_line(theme + ": " +
             (is_in_data_dir(theme)
                  ? missing_data_message("hgj-kiosk")
                  : say("找不到主题的设置文件（见 HGJ_KIOSK_THEME_DIR）",
                        "the theme's settings file is missing (see HGJ_KIOSK_THEME_DIR)")));
    return 1;
  }
  const bool headless = !options.screenshot.empty();
  // A screenshot needs no display: SDL's offscreen driver, unless the caller chose one.
  if (headless && !std::getenv("SDL_VIDEODRIVER")) SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER) != 0) {
    if (!headless || SDL_Init(SDL_INIT_EVENTS | SDL_INIT_TIMER) != 0) {
      log_line(std::string("cannot start SDL: ") + SDL_GetError());
      return 1;
    }
  }
  http_global_init();
  int status = 1;
  {
    App app(options);
    std::string why;
    if (!app.open(headless, why))
      log_line(why);
    else
      status = headless ? app.screenshot() : app.run();
  }
  SDL_Quit();
  return status;
}

}  // namespace hgj::kiosk
