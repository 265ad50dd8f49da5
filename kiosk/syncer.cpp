#include "syncer.h"

#include <systemd/sd-id128.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "backoff.h"
#include "clock.h"
#include "hgj/files.h"
#include "hgj/language.h"
#include "hgj/sha256.h"

namespace hgj::kiosk {

namespace fs = std::filesystem;

namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// The SHA-256 each path has in the current bundle, to reuse unchanged files.
std::map<std::string, std::string> current_hashes(const std::string& manifest_text) {
  std::map<std::string, std::string> hashes;
  BundleError error;
  if (const auto m = parse_manifest(manifest_text, error)) {
    for (const ManifestEntry& e : m->files) hashes[e.path] = e.sha256;
  }
  return hashes;
}

// A header value as plain ASCII: other bytes (a building id in Chinese) percent-encoded.
std::string header_value(const std::string& text) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c > 0x20 && c < 0x7f && c != '%')
      out += ch;
    else
      out += '%', out += hex[c >> 4], out += hex[c & 15];
  }
  return out;
}

}  // namespace

std::string screen_id() {
  // hgj-kiosk's own application id: the same on every screen, so each screen's id is
  // stable, and the machine id itself (confidential, machine-id(5)) never leaves it.
  constexpr sd_id128_t app =
      SD_ID128_MAKE(65, cd, 1e, 74, 0c, 8f, 4b, 6d, 9e, af, 89, a9, 89, 1c, 63, a8);
  sd_id128_t id;
  if (sd_id128_get_machine_app_specific(app, &id) < 0) return {};
  char text[SD_ID128_STRING_MAX];
  return sd_id128_to_string(id, text);
}

std::string shown_at_start(const LoadedBundle& shown, const std::string& source) {
  const std::string when = iso8601_utc(shown.bundle.generated_at);
  return say("开机显示的数据包：生成于 " + when + "，来源 " + source + "（保存在 " +
                 shown.dir.string() + "）",
             "at start showing the bundle generated " + when + " from " + source + " (kept in " +
                 shown.dir.string() + ")");
}

Syncer::Syncer(std::string source, BundleStore& store, SyncTiming timing, Uint32 event_type)
    : source_(std::move(source)),
      is_url_(starts_with(source_, "http://") || starts_with(source_, "https://")),
      store_(store),
      timing_(timing),
      event_type_(event_type) {
  if (is_url_) {
    base_url_ = source_;
    const std::string tail = bundle_manifest_file;
    if (base_url_.size() > tail.size() &&
        base_url_.compare(base_url_.size() - tail.size(), tail.size(), tail) == 0)
      base_url_.resize(base_url_.size() - tail.size());
    if (base_url_.back() != '/') base_url_ += '/';
    http_global_init();
  }
  log_ = [](const std::string& line) { std::fprintf(stderr, "hgj-kiosk: %s\n", line.c_str()); };
}

void Syncer::set_screen(std::string id, std::string building) {
  std::lock_guard<std::mutex> lock(who_mutex_);
  screen_ = header_value(id);
  building_ = header_value(building);
}

std::vector<std::string> Syncer::request_headers() const {
  std::vector<std::string> headers;
  {
    std::lock_guard<std::mutex> lock(who_mutex_);
    if (!screen_.empty()) headers.push_back("X-HGJ-Screen: " + screen_);
    if (!building_.empty()) headers.push_back("X-HGJ-Building: " + building_);
  }
  BundleError ignored;
  const std::optional<Manifest> shown = parse_manifest(store_.current_manifest(), ignored);
  headers.push_back("X-HGJ-Bundle: " +
                    (shown ? header_value(shown->generated_at_iso) : std::string("none")));
  return headers;
}

Syncer::~Syncer() { stop(); }

void Syncer::start() {
  if (worker_.joinable()) return;
  stopping_ = false;
  worker_ = std::thread([this] { run(); });
}

void Syncer::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void Syncer::wake() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

std::shared_ptr<const LoadedBundle> Syncer::take() {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::move(ready_);
}

std::string Syncer::last_problem() const {
  std::lock_guard<std::mutex> lock(const_cast<std::mutex&>(mutex_));
  return problem_;
}

SyncOutcome Syncer::sync_once() {
  last_attempt_ = system_now();
  const SyncOutcome o = sync_source();
  // Whatever stopped the sync, nothing half-downloaded stays in the state folder.
  store_.discard_staging();
  return o;
}

SyncOutcome Syncer::sync_source() {
  // Deleted while running (a cleanup script, an operator): made again rather than
  // failing every sync until a restart.
  std::string why;
  if (!store_.make_folders(why)) return fail(why);
  return is_url_ ? sync_url() : sync_folder();
}

SyncOutcome Syncer::fail(const std::string& why) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    problem_ = why;
  }
  // The same problem at most hourly, whatever file or URL it names: a dead link or a
  // full disk does not fill the journal.
  if (limiter_.allow(why, system_now())) {
    log_("bundle update failed, keeping what is shown: " + why);
    problem_logged_ = true;
  }
  failed_last_ = true;
  ++failures_;
  notify(0);  // a screen that pairs shows how the attempt went
  return SyncOutcome::failed;
}

SyncOutcome Syncer::reject(const std::string& etag, const std::string& why) {
  // Only with an ETag: without one the server cannot say "still the same" (a 304).
  if (!etag.empty()) store_.remember_rejection({source_, etag, why});
  return fail(why);
}

std::chrono::milliseconds Syncer::next_wait() {
  int seconds = timing_.watch_seconds;
  if (failed_last_ && !timing_.backoff) {
    seconds = timing_.retry_seconds;
  } else if (failed_last_) {
    // Never slower than the normal poll: a screen whose server returns is back within one.
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    seconds =
        retry_delay_seconds(failures_, timing_.retry_seconds,
                            std::max(timing_.retry_seconds, timing_.poll_seconds), unit(random_));
  } else if (is_url_) {
    std::uniform_int_distribution<int> jitter(0, std::max(0, timing_.jitter_seconds));
    seconds = timing_.poll_seconds + jitter(random_);
  }
  return std::chrono::milliseconds(static_cast<std::int64_t>(seconds) * timing_.unit_ms);
}

void Syncer::succeeded(SyncOutcome o) {
  const Instant now = system_now();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    problem_.clear();
  }
  if (problem_logged_) log_("bundle source " + source_ + " works again");
  problem_logged_ = false;
  failed_last_ = false;
  failures_ = 0;
  last_contact_ = now;
  store_.mark_synced(now);
  if (verbose_ && o == SyncOutcome::unchanged) log_("bundle unchanged at " + source_);
  // With every sync, so the journal never reads as if this screen checked signatures.
  if (o == SyncOutcome::unchanged && store_.trust().allow_unsigned)
    log_("WARNING: --insecure-unsigned: this kiosk accepts unsigned bundles from " + source_);
  notify(o == SyncOutcome::updated ? 1 : 0);
}

void Syncer::notify(int code) {
  SDL_Event e{};
  e.type = event_type_;
  e.user.code = code;
  if (event_type_ != 0 && event_type_ != static_cast<Uint32>(-1)) SDL_PushEvent(&e);
}

SyncOutcome Syncer::adopt(const fs::path& staging) {
  std::string why;
  std::shared_ptr<const LoadedBundle> loaded = store_.adopt(staging, why);
  if (!loaded) return fail(why);
  // Said with every new bundle, not once at start: a journal read days later still shows it.
  std::string notes, signer;
  const std::string manifest_text =
      read_whole_file(loaded->dir / bundle_manifest_file).value_or("");
  const SignatureVerdict verdict =
      check_manifest_signature(manifest_text, store_.trust().keys, signer);
  if (verdict == SignatureVerdict::good)
    notes += ", signed by " + signer;
  else
    notes += "; WARNING: unsigned, accepted only because of --insecure-unsigned";
  if (plain_http()) notes += "; WARNING: fetched over plain http";
  log_("new bundle from " + source_ + " (generated " + iso8601_utc(loaded->bundle.generated_at) +
       notes + ") is on screen");
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ready_ = std::move(loaded);
  }
  succeeded(SyncOutcome::updated);
  return SyncOutcome::updated;
}

bool Syncer::folder_changed() {
  std::error_code ec;
  const fs::path manifest = fs::path(source_) / bundle_manifest_file;
  const auto mtime = fs::last_write_time(manifest, ec);
  const auto size = ec ? 0 : fs::file_size(manifest, ec);
  if (ec) return true;  // missing: let sync_folder() say so
  const bool changed = mtime != seen_mtime_ || size != seen_size_;
  seen_mtime_ = mtime;
  seen_size_ = size;
  return changed;
}

SyncOutcome Syncer::sync_folder() {
  const std::optional<std::string> manifest_bytes =
      read_whole_file(fs::path(source_) / bundle_manifest_file);
  if (!manifest_bytes)
    return fail(source_ + ": no " + bundle_manifest_file +
                " (not a bundle folder, or not published yet)");
  const std::string& manifest = *manifest_bytes;
  if (!manifest.empty() && manifest == store_.current_manifest()) {
    succeeded(SyncOutcome::unchanged);
    return SyncOutcome::unchanged;
  }
  BundleError error;
  const std::optional<Manifest> parsed = parse_manifest(manifest, error);
  if (!parsed) return fail(source_ + ": " + error.message);
  std::string why;
  if (!store_.accepts(manifest, *parsed, why)) return fail(source_ + ": " + why);
  const fs::path staging = store_.fresh_staging(why);
  if (!why.empty()) return fail(why);
  if (!copy_bundle(source_, staging, why)) return fail(source_ + ": " + why);
  return adopt(staging);
}

bool Syncer::plain_http() const { return starts_with(source_, "http://"); }

SyncOutcome Syncer::sync_url() {
  if (plain_http() && !warned_plain_http_) {
    log_("WARNING: syncing over plain http from " + source_ +
         ": anyone on the way can read the data and hold updates back (the signature still stops "
         "changes); serve the bundle over https");
    warned_plain_http_ = true;
  }
  // Nothing kept (a first start, or the state folder deleted while running): the whole
  // bundle is fetched, not a 304 for what this screen no longer has.
  if (store_.current_dir().empty()) etag_.clear(), last_modified_.clear();
  HttpClient http;  // one kept-alive connection for this sync, closed when it ends
  http.set_headers(request_headers());
  HttpLimits limits = limits_;
  limits.max_bytes = 4u << 20;  // a manifest is a list of file names
  const std::string manifest_url = base_url_ + bundle_manifest_file;
  // After a refused bundle, asked for only if it changed: its ETag, not the shown one's.
  const std::optional<BundleStore::Rejection> rejected = store_.rejection(source_);
  HttpResult r = rejected ? http.get(manifest_url, rejected->etag, "", limits, &stopping_)
                          : http.get(manifest_url, etag_, last_modified_, limits, &stopping_);
  if (stopping_) return SyncOutcome::failed;
  // Still the refused bundle (a server ignoring If-None-Match says so by the ETag).
  if (rejected && (r.not_modified() || (r.ok() && r.etag == rejected->etag)))
    return fail(rejected->why);
  if (rejected && r.ok()) store_.forget_rejection();
  if (r.not_modified()) {
    succeeded(SyncOutcome::unchanged);
    return SyncOutcome::unchanged;
  }
  if (!r.ok()) return fail(manifest_url + ": " + describe(r));
  const std::string current = store_.current_manifest();
  if (r.body == current) {
    etag_ = r.etag;
    last_modified_ = r.last_modified;
    succeeded(SyncOutcome::unchanged);
    return SyncOutcome::unchanged;
  }
  BundleError error;
  const std::optional<Manifest> manifest = parse_manifest(r.body, error);
  if (!manifest) return reject(r.etag, manifest_url + ": " + error.message);
  std::string why;
  // Signature, caps and rollback before a single other byte is fetched.
  if (!store_.accepts(r.body, *manifest, why)) return reject(r.etag, manifest_url + ": " + why);
  const fs::path staging = store_.fresh_staging(why);
  if (!why.empty()) return fail(why);
  if (!write_staged(staging / bundle_manifest_file, r.body, why)) return fail(why);
  const std::map<std::string, std::string> have = current_hashes(current);
  const fs::path current_dir = store_.current_dir();
  std::error_code ec;
  for (const ManifestEntry& e : manifest->files) {
    if (!is_safe_bundle_path(e.path))
      return reject(r.etag, manifest_url + ": unsafe path \"" + e.path + "\"");
    const fs::path to = staging / e.path;
    fs::create_directories(to.parent_path(), ec);
    auto it = have.find(e.path);
    if (it != have.end() && it->second == e.sha256 &&
        fs::copy_file(current_dir / e.path, to, fs::copy_options::overwrite_existing, ec) && !ec)
      continue;  // unchanged since the current bundle: no need to download it again
    // The signed manifest's size, not the server's: a longer answer stops at that size.
    HttpLimits file_limits = limits_;
    file_limits.max_bytes = e.bytes;
    const HttpResult f = http.get(base_url_ + e.path, "", "", file_limits, &stopping_);
    if (stopping_) return SyncOutcome::failed;
    if (!f.ok()) return fail(base_url_ + e.path + ": " + describe(f));
    if (!write_staged(to, f.body, why)) return fail(why);
  }
  const SyncOutcome o = adopt(staging);
  if (o == SyncOutcome::updated) {
    etag_ = r.etag;
    last_modified_ = r.last_modified;
  }
  return o;
}

const std::vector<UrgentMark>& Syncer::shown_urgent() {
  const std::string manifest = store_.current_manifest();
  if (manifest != marks_manifest_) {
    marks_manifest_ = manifest;
    shown_marks_.clear();
    BundleError ignored;
    if (const auto text = read_whole_file(store_.current_dir() / bundle_data_file))
      if (const std::optional<Bundle> b = parse_bundle(*text, ignored))
        shown_marks_ = urgent_marks(*b);
  }
  return shown_marks_;
}

bool Syncer::urgent_changed() {
  if (timing_.urgent_poll_seconds <= 0 || failed_last_) return false;  // the backoff decides then
  std::string text, etag;
  if (is_url_) {
    if (!urgent_http_) urgent_http_ = std::make_unique<HttpClient>();
    urgent_http_->set_headers(request_headers());
    HttpLimits limits = limits_;
    limits.max_bytes = 64u << 10;  // a few ids and dates
    HttpResult r =
        urgent_http_->get(base_url_ + bundle_urgent_file, urgent_etag_, "", limits, &stopping_);
    if (!r.ok()) return false;  // 304, 404 from an older publisher, or down: the poll tells
    text = std::move(r.body);
    etag = std::move(r.etag);
  } else {
    const std::optional<std::string> read = read_whole_file(fs::path(source_) / bundle_urgent_file);
    if (!read || *read == urgent_seen_) return false;
    text = *read;
  }
  const std::optional<std::vector<UrgentMark>> marks = parse_urgent(text);
  if (!marks) return false;
  const bool differs = *marks != shown_urgent();
  // Remembered only once it matches: until the bundle it names is shown, every urgent
  // poll fetches it again and tries again.
  if (!differs) urgent_etag_ = etag, urgent_seen_ = text;
  return differs;
}

void Syncer::run() {
  using Clock = std::chrono::steady_clock;
  bool first = true;
  Clock::time_point retry_at = Clock::time_point::max();
  Clock::time_point poll_at = Clock::now();
  const std::chrono::milliseconds urgent_every(
      static_cast<std::int64_t>(timing_.urgent_poll_seconds) * timing_.unit_ms);
  while (!stopping_) {
    std::chrono::milliseconds wait{0};
    if (is_url_) {
      // The full poll when due; between polls only urgent.json, at its own pace.
      if (Clock::now() >= poll_at || urgent_changed()) {
        sync_once();
        poll_at = Clock::now() + next_wait();
      }
      wait = std::chrono::duration_cast<std::chrono::milliseconds>(poll_at - Clock::now());
      if (timing_.urgent_poll_seconds > 0 && !failed_last_) wait = std::min(wait, urgent_every);
      wait = std::max(wait, std::chrono::milliseconds(0));
    } else {
      // A folder: looked at again when manifest.json or urgent.json changes, and after a
      // failure on the same backoff schedule as a URL.
      const bool changed = folder_changed();
      if (changed || first || (failed_last_ && Clock::now() >= retry_at) || urgent_changed()) {
        sync_once();
        retry_at = failed_last_ ? Clock::now() + next_wait() : Clock::time_point::max();
      }
      wait = std::chrono::milliseconds(static_cast<std::int64_t>(timing_.watch_seconds) *
                                       timing_.unit_ms);
    }
    first = false;
    if (after_round_ && !stopping_) after_round_(stopping_);
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, wait, [this] { return stopping_.load() || woken_; });
    woken_ = false;
  }
}

}  // namespace hgj::kiosk
