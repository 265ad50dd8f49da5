#include "syncer.h"

#include <cstdio>
#include <map>
#include <random>

#include "clock.h"
#include "hgj/files.h"
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

}  // namespace

Syncer::Syncer(std::string source, BundleStore& store, SyncTiming timing, Uint32 event_type)
    : source_(std::move(source)),
      is_url_(starts_with(source_, "http://") || starts_with(source_, "https://")),
      store_(store),
      timing_(timing),
      event_type_(event_type) {
  if (is_url_) {
    base_url_ = source_;
    const std::string tail = bundle_manifest_file;
    if (base_url_.size() > tail.size() && base_url_.compare(base_url_.size() - tail.size(), tail.size(), tail) == 0)
      base_url_.resize(base_url_.size() - tail.size());
    if (base_url_.back() != '/') base_url_ += '/';
    http_global_init();
  }
  log_ = [](const std::string& line) { std::fprintf(stderr, "hgj-kiosk: %s\n", line.c_str()); };
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

std::shared_ptr<const LoadedBundle> Syncer::take() {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::move(ready_);
}

std::string Syncer::last_problem() const {
  std::lock_guard<std::mutex> lock(const_cast<std::mutex&>(mutex_));
  return problem_;
}

SyncOutcome Syncer::sync_once() { return is_url_ ? sync_url() : sync_folder(); }

SyncOutcome Syncer::fail(const std::string& why) {
  const Instant now = system_now();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    problem_ = why;
  }
  // One line per problem; the same problem again only hourly, so a dead link does not fill the journal.
  if (why != logged_problem_ || now - logged_at_ >= 3600) {
    log_("bundle update failed, keeping what is shown: " + why);
    logged_problem_ = why;
    logged_at_ = now;
  }
  failed_last_ = true;
  return SyncOutcome::failed;
}

void Syncer::succeeded(SyncOutcome o) {
  const Instant now = system_now();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    problem_.clear();
  }
  if (!logged_problem_.empty()) log_("bundle source " + source_ + " works again");
  logged_problem_.clear();
  failed_last_ = false;
  last_contact_ = now;
  store_.mark_synced(now);
  if (verbose_ && o == SyncOutcome::unchanged) log_("bundle unchanged at " + source_);
  // With every sync, so the journal never reads as if this screen checked signatures.
  if (o == SyncOutcome::unchanged && store_.trust().allow_unsigned)
    log_("WARNING: --insecure-unsigned: this kiosk accepts unsigned bundles from " + source_);
  SDL_Event e{};
  e.type = event_type_;
  e.user.code = o == SyncOutcome::updated ? 1 : 0;
  if (event_type_ != 0 && event_type_ != static_cast<Uint32>(-1)) SDL_PushEvent(&e);
}

SyncOutcome Syncer::adopt(const fs::path& staging) {
  std::string why;
  std::shared_ptr<const LoadedBundle> loaded = store_.adopt(staging, why);
  if (!loaded) return fail(why);
  // Said with every new bundle, not once at start: a journal read days later still shows it.
  std::string notes, signer;
  const std::string manifest_text = read_whole_file(loaded->dir / bundle_manifest_file).value_or("");
  const SignatureVerdict verdict = check_manifest_signature(manifest_text, store_.trust().keys, signer);
  if (verdict == SignatureVerdict::good) notes += ", signed by " + signer;
  else notes += "; WARNING: unsigned, accepted only because of --insecure-unsigned";
  if (plain_http()) notes += "; WARNING: fetched over plain http";
  log_("new bundle from " + source_ + " (generated " + iso8601_utc(loaded->bundle.generated_at) + notes +
       ") is on screen");
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
  HttpLimits limits = limits_;
  limits.max_bytes = 4u << 20;  // a manifest is a list of file names
  const std::string manifest_url = base_url_ + bundle_manifest_file;
  HttpResult r = http_get(manifest_url, etag_, last_modified_, limits, &stopping_);
  if (stopping_) return SyncOutcome::failed;
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
  if (!manifest) return fail(manifest_url + ": " + error.message);
  std::string why;
  // Signature, caps and rollback before a single other byte is fetched.
  if (!store_.accepts(r.body, *manifest, why)) return fail(manifest_url + ": " + why);
  const fs::path staging = store_.fresh_staging(why);
  if (!why.empty()) return fail(why);
  if (!write_staged(staging / bundle_manifest_file, r.body, why)) return fail(why);
  const std::map<std::string, std::string> have = current_hashes(current);
  const fs::path current_dir = store_.current_dir();
  std::error_code ec;
  for (const ManifestEntry& e : manifest->files) {
    if (!is_safe_bundle_path(e.path)) return fail(manifest_url + ": unsafe path \"" + e.path + "\"");
    const fs::path to = staging / e.path;
    fs::create_directories(to.parent_path(), ec);
    auto it = have.find(e.path);
    if (it != have.end() && it->second == e.sha256 &&
        fs::copy_file(current_dir / e.path, to, fs::copy_options::overwrite_existing, ec) && !ec)
      continue;  // unchanged since the current bundle: no need to download it again
    // The signed manifest's size, not the server's: a longer answer stops at that size.
    HttpLimits file_limits = limits_;
    file_limits.max_bytes = e.bytes;
    const HttpResult f = http_get(base_url_ + e.path, "", "", file_limits, &stopping_);
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

void Syncer::run() {
  std::mt19937 random(std::random_device{}());
  bool first = true;
  Instant attempted = 0;
  while (!stopping_) {
    if (!is_url_) {
      // A folder: look again when manifest.json changes, and now and then after a failure.
      const bool retry = failed_last_ && system_now() - attempted >= timing_.retry_seconds;
      if (folder_changed() || retry || first) attempted = system_now(), sync_once();
    } else {
      sync_once();
    }
    first = false;
    int wait = timing_.watch_seconds;
    if (is_url_) {
      std::uniform_int_distribution<int> jitter(0, std::max(0, timing_.jitter_seconds));
      wait = failed_last_ ? timing_.retry_seconds : timing_.poll_seconds + jitter(random);
    }
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, std::chrono::seconds(wait), [this] { return stopping_.load(); });
  }
}

}  // namespace hgj::kiosk
