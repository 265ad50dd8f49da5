// Keeps the kiosk's bundle up to date on a worker thread: a local folder is watched
// (manifest.json's mtime), a URL is polled with ETag / If-Modified-Since. A candidate
// is checked against the store's trust first (signature, caps, rollback: nothing else
// is fetched for a refused manifest), assembled in the store's staging folder, verified
// and swapped in; the UI thread
// is told through an SDL user event and collects it with take(). Any failure keeps the
// current bundle and logs one line.
#pragma once

#include <SDL.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "bundle_store.h"
#include "http.h"

namespace hgj::kiosk {

struct SyncTiming {
  int watch_seconds = 3;    // local folder check
  int poll_seconds = 300;   // URL …
  int jitter_seconds = 30;  // … plus up to this
  int retry_seconds = 30;   // after a failure
};

enum class SyncOutcome { updated, unchanged, failed };

class Syncer {
 public:
  // `source`: a folder or an http(s):// URL of the bundle folder (or its manifest.json).
  Syncer(std::string source, BundleStore& store, SyncTiming timing, Uint32 event_type);
  ~Syncer();  // stops the worker
  Syncer(const Syncer&) = delete;
  Syncer& operator=(const Syncer&) = delete;

  void start();
  void stop();
  // One attempt, on the calling thread (the worker, tests and --screenshot use it).
  SyncOutcome sync_once();
  // The bundle a finished sync left for the UI, or nullptr; and when the source last answered.
  std::shared_ptr<const LoadedBundle> take();
  Instant last_contact() const { return last_contact_.load(); }
  // The last problem logged (tests); empty when the last attempt worked.
  std::string last_problem() const;
  bool is_url() const { return is_url_; }
  void set_verbose(bool v) { verbose_ = v; }
  void set_http_limits(const HttpLimits& limits) { limits_ = limits; }
  void set_log(std::function<void(const std::string&)> log) { log_ = std::move(log); }

 private:
  SyncOutcome sync_folder();
  SyncOutcome sync_url();
  SyncOutcome adopt(const std::filesystem::path& staging);
  SyncOutcome fail(const std::string& why);
  void succeeded(SyncOutcome o);
  void run();
  bool folder_changed();
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

  std::thread worker_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<bool> stopping_{false};
  std::shared_ptr<const LoadedBundle> ready_;
  std::atomic<Instant> last_contact_{0};
  std::string problem_, logged_problem_;
  Instant logged_at_ = 0;
  std::string etag_, last_modified_;
  std::filesystem::file_time_type seen_mtime_{};
  std::uintmax_t seen_size_ = 0;
  bool failed_last_ = false;
  bool warned_plain_http_ = false;
};

}  // namespace hgj::kiosk
