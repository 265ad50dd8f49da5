// The kiosk's state — which building, which slide, picker or slides, night, burn-in
// shift — and how time and input change it. No drawing here (draw.h draws a Scene),
// so tests drive it with plain numbers. Times are wall-clock milliseconds.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config.h"
#include "hgj/bundle.h"
#include "layout.h"

namespace hgj::kiosk {

// A verified bundle and the folder its images are read from.
struct LoadedBundle {
  Bundle bundle;
  std::filesystem::path dir;
};

struct Slide {
  SlideKind kind = SlideKind::steward;
  int item = 0;  // steward slides: index into the building's stewards; list slides: page
  int seconds = 12;
};

enum class Mode { slides, picker };

// An event's next occurrence, for the events slide.
struct Upcoming {
  const BundleEvent* event = nullptr;
  std::optional<Occurrence> when;  // absent when the clock is not trusted: show the rule
};
// The next occurrence of each event covering `b`, soonest first, at most `limit`.
std::vector<Upcoming> upcoming_events(const Bundle& bundle, const BundleBuilding& b,
                                      const TimeZone& zone, Instant now, bool trusted, int limit);
// Honours to show for a building: its stewards' own, else the street's most recent.
struct Honour {
  const BundleSteward* steward = nullptr;
  std::vector<std::string> honours;
};
std::vector<Honour> honours_for(const Bundle& bundle, const BundleBuilding& b, bool& street_wide);

// Whom residents call about a building when it is not a steward: its community's phone,
// else the street hotline. `own` tells which; nullopt when there is neither.
std::optional<Phone> building_hotline(const Bundle& bundle, const BundleBuilding& b, bool& own);

// What the pairing screen shows (a screen started without a building and not yet in
// the bundle's screens, hgj/pairing.h): its code, its id, where it syncs from and how
// the last attempt went.
struct PairingInfo {
  std::string code;          // canonical, "K7Q4M2"; empty: the screen has no id
  std::string screen_id;     // what X-HGJ-Screen sends
  std::string source;        // the bundle URL or folder
  Instant last_attempt = 0;  // 0: not yet
  std::string last_problem;  // of the last attempt; empty when it worked
};

// How long each of several urgent notices stays on screen before the next (ms).
inline constexpr std::int64_t urgent_turn_ms = 15'000;

class Scene {
 public:
  Scene(std::string home_building, KioskConfig config);

  // Replaces what is shown; keeps the mode and, when possible, the slide.
  void set_bundle(std::shared_ptr<const LoadedBundle> loaded, std::int64_t now_ms);
  void set_config(const KioskConfig& config, std::int64_t now_ms);
  // The building this screen shows as its own: --building, or its screens.csv row's
  // after pairing; empty while pairing. Keeps the bundle; call before set_bundle().
  void set_home(std::string building);
  // Set: the screen pairs (no --building); the pairing screen is up while home is empty.
  void set_pairing(std::optional<PairingInfo> info) { pairing_ = std::move(info); }
  bool pairing() const { return pairing_ && home_.empty(); }
  const std::optional<PairingInfo>& pairing_info() const { return pairing_; }
  // When the source last answered (a new bundle or "not modified"); 0 never.
  void set_last_sync(Instant t);
  // Shows slide `index` (0-based, clamped) and holds the clock there (screenshots).
  void show_slide(int index, std::int64_t now_ms);

  // Moves time on: slide changes, idle timeout, clock minute, night, burn-in.
  // Returns whether the picture changed.
  bool tick(std::int64_t now_ms);
  // When tick() next has something to do.
  std::int64_t next_deadline_ms() const;

  // Input in logical canvas coordinates (after undoing rotation). Returns whether the
  // picture changed (any input at least restarts the idle timer).
  bool tap(int x, int y, std::int64_t now_ms);
  bool key(SDL_Keycode key, std::int64_t now_ms);
  void set_canvas(int w, int h);
  int canvas_w() const { return canvas_w_; }
  int canvas_h() const { return canvas_h_; }
  // How many pages a list slide needs (measured by the app with its fonts, draw.h's
  // list_pages); without one, each list is one slide.
  using Pager = std::function<int(const Scene&, SlideKind)>;
  void set_pager(Pager pager) { pager_ = std::move(pager); }
  // 「朗读」: whether the button is shown (the app found an engine and audio), and a
  // tap on it, taken once by the app, which then says speech_text() (speech.h).
  void set_speech(bool on) { speech_ = on; }
  bool speech_on() const { return speech_; }
  bool take_speak_request() { return std::exchange(speak_requested_, false); }

  // 紧急 notices: while one covering this screen's own building is current (between its
  // start and the end of its expiry day, by the screen's clock), it takes over the whole
  // screen — several in turn, urgent_turn_ms each — until someone touches the screen;
  // after the idle timeout it comes back. Null when nothing urgent is on show.
  const BundleNotice* urgent() const;
  const std::vector<const BundleNotice*>& urgent_notices() const { return urgent_; }
  // The words for an urgent notice that has just come on screen for the first time,
  // taken once (read aloud once when read-aloud is on); empty otherwise.
  std::string take_urgent_reading() { return std::exchange(urgent_reading_, {}); }

  // What draw_scene() reads.
  const LoadedBundle* loaded() const { return loaded_.get(); }
  const Bundle* bundle() const { return loaded_ ? &loaded_->bundle : nullptr; }
  const BundleBuilding* shown_building() const;
  const std::string& home_building() const { return home_; }
  bool home_known() const;
  bool browsing() const { return shown_ != home_; }
  Mode mode() const { return mode_; }
  const std::vector<Slide>& deck() const { return deck_; }
  int slide_index() const { return slide_; }
  const Slide* slide() const {
    return deck_.empty() ? nullptr : &deck_[static_cast<std::size_t>(slide_)];
  }
  const KioskConfig& config() const { return config_; }
  const std::optional<TimeZone>& zone() const { return zone_; }
  Instant now() const { return now_ms_ / 1000; }
  bool clock_trusted() const;
  bool night() const { return night_ && !woken_; }
  bool stale() const;
  Instant last_sync() const { return last_sync_; }
  int shift_x() const { return shift_x_; }
  int shift_y() const { return shift_y_; }
  int picker_community() const { return picker_community_; }
  int picker_tab_page() const { return picker_tab_page_; }
  // The picker's layout at this canvas size, community count and tab page.
  PickerLayout picker() const;
  int picker_page() const { return picker_page_; }
  int picker_focus() const { return picker_focus_; }
  // The buildings of the picker's current community.
  std::vector<const BundleBuilding*> picker_buildings() const;

  // Actions (also used by tap/key).
  void next_slide(std::int64_t now_ms);
  void previous_slide(std::int64_t now_ms);
  void open_picker(std::int64_t now_ms);
  void show_building(const std::string& id, std::int64_t now_ms);
  void go_home(std::int64_t now_ms);

 private:
  void rebuild_deck();
  bool update_urgent(std::int64_t now_ms);  // true when what is on show changed
  void note_urgent_shown();
  bool touched(std::int64_t now_ms);  // input bookkeeping; false when it only woke the screen
  bool update_clock_state(std::int64_t now_ms);
  bool tap_picker(int x, int y, std::int64_t now_ms);
  bool key_picker(SDL_Keycode key, std::int64_t now_ms);
  int picker_pages() const;
  void choose_community(int index);  // and turn the tabs to its page

  std::string home_, shown_;
  std::optional<PairingInfo> pairing_;
  KioskConfig config_;
  std::shared_ptr<const LoadedBundle> loaded_;
  std::optional<TimeZone> zone_;
  Mode mode_ = Mode::slides;
  std::vector<Slide> deck_;
  int slide_ = 0;
  std::int64_t now_ms_ = 0;
  std::int64_t slide_started_ms_ = 0;
  std::int64_t last_input_ms_ = 0;  // 0: nobody has touched since the last timeout
  bool hold_ = false;               // screenshot: no slide changes
  long minute_ = -1;                // the minute last drawn
  Date deck_date_;
  bool night_ = false, woken_ = false;
  long shift_step_ = -1;
  int shift_x_ = 0, shift_y_ = 0;
  Instant last_sync_ = 0;
  int picker_community_ = 0, picker_page_ = 0, picker_focus_ = 0, picker_tab_page_ = 0;
  int canvas_w_ = 1080, canvas_h_ = 1920;
  bool speech_ = false, speak_requested_ = false;
  Pager pager_;
  std::vector<const BundleNotice*> urgent_;
  int urgent_index_ = 0;
  std::int64_t urgent_since_ms_ = 0;
  std::vector<std::string> urgent_read_;  // ids already read aloud (or queued)
  std::string urgent_reading_;
};

}  // namespace hgj::kiosk
