// Keeps the kiosk's bundle up to date on a worker thread: a local folder is watched
// (manifest.json's mtime), a URL is polled with ETag / If-Modified-Since. A candidate
// is checked against the store's trust first (signature, caps, rollback: nothing else
// is fetched for a refused manifest), assembled in the store's staging folder, verified
// and swapped in; the UI thread
// is told through an SDL user event and collects it with take(). Any failure keeps the
// current bundle and logs one line (the same problem at most hourly).
//
// Made for a fleet of screens on one street server: failures are retried with
// exponential backoff and jitter (backoff.h), back to the normal poll after a success;
// a manifest refused for what it says is remembered by its ETag (in the state folder)
// and not fetched again until it changes; a sync's requests share one kept-alive
// connection and name the screen and the bundle it shows (X-HGJ-Screen, X-HGJ-Bundle).
// Between polls the small urgent.json is asked for every urgent_poll_seconds with its
// ETag (a 304 while nothing changed); when the urgent notices it names are not the shown
// bundle's, a full sync runs at once — what is shown still comes from the signed manifest.
#pragma once

#include <SDL.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bundle_store.h"
#include "http.h"
#include "log_limiter.h"

namespace hgj::kiosk {

struct SyncTiming {
  int watch_seconds = 3;    // local folder check
  int poll_seconds = 300;   // URL …
  int jitter_seconds = 30;  // … plus up to this
  int retry_seconds = 30;   // after a first failure; doubled per failure up to poll_seconds
  int unit_ms = 1000;       // the length of one of these "seconds" (tests run the schedule faster)
  // urgent.json (bundle.h) looked at between polls; a change in its urgent notices syncs
  // at once. 0: not looked at.
  int urgent_poll_seconds = 30;
  // false only in bench/fleet_sim, to measure what backoff saves: every failure is retried
  // after retry_seconds, without jitter, as before issue #24. No setting turns it off.
  bool backoff = true;
};

enum class SyncOutcome { updated, unchanged, failed };

// This screen's id for the server: derived from its machine id with hgj-kiosk's
// application id (`systemd-id128 machine-id --app-specific=65cd1e740c8f4b6d9eaf89a9891c63a8`
// prints it on the screen), 32 hex digits; "" without /etc/machine-id.
std::string screen_id();

// The line a screen logs at start about the bundle it shows (its version is its
// generated_at), so a journal read later says what each screen showed from when.
std::string shown_at_start(const LoadedBundle& shown, const std::string& source);

class Syncer {
 public:
  // `source`: a folder or an http(s):// URL of the bundle folder (or its manifest.json).
  Syncer(std::string source, BundleStore& store, SyncTiming timing, Uint32 event_type);
  ~Syncer();  // stops the worker
  Syncer(const Syncer&) = delete;
  Syncer& operator=(const Syncer&) = delete;

  void start();
  void stop();
  // Ends the worker's wait now, for a round (the status reporter's) without waiting for
  // the next poll: a screenshot just taken goes out at once. Thread-safe.
  void wake();
  // One attempt, on the calling thread (the worker, tests and --screenshot use it).
  SyncOutcome sync_once();
  // The bundle a finished sync left for the UI, or nullptr; and when the source last answered.
  std::shared_ptr<const LoadedBundle> take();
  Instant last_contact() const { return last_contact_.load(); }
  // When the last attempt began (0: none yet): the pairing screen says how it went.
  Instant last_attempt() const { return last_attempt_.load(); }
  // The last problem logged (tests); empty when the last attempt worked.
  std::string last_problem() const;
  bool is_url() const { return is_url_; }
  void set_verbose(bool v) { verbose_ = v; }
  void set_http_limits(const HttpLimits& limits) { limits_ = limits; }
  void set_log(std::function<void(const std::string&)> log) { log_ = std::move(log); }
  // Run by the worker after each of its rounds (the status report, status_report.h),
  // with the flag that says the worker is stopping.
  void set_after_round(std::function<void(const std::atomic<bool>&)> f) {
    after_round_ = std::move(f);
  }
  // Who this screen is, for the server's logs and the fleet view: its screen_id() and
  // the building it shows (either may be empty). Safe while the worker runs: a screen
  // that pairs learns its building from a bundle.
  void set_screen(std::string id, std::string building);
  // How long the worker waits after the attempt just made: the poll after a success, the
  // backoff after failures. Draws its jitter from the worker's random source.
  std::chrono::milliseconds next_wait();
  int failures_in_a_row() const { return failures_; }

 private:
  SyncOutcome sync_folder();
  SyncOutcome sync_url();
  SyncOutcome adopt(const std::filesystem::path& staging);
  SyncOutcome sync_source();
  SyncOutcome fail(const std::string& why);
  // A manifest refused for its content: remembered by `etag` so it is not fetched again.
  SyncOutcome reject(const std::string& etag, const std::string& why);
  std::vector<std::string> request_headers() const;
  void succeeded(SyncOutcome o);
  // Tells the UI thread a round ended (code 1: a new bundle is ready for take()).
  void notify(int code);
  void run();
  bool folder_changed();
  // urgent.json names other urgent notices than the shown bundle has. Missing (an older
  // publisher), unreadable or failing: false, silently — the normal poll still runs.
  bool urgent_changed();
  const std::vector<UrgentMark>& shown_urgent();
  bool plain_http() const;

  std::string source_;
  bool is_url_;
  std::string base_url_;  // with a trailing '/'
  BundleStore& store_;
  SyncTiming timing_;
  Uint32 event_type_;
  bool verbose_ = false;
  HttpLimits limits_;
  std::function<void(const std::string&)> log_;
  std::function<void(const std::atomic<bool>&)> after_round_;

  std::thread worker_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<bool> stopping_{false};
  bool woken_ = false;  // guarded by mutex_
  std::shared_ptr<const LoadedBundle> ready_;
  std::atomic<Instant> last_contact_{0};
  std::atomic<Instant> last_attempt_{0};
  std::string problem_;
  LogLimiter limiter_;
  bool problem_logged_ = false;  // a failure was logged since the last success
  int failures_ = 0;             // failed attempts in a row
  std::mt19937 random_{std::random_device{}()};
  mutable std::mutex who_mutex_;  // guards screen_ and building_
  std::string screen_, building_;
  std::string etag_, last_modified_;
  std::filesystem::file_time_type seen_mtime_{};
  std::uintmax_t seen_size_ = 0;
  bool failed_last_ = false;
  bool warned_plain_http_ = false;
  std::unique_ptr<HttpClient> urgent_http_;  // kept between urgent polls: its connection too
  std::string urgent_etag_;                  // of an urgent.json that matched what is shown
  std::string urgent_seen_;                  // a folder's urgent.json that matched
  std::string marks_manifest_;               // the shown manifest shown_marks_ were read for
  std::vector<UrgentMark> shown_marks_;
};

}  // namespace hgj::kiosk
