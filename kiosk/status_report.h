// What a screen tells the street about itself (issue #24 item 2): every few minutes a
// small JSON document PUT to `<[status] url>/<screen>.json` on the street's own nginx
// (its dav module), read back by `hgj fleet`. No new server, and a status folder that is
// down or refuses never touches what the screen shows: the failure is logged at most
// hourly (log_limiter.h) and the next report tried at the next interval.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

#include "bundle_store.h"
#include "http.h"
#include "log_limiter.h"

namespace hgj::kiosk {

// The figures of one report. Instants are Unix seconds, 0 for "never".
struct StatusFacts {
  std::string screen;               // the screens.csv id ([status] screen) or screen_id()
  std::string building;             // --building or screens.csv's; empty while pairing
  std::string state;                // "pairing" (no building yet) or "showing"
  std::string pairing_code;         // "K7Q-4M2" (hgj/pairing.h); empty without an id
  Instant bundle_generated_at = 0;  // of the bundle on screen; 0: none
  Instant last_sync = 0;            // last time the bundle source answered
  std::string last_error;           // the sync's current problem, empty when it works
  std::int64_t uptime_seconds = 0;
  std::uint64_t rss_bytes = 0;
  int display_width = 0, display_height = 0;  // the picture's logical size
  std::string software;                       // "hgj-kiosk 0.4.0"
  Instant sent_at = 0;
};

// The document, one JSON object (keys documented in docs/kiosk.md), with a trailing
// newline. hgj fleet reads the same keys (generator/fleet/screen_status.cpp).
std::string status_document(const StatusFacts& facts);

// This process's resident memory from /proc/self/statm, in bytes; 0 when unreadable.
std::uint64_t resident_bytes();

// `<folder>/<screen>.json`, the screen's id percent-encoded as one path segment (a
// screens.csv id may hold Chinese or a '/').
std::string status_file_url(const std::string& folder_url, const std::string& screen);

class StatusReporter {
 public:
  // `folder_url` empty: never sends. `now` is the wall clock (tests pass their own).
  StatusReporter(std::string folder_url, int interval_seconds, std::string screen,
                 std::string building, std::function<Instant()> now);
  bool enabled() const { return !folder_url_.empty(); }
  void set_display(int width, int height) { width_ = width, height_ = height; }
  // The building shown, learnt from the bundle when the screen pairs; empty: pairing.
  void set_building(std::string building);
  void set_log(std::function<void(const std::string&)> log) { log_ = std::move(log); }
  // Called by the sync worker after each of its rounds: sends a report when the last
  // one is `interval_seconds` old (the first at once). True when one was stored.
  bool after_sync(const BundleStore& store, const std::string& last_problem,
                  const std::atomic<bool>* cancel);
  // The figures a report sent now would carry.
  StatusFacts facts(const BundleStore& store, const std::string& last_problem) const;
  std::string last_problem() const;

 private:
  std::string folder_url_;
  Instant interval_;
  std::string screen_, building_;
  std::function<Instant()> now_;
  std::function<void(const std::string&)> log_;
  std::atomic<int> width_{0}, height_{0};
  Instant started_;
  Instant last_sent_ = 0;
  bool failing_ = false;
  bool said_no_id_ = false;
  LogLimiter limiter_;
  mutable std::mutex mutex_;
  std::string problem_;
};

}  // namespace hgj::kiosk
