// What a screen tells the street about itself (issue #24 item 2): every few minutes a
// small JSON document PUT to `<[status] url>/<screen>.json` on the street's own nginx
// (its dav module), read back by `hgj fleet`; and a screenshot PUT to `<screen>.png` every
// screenshot_every_seconds and whenever `hgj fleet ask` names the screen in the folder's
// asks.json (polled with its ETag at the urgent-poll pace). No new server, and a status
// folder that is down or refuses never touches what the screen shows: the failure is
// logged at most hourly (log_limiter.h) and tried again at the next interval.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "bundle_store.h"
#include "frame_times.h"
#include "hgj/screen_status.h"
#include "http.h"
#include "log_limiter.h"

namespace hgj::kiosk {

// The figures of one report: the document hgj fleet reads (hgj/screen_status.h).
using StatusFacts = ScreenStatus;

// This process's resident memory from /proc/self/statm, in bytes; 0 when unreadable.
std::uint64_t resident_bytes();

// `<folder>/<screen><ext>`, the screen's id percent-encoded as one path segment (a
// screens.csv id may hold Chinese or a '/').
std::string status_file_url(const std::string& folder_url, const std::string& screen,
                            const std::string& ext = ".json");

// Where a screen pushes its figures: `<base>/metrics/job/hgj_kiosk/screen/<screen>`, the
// id as it is when plain, else base64url with Pushgateway's "@base64" suffix (a
// screens.csv id may hold '/' or Chinese).
std::string pushgateway_url(const std::string& base, const std::string& screen);

class StatusReporter {
 public:
  // `folder_url` empty: never sends. `now` is the wall clock (tests pass their own).
  StatusReporter(std::string folder_url, int interval_seconds, std::string screen,
                 std::string building, std::function<Instant()> now);
  bool enabled() const { return !folder_url_.empty() || !pushgateway_.empty(); }
  // A Prometheus Pushgateway ("http://host:9091") the same figures are pushed to with
  // each report; empty: none.
  void set_pushgateway(std::string url) { pushgateway_ = std::move(url); }
  // Screenshots every `every_seconds` (0: only when asked) and asks.json looked at every
  // `ask_seconds` (0: never). `want` is called on the worker when a picture is wanted: the
  // UI thread then takes one and hands it to offer_picture().
  void set_pictures(int every_seconds, int ask_seconds, std::function<void()> want);
  // A PNG of what the screen shows, sent at the worker's next round. Thread-safe.
  void offer_picture(std::string png);
  // One frame drawn (the UI thread): its time goes into the next report. Thread-safe.
  void frame_drawn(double ms) { frames_.add(ms); }
  void set_display(int width, int height) { width_ = width, height_ = height; }
  // The building shown, learnt from the bundle when the screen pairs; empty: pairing.
  void set_building(std::string building);
  void set_log(std::function<void(const std::string&)> log) { log_ = std::move(log); }
  // Called by the sync worker after each of its rounds: sends a picture the UI took, asks
  // for one when due or asked, and sends a report when the last one is `interval_seconds`
  // old (the first at once). True when a report was stored.
  bool after_sync(const BundleStore& store, const std::string& last_problem,
                  const std::atomic<bool>* cancel);
  // The figures a report sent now would carry.
  StatusFacts facts(const BundleStore& store, const std::string& last_problem) const;
  std::string last_problem() const;

 private:
  void push_metrics(const StatusFacts& facts, Instant now, const std::atomic<bool>* cancel);
  void send_picture(Instant now, const std::atomic<bool>* cancel);
  void ask_for_picture(Instant now, const std::atomic<bool>* cancel);
  // asks.json names this screen with a time later than its last picture and last ask.
  bool asked(const std::atomic<bool>* cancel);
  // A PUT of the folder's file `ext`: logged once an hour while it fails.
  bool put(const std::string& ext, const std::string& body, const std::string& type,
           std::uint64_t max_bytes, Instant now, bool& failing, const std::atomic<bool>* cancel);

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
  std::string picture_;  // taken by the UI thread, not yet sent; guarded by mutex_
  FrameTimer frames_;
  // Screenshots, all on the worker.
  Instant picture_every_ = 0, ask_every_ = 0;
  std::function<void()> want_picture_;
  Instant picture_sent_ = 0;    // last stored
  Instant picture_tried_ = 0;   // last sent, stored or not
  Instant picture_wanted_ = 0;  // the UI was asked for one then; 0: not waiting
  Instant asks_polled_ = 0;
  Instant ask_answered_ = 0;               // the ask time of the last ask answered
  std::unique_ptr<HttpClient> asks_http_;  // kept: its connection too
  std::string asks_etag_;
  bool picture_failing_ = false;
  std::string pushgateway_;
  bool push_failing_ = false;
};

}  // namespace hgj::kiosk
