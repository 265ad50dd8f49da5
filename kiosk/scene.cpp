#include "scene.h"

#include <algorithm>

#include "clock.h"
#include "hgj/speech.h"

namespace hgj::kiosk {

namespace {

constexpr std::int64_t minute_ms = 60'000;

}  // namespace

std::vector<Upcoming> upcoming_events(const Bundle& bundle, const BundleBuilding& b,
                                      const TimeZone& zone, Instant now, bool trusted, int limit) {
  std::vector<Upcoming> result;
  for (const BundleEvent* e : bundle.events_for_building(b)) {
    if (!trusted) {
      // Without a trustworthy clock only rules can be shown ("每月20日"), not dates.
      if (e->schedule.rule) result.push_back({e, std::nullopt});
      continue;
    }
    const std::vector<Occurrence> next = next_occurrences(e->schedule, zone, now, 1);
    if (!next.empty()) result.push_back({e, next.front()});
  }
  std::stable_sort(result.begin(), result.end(), [](const Upcoming& a, const Upcoming& c) {
    if (a.when && c.when) return a.when->start < c.when->start;
    return static_cast<bool>(a.when) > static_cast<bool>(c.when);
  });
  if (static_cast<int>(result.size()) > limit) result.resize(static_cast<std::size_t>(limit));
  return result;
}

std::vector<Honour> honours_for(const Bundle& bundle, const BundleBuilding& b, bool& street_wide) {
  std::vector<Honour> result;
  for (const BundleSteward* s : bundle.stewards_of_building(b.id)) {
    if (!s->honors.empty()) result.push_back({s, s->honors});
  }
  street_wide = result.empty();
  if (!street_wide) return result;
  // The street's most recent honours: "2026-10 月度服务之星" sorts by its date prefix.
  for (const BundleSteward& s : bundle.stewards) {
    if (s.honors.empty()) continue;
    std::vector<std::string> h = s.honors;
    std::sort(h.rbegin(), h.rend());
    result.push_back({&s, h});
  }
  // Stable: stewards with honours of the same month stay in the readers' order.
  std::stable_sort(result.begin(), result.end(), [](const Honour& a, const Honour& c) {
    return a.honours.front() > c.honours.front();
  });
  if (result.size() > 6) result.resize(6);
  return result;
}

std::optional<Phone> building_hotline(const Bundle& bundle, const BundleBuilding& b, bool& own) {
  const BundleCommunity* community = bundle.community(b.community);
  own = community && community->phone;
  return own ? community->phone : bundle.site.hotline;
}

Scene::Scene(std::string home_building, KioskConfig config)
    : home_(home_building), shown_(std::move(home_building)), config_(std::move(config)) {}

void Scene::set_home(std::string building) {
  if (building == home_) return;
  home_ = building;
  shown_ = std::move(building);
  last_input_ms_ = 0;  // a screen that just got its building shows it, not a visitor's browsing
  mode_ = Mode::slides;
}

const BundleBuilding* Scene::shown_building() const {
  return loaded_ ? loaded_->bundle.building(shown_) : nullptr;
}

bool Scene::home_known() const { return loaded_ && loaded_->bundle.building(home_); }

bool Scene::clock_trusted() const {
  return loaded_ && kiosk::clock_trusted(now(), loaded_->bundle.generated_at);
}

bool Scene::stale() const {
  if (!loaded_) return false;
  const Instant since = last_sync_ ? last_sync_ : loaded_->bundle.generated_at;
  return now() - since > static_cast<Instant>(config_.stale_hours) * 3600;
}

void Scene::set_bundle(std::shared_ptr<const LoadedBundle> loaded, std::int64_t now_ms) {
  if (!loaded_) slide_started_ms_ = now_ms;  // the first slide gets its full time
  loaded_ = std::move(loaded);
  zone_.reset();
  if (loaded_) {
    zone_ = TimeZone::make(loaded_->bundle.site.timezone);
    if (!zone_) zone_ = TimeZone::make(default_timezone);
    if (!loaded_->bundle.building(shown_)) shown_ = home_;
    if (!home_known() && mode_ == Mode::slides) mode_ = Mode::picker;
    // Nobody is using the screen: show its own building (which may just have appeared).
    if (home_known() && !last_input_ms_) mode_ = Mode::slides, shown_ = home_;
    const int communities = static_cast<int>(loaded_->bundle.communities.size());
    picker_community_ = std::clamp(picker_community_, 0, std::max(0, communities - 1));
  }
  now_ms_ = now_ms;
  minute_ = -1;
  urgent_.clear();  // pointed into the old bundle
  rebuild_deck();
  update_clock_state(now_ms);
}

void Scene::set_config(const KioskConfig& config, std::int64_t now_ms) {
  config_ = config;
  shift_step_ = -1;
  rebuild_deck();
  update_clock_state(now_ms);
}

void Scene::show_slide(int index, std::int64_t now_ms) {
  hold_ = true;
  now_ms_ = now_ms;
  if (!deck_.empty()) slide_ = std::clamp(index, 0, static_cast<int>(deck_.size()) - 1);
  slide_started_ms_ = now_ms;
}

void Scene::set_last_sync(Instant t) {
  const bool was = stale();
  last_sync_ = t;
  if (stale() != was) rebuild_deck();  // the note that data is old takes room from the lists
}

void Scene::set_canvas(int w, int h) {
  if (w == canvas_w_ && h == canvas_h_) return;
  canvas_w_ = w, canvas_h_ = h;
  rebuild_deck();  // pages depend on the size
}

void Scene::rebuild_deck() {
  const Slide previous = slide() ? *slide() : Slide{};
  const bool had = slide() != nullptr;
  deck_.clear();
  const BundleBuilding* b = shown_building();
  if (b && zone_) {
    const Bundle& bundle = loaded_->bundle;
    const bool trusted = clock_trusted();
    // A list slide and its further pages: one slide each, none dropped.
    const auto pages = [this](SlideKind kind) {
      const int n = pager_ ? std::max(1, pager_(*this, kind)) : 1;
      for (int page = 0; page < n; ++page) deck_.push_back({kind, page, config_.seconds_for(kind)});
    };
    for (SlideKind kind : config_.order) {
      const int seconds = config_.seconds_for(kind);
      switch (kind) {
        case SlideKind::steward: {
          const int n = static_cast<int>(bundle.stewards_of_building(b->id).size());
          if (n == 0) deck_.push_back({kind, -1, seconds});  // who to call instead
          for (int i = 0; i < n; ++i) deck_.push_back({kind, i, seconds});
          break;
        }
        case SlideKind::events:
          if (!upcoming_events(bundle, *b, *zone_, now(), trusted, 4).empty()) pages(kind);
          break;
        case SlideKind::duties:
          if (bundle.duty_scheme_for_building(b->id)) pages(kind);
          break;
        case SlideKind::resolved:
          if (!b->recent_issues.empty()) pages(kind);
          break;
        case SlideKind::notices:
          if (!bundle.notices_for_building(*b, *zone_, trusted ? now() : bundle.generated_at)
                   .empty())
            pages(kind);
          break;
        case SlideKind::honours: {
          bool street_wide = false;
          if (!honours_for(bundle, *b, street_wide).empty()) pages(kind);
          break;
        }
      }
    }
  }
  slide_ = 0;
  if (had) {
    for (std::size_t i = 0; i < deck_.size(); ++i) {
      if (deck_[i].kind == previous.kind && deck_[i].item == previous.item)
        slide_ = static_cast<int>(i);
    }
  }
}

bool Scene::update_clock_state(std::int64_t now_ms) {
  bool changed = false;
  now_ms_ = now_ms;
  const long minute = static_cast<long>(now_ms / minute_ms);
  if (minute != minute_) {
    minute_ = minute;
    changed = true;
    // Dated content (next events, unexpired notices) can change with the minute.
    const std::vector<Slide> before = deck_;
    rebuild_deck();
    if (deck_.size() != before.size()) slide_started_ms_ = now_ms;
    changed |= update_urgent(now_ms);
  }
  bool night = false;
  if (zone_ && clock_trusted() && !config_.night_from.empty() && !config_.night_until.empty()) {
    const auto from = parse_clock(config_.night_from), until = parse_clock(config_.night_until);
    if (from && until) night = in_window(zone_->local_minute(now()), *from.value, *until.value);
  }
  if (night != night_) {
    night_ = night;
    woken_ = false;
    if (night && mode_ == Mode::slides && !hold_) slide_ = 0;
    changed = true;
  }
  const long step = static_cast<long>(now_ms / (config_.burn_in_minutes * minute_ms));
  if (step != shift_step_) {
    shift_step_ = step;
    const Metrics m(canvas_w_, canvas_h_);
    int dx = 0, dy = 0;
    burn_in_offset(step, std::max(config_.burn_in_pixels > 0 ? 2 : 0, m.px(config_.burn_in_pixels)),
                   dx, dy);
    if (dx != shift_x_ || dy != shift_y_) changed = true;
    shift_x_ = dx;
    shift_y_ = dy;
  }
  return changed;
}

bool Scene::tick(std::int64_t now_ms) {
  bool changed = false;
  if (now_ms < now_ms_ - minute_ms) slide_started_ms_ = now_ms;  // the clock jumped back
  now_ms_ = now_ms;
  if (last_input_ms_ &&
      now_ms - last_input_ms_ >= static_cast<std::int64_t>(config_.idle_seconds) * 1000) {
    go_home(now_ms);
    last_input_ms_ = 0;
    woken_ = false;
    changed = true;
    urgent_since_ms_ = now_ms;  // an urgent notice takes the screen back, its full turn
    note_urgent_shown();
  }
  changed |= update_clock_state(now_ms);
  if (urgent_.size() > 1 && !last_input_ms_ && now_ms - urgent_since_ms_ >= urgent_turn_ms) {
    urgent_index_ = (urgent_index_ + 1) % static_cast<int>(urgent_.size());
    urgent_since_ms_ = now_ms;
    note_urgent_shown();
    changed = true;
  }
  const Slide* s = slide();
  if (!hold_ && !last_input_ms_ && mode_ == Mode::slides && !night() && deck_.size() > 1 && s &&
      now_ms - slide_started_ms_ >= static_cast<std::int64_t>(s->seconds) * 1000) {
    slide_ = (slide_ + 1) % static_cast<int>(deck_.size());
    slide_started_ms_ = now_ms;
    changed = true;
  }
  return changed;
}

std::int64_t Scene::next_deadline_ms() const {
  std::int64_t next = (now_ms_ / minute_ms + 1) * minute_ms;
  if (last_input_ms_)
    next = std::min(next, last_input_ms_ + static_cast<std::int64_t>(config_.idle_seconds) * 1000);
  if (urgent_.size() > 1 && !last_input_ms_)
    next = std::min(next, urgent_since_ms_ + urgent_turn_ms);
  const Slide* s = slide();
  if (!hold_ && !last_input_ms_ && mode_ == Mode::slides && !night() && deck_.size() > 1 && s)
    next = std::min(next, slide_started_ms_ + static_cast<std::int64_t>(s->seconds) * 1000);
  return std::max(next, now_ms_ + 1);
}

const BundleNotice* Scene::urgent() const {
  if (urgent_.empty() || last_input_ms_) return nullptr;
  return urgent_[static_cast<std::size_t>(urgent_index_) % urgent_.size()];
}

bool Scene::update_urgent(std::int64_t now_ms) {
  std::vector<const BundleNotice*> now_urgent;
  const BundleBuilding* home = loaded_ ? loaded_->bundle.building(home_) : nullptr;
  if (home && zone_) {
    const Bundle& b = loaded_->bundle;
    // By the screen's clock; one it cannot trust goes by the bundle's time, as the list does.
    for (const BundleNotice* n :
         b.notices_for_building(*home, *zone_, clock_trusted() ? now() : b.generated_at))
      if (n->urgent) now_urgent.push_back(n);
  }
  const auto ids = [](const std::vector<const BundleNotice*>& v) {
    std::vector<std::string> out;
    for (const BundleNotice* n : v) out.push_back(n->id);
    return out;
  };
  if (ids(now_urgent) == ids(urgent_)) {
    urgent_ = std::move(now_urgent);  // same notices, perhaps of a new bundle
    return false;
  }
  // Keep showing the same notice when others start or end around it.
  const std::string current =
      urgent_.empty() ? std::string()
                      : urgent_[static_cast<std::size_t>(urgent_index_) % urgent_.size()]->id;
  urgent_ = std::move(now_urgent);
  urgent_index_ = 0;
  for (std::size_t i = 0; i < urgent_.size(); ++i)
    if (urgent_[i]->id == current) urgent_index_ = static_cast<int>(i);
  urgent_since_ms_ = now_ms;
  note_urgent_shown();
  return true;
}

void Scene::note_urgent_shown() {
  const BundleNotice* n = urgent();
  if (!n || std::find(urgent_read_.begin(), urgent_read_.end(), n->id) != urgent_read_.end())
    return;
  urgent_read_.push_back(n->id);
  if (!speech_) return;
  std::string words = "紧急通知：" + n->title + "。" + n->text;
  if (!n->text.empty() && !n->text.ends_with("。") && !n->text.ends_with("！")) words += "。";
  bool own = false;
  const BundleBuilding* home = loaded_->bundle.building(home_);
  if (const std::optional<Phone> phone =
          home ? building_hotline(loaded_->bundle, *home, own) : std::nullopt)
    words += std::string("有事请打") + (own ? "社区电话：" : "街道热线：") +
             spoken_phone(phone->display) + "。";
  urgent_reading_ = words;
}

bool Scene::touched(std::int64_t now_ms) {
  now_ms_ = now_ms;
  last_input_ms_ = now_ms;
  if (night_ && !woken_) {
    woken_ = true;  // the first touch at night only wakes the screen
    return false;
  }
  return true;
}

void Scene::next_slide(std::int64_t now_ms) {
  if (!deck_.empty()) slide_ = (slide_ + 1) % static_cast<int>(deck_.size());
  slide_started_ms_ = now_ms;
}

void Scene::previous_slide(std::int64_t now_ms) {
  const int n = static_cast<int>(deck_.size());
  if (n) slide_ = (slide_ + n - 1) % n;
  slide_started_ms_ = now_ms;
}

void Scene::open_picker(std::int64_t now_ms) {
  mode_ = Mode::picker;
  picker_page_ = 0;
  picker_focus_ = 0;
  if (const Bundle* b = bundle()) {
    // Start at the community of the building on show.
    const BundleBuilding* shown = shown_building();
    for (std::size_t i = 0; shown && i < b->communities.size(); ++i) {
      if (b->communities[i].id == shown->community) picker_community_ = static_cast<int>(i);
    }
    choose_community(picker_community_);
  }
  slide_started_ms_ = now_ms;
}

void Scene::show_building(const std::string& id, std::int64_t now_ms) {
  shown_ = id;
  mode_ = Mode::slides;
  deck_.clear();
  rebuild_deck();
  slide_ = 0;
  slide_started_ms_ = now_ms;
}

void Scene::go_home(std::int64_t now_ms) {
  show_building(home_, now_ms);
  if (!home_known()) mode_ = Mode::picker;
}

bool Scene::tap(int x, int y, std::int64_t now_ms) {
  if (pairing()) return false;  // nothing to browse until staff have placed the screen
  const bool covered = urgent() != nullptr;
  if (!touched(now_ms) || covered) return true;  // the first touch only uncovers the slides
  if (!loaded_) return false;
  if (mode_ == Mode::picker) return tap_picker(x, y, now_ms);
  const Metrics m(canvas_w_, canvas_h_);
  const ChromeLayout l = chrome_layout(m, speech_, stale());
  if (l.speak.contains(x, y))
    speak_requested_ = true;
  else if (l.prev.contains(x, y))
    previous_slide(now_ms);
  else if (l.next.contains(x, y))
    next_slide(now_ms);
  else if (l.middle.contains(x, y))
    browsing() ? go_home(now_ms) : open_picker(now_ms);
  else if (x < m.w / 4)
    previous_slide(now_ms);
  else if (x >= m.w - m.w / 4)
    next_slide(now_ms);
  else
    return false;
  return true;
}

std::vector<const BundleBuilding*> Scene::picker_buildings() const {
  const Bundle* b = bundle();
  if (!b || b->communities.empty()) return {};
  return b->buildings_of_community(b->communities[static_cast<std::size_t>(picker_community_)].id);
}

PickerLayout Scene::picker() const {
  const int communities = bundle() ? static_cast<int>(bundle()->communities.size()) : 0;
  return picker_layout(Metrics(canvas_w_, canvas_h_), communities, picker_tab_page_);
}

void Scene::choose_community(int index) {
  const int communities = bundle() ? static_cast<int>(bundle()->communities.size()) : 0;
  picker_community_ = std::clamp(index, 0, std::max(0, communities - 1));
  picker_tab_page_ =
      picker_tab_page_of(Metrics(canvas_w_, canvas_h_), communities, picker_community_);
  picker_page_ = picker_focus_ = 0;
}

int Scene::picker_pages() const {
  const int per_page = static_cast<int>(picker().cells.size());
  const int n = static_cast<int>(picker_buildings().size());
  return std::max(1, (n + per_page - 1) / std::max(1, per_page));
}

bool Scene::tap_picker(int x, int y, std::int64_t now_ms) {
  const PickerLayout l = picker();
  for (std::size_t i = 0; i < l.tabs.size(); ++i) {
    if (l.tabs[i].contains(x, y)) {
      choose_community(l.first_tab + static_cast<int>(i));
      return true;
    }
  }
  // Turning the tabs shows other communities; the buildings stay until one is chosen.
  if (l.tab_prev.contains(x, y) || l.tab_next.contains(x, y)) {
    const int step = l.tab_next.contains(x, y) ? 1 : -1;
    picker_tab_page_ = (picker_tab_page_ + step + l.tab_pages) % l.tab_pages;
    return true;
  }
  const std::vector<const BundleBuilding*> buildings = picker_buildings();
  const std::size_t first = static_cast<std::size_t>(picker_page_) * l.cells.size();
  for (std::size_t i = 0; i < l.cells.size() && first + i < buildings.size(); ++i) {
    if (l.cells[i].contains(x, y)) {
      show_building(buildings[first + i]->id, now_ms);
      return true;
    }
  }
  if (l.prev_page.contains(x, y))
    picker_page_ = std::max(0, picker_page_ - 1);
  else if (l.next_page.contains(x, y))
    picker_page_ = std::min(picker_pages() - 1, picker_page_ + 1);
  else if (l.back.contains(x, y) && home_known())
    go_home(now_ms);
  else
    return false;
  picker_focus_ = 0;
  return true;
}

bool Scene::key(SDL_Keycode key, std::int64_t now_ms) {
  if (pairing()) return false;
  const bool covered = urgent() != nullptr;
  if (!touched(now_ms) || covered) return true;
  if (!loaded_) return false;
  if (mode_ == Mode::picker) return key_picker(key, now_ms);
  switch (key) {
    case SDLK_LEFT:
    case SDLK_PAGEUP:
    case SDLK_UP:
      previous_slide(now_ms);
      return true;
    case SDLK_RIGHT:
    case SDLK_PAGEDOWN:
    case SDLK_DOWN:
    case SDLK_SPACE:
      next_slide(now_ms);
      return true;
    case SDLK_ESCAPE:
    case SDLK_HOME:
    case SDLK_BACKSPACE:
      go_home(now_ms);
      return true;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_TAB:
    case SDLK_f:
      open_picker(now_ms);
      return true;
    default:
      return false;
  }
}

bool Scene::key_picker(SDL_Keycode key, std::int64_t now_ms) {
  const Bundle* b = bundle();
  const int per_page = static_cast<int>(picker().cells.size());
  const std::vector<const BundleBuilding*> buildings = picker_buildings();
  const int n = static_cast<int>(buildings.size());
  const int cols = Metrics(canvas_w_, canvas_h_).portrait ? 2 : 3;
  int index = picker_page_ * per_page + picker_focus_;
  switch (key) {
    case SDLK_LEFT:
      --index;
      break;
    case SDLK_RIGHT:
      ++index;
      break;
    case SDLK_UP:
      index -= cols;
      break;
    case SDLK_DOWN:
      index += cols;
      break;
    case SDLK_PAGEUP:
      index -= per_page;
      break;
    case SDLK_PAGEDOWN:
      index += per_page;
      break;
    case SDLK_TAB: {
      const int c = static_cast<int>(b->communities.size());
      choose_community(c ? (picker_community_ + 1) % c : 0);
      return true;
    }
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
      if (index < n) show_building(buildings[static_cast<std::size_t>(index)]->id, now_ms);
      return true;
    case SDLK_ESCAPE:
    case SDLK_HOME:
    case SDLK_BACKSPACE:
      if (home_known()) go_home(now_ms);
      return true;
    default:
      return false;
  }
  index = std::clamp(index, 0, std::max(0, n - 1));
  picker_page_ = index / std::max(1, per_page);
  picker_focus_ = index % std::max(1, per_page);
  return true;
}

}  // namespace hgj::kiosk
