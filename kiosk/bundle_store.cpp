#include "bundle_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "hgj/files.h"
#include "hgj/sha256.h"

namespace hgj::kiosk {

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) { return read_whole_file(p).value_or(std::string()); }

}  // namespace

fs::path default_state_dir() {
  if (const char* d = std::getenv("STATE_DIRECTORY"); d && *d) return fs::path(d);
  if (const char* d = std::getenv("XDG_STATE_HOME"); d && *d) return fs::path(d) / "hgj-kiosk";
  if (const char* h = std::getenv("HOME"); h && *h) return fs::path(h) / ".local/state/hgj-kiosk";
  return fs::path("/tmp") / ("hgj-kiosk-" + std::to_string(getuid()));
}

BundleStore::BundleStore(fs::path state_dir) : root_(std::move(state_dir)) {}

bool BundleStore::make_folders(std::string& why) {
  std::error_code ec;
  fs::create_directories(root_ / "bundles", ec);
  if (ec) return why = root_.string() + ": cannot create the state folder: " + ec.message(), false;
  return true;
}

bool BundleStore::prepare(std::string& why) {
  if (!make_folders(why)) return false;
  // Only names this store writes: staging/ and the temporary "<name>.new" of a swap.
  discard_staging();
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(root_, ec)) {
    const std::string name = e.path().filename().string();
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".new") == 0) fs::remove(e.path(), ec);
  }
  return true;
}

void BundleStore::discard_staging() {
  std::error_code ec;
  fs::remove_all(root_ / "staging", ec);
}

std::string BundleStore::trust_fingerprint() const {
  std::vector<std::string> ids;
  for (const PublicKey& k : trust_.keys) ids.push_back(k.id);
  std::sort(ids.begin(), ids.end());
  std::string text = trust_.allow_unsigned ? "unsigned-ok" : "signed-only";
  text += " " + std::to_string(trust_.limits.max_file_bytes) + " " +
          std::to_string(trust_.limits.max_total_bytes);
  for (const std::string& id : ids) text += " " + id;
  return sha256_hex(text);
}

void BundleStore::remember_rejection(const Rejection& r) {
  // One line each; a line break inside a value would shift the others, so none is kept.
  auto line = [](std::string v) {
    for (char& c : v)
      if (c == '\n' || c == '\r') c = ' ';
    return v + "\n";
  };
  std::string ignored;
  std::error_code ec;
  if (write_staged(root_ / "rejected.new",
                   line(r.source) + line(r.etag) + line(trust_fingerprint()) + line(r.why),
                   ignored))
    fs::rename(root_ / "rejected.new", root_ / "rejected", ec);
}

std::optional<BundleStore::Rejection> BundleStore::rejection(const std::string& source) const {
  std::istringstream in(read_file(root_ / "rejected"));
  Rejection r;
  std::string trust;
  if (!std::getline(in, r.source) || !std::getline(in, r.etag) || !std::getline(in, trust) ||
      !std::getline(in, r.why))
    return std::nullopt;
  if (r.source != source || r.etag.empty() || trust != trust_fingerprint()) return std::nullopt;
  return r;
}

void BundleStore::forget_rejection() {
  std::error_code ec;
  fs::remove(root_ / "rejected", ec);
}

fs::path BundleStore::link_target(const char* link) const {
  std::error_code ec;
  const fs::path target = fs::read_symlink(root_ / link, ec);
  if (ec) return {};
  return target.is_absolute() ? target : root_ / target;
}

fs::path BundleStore::current_dir() const { return link_target("current"); }

std::shared_ptr<const LoadedBundle> BundleStore::load_current(std::string& why) const {
  const fs::path dir = current_dir();
  if (dir.empty()) return why = "no bundle kept in " + root_.string() + " yet", nullptr;
  // Checked again under today's trust: a disk can rot, and a key removed after a leak
  // no longer vouches for what it signed.
  BundleError error;
  std::optional<Bundle> b = read_bundle(dir, trust_, error);
  if (!b) return why = "kept bundle " + dir.string() + ": " + error.message, nullptr;
  return std::make_shared<const LoadedBundle>(LoadedBundle{std::move(*b), dir});
}

std::string BundleStore::current_manifest() const {
  const fs::path dir = current_dir();
  return dir.empty() ? std::string() : read_file(dir / bundle_manifest_file);
}

bool BundleStore::accepts(std::string_view manifest_text, const Manifest& manifest,
                          std::string& why) const {
  BundleError error;
  if (!check_manifest_trust(manifest_text, manifest, trust_, error))
    return why = error.message, false;
  // Only a bundle still trusted holds newer ones back: one signed with a key since removed
  // (a leak, with a generated_at in the far future) must not block every honest one.
  const std::string shown_text = current_manifest();
  BundleError ignored;
  std::optional<Manifest> shown = parse_manifest(shown_text, ignored);
  if (shown && !check_manifest_trust(shown_text, *shown, trust_, ignored)) shown.reset();
  if (shown && manifest.generated_at < shown->generated_at)
    return why = "manifest.json: generated " + iso8601_utc(manifest.generated_at) +
                 ", older than the bundle on screen (" + iso8601_utc(shown->generated_at) +
                 "): refused as a rollback",
           false;
  const std::string digest = sha256_hex(manifest_text);
  std::istringstream refused(read_file(root_ / "refused"));
  for (std::string line; std::getline(refused, line);) {
    if (line == digest)
      return why = "manifest.json: the bundle generated " + iso8601_utc(manifest.generated_at) +
                   " crashed this kiosk twice; waiting for a newer one",
             false;
  }
  return true;
}

fs::path BundleStore::fresh_staging(std::string& why) {
  const fs::path staging = root_ / "staging";
  std::error_code ec;
  fs::remove_all(staging, ec);
  fs::create_directories(staging, ec);
  if (ec) why = staging.string() + ": " + ec.message();
  return staging;
}

void BundleStore::sync_root() const {
  // The folder's entries (the renamed bundle, the swapped links) reach the disk.
  for (const fs::path& dir : {root_ / "bundles", root_}) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) ::fsync(fd), ::close(fd);
  }
}

// Points `link` at `target` (inside bundles/): a new symlink renamed over the old one is
// atomic; a power cut leaves one or the other.
bool BundleStore::point(const char* link, const fs::path& target, std::string& why) {
  std::error_code ec;
  const fs::path temp = root_ / (std::string(link) + ".new");
  fs::remove(temp, ec);
  fs::create_directory_symlink(fs::path("bundles") / target.filename(), temp, ec);
  if (!ec) fs::rename(temp, root_ / link, ec);
  if (ec) return why = "cannot switch " + (root_ / link).string() + ": " + ec.message(), false;
  return true;
}

std::shared_ptr<const LoadedBundle> BundleStore::adopt(const fs::path& staging, std::string& why) {
  std::error_code ec;
  BundleError error;
  std::optional<Bundle> bundle = read_bundle(staging, trust_, error);
  const std::string manifest_text = read_file(staging / bundle_manifest_file);
  BundleError ignored;
  const std::optional<Manifest> manifest = parse_manifest(manifest_text, ignored);
  if (!bundle) why = error.message;
  if (!bundle || !manifest || !accepts(manifest_text, *manifest, why)) {
    fs::remove_all(staging, ec);
    return nullptr;
  }
  const fs::path bundles = root_ / "bundles";
  if (fs::is_symlink(bundles, ec)) {
    fs::remove_all(staging, ec);
    return why = bundles.string() +
                 ": a symlink, not a folder this kiosk made; refusing to write through it",
           nullptr;
  }
  // Every byte of the new bundle on disk before anything points at it: one syncfs of the
  // state folder's file system costs less than an fsync per photo.
  if (const int fd = ::open(staging.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); fd >= 0) {
    ::syncfs(fd);
    ::close(fd);
  }
  // A name no earlier bundle used: the time in microseconds.
  const auto stamp = std::chrono::duration_cast<std::chrono::microseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  const fs::path final_dir = root_ / "bundles" / std::to_string(stamp);
  const fs::path previous = current_dir();
  fs::rename(staging, final_dir, ec);
  if (ec)
    return why = "cannot keep the new bundle in " + final_dir.string() + ": " + ec.message(),
           nullptr;
  if (!previous.empty() && !point("previous", previous, why)) return nullptr;
  if (!point("current", final_dir, why)) return nullptr;
  sync_root();
  prune(final_dir, previous);
  return std::make_shared<const LoadedBundle>(LoadedBundle{std::move(*bundle), final_dir});
}

std::string BundleStore::begin_attempt() {
  const fs::path current = current_dir();
  if (current.empty()) return {};
  const std::string name = current.filename().string();
  std::istringstream in(read_file(root_ / "attempts"));
  std::string seen;
  int count = 0;
  in >> seen >> count;
  if (seen != name || !in) count = 0;
  const fs::path previous = link_target("previous");
  std::error_code ec;
  std::string why, line, name_now = name;
  if (count >= 2 && !previous.empty() && previous != current && fs::is_directory(previous, ec)) {
    BundleError ignored;
    const std::string bad = current_manifest();
    const std::optional<Manifest> bad_manifest = parse_manifest(bad, ignored);
    const std::optional<Manifest> good_manifest =
        parse_manifest(read_file(previous / bundle_manifest_file), ignored);
    std::ofstream(root_ / "refused", std::ios::app) << sha256_hex(bad) << "\n";
    if (point("current", previous, why)) {
      fs::remove(root_ / "previous", ec);
      line = "the bundle generated " +
             (bad_manifest ? iso8601_utc(bad_manifest->generated_at) : name) +
             " stopped this kiosk " + std::to_string(count) +
             " times before it ran; back to the one generated " +
             (good_manifest ? iso8601_utc(good_manifest->generated_at)
                            : previous.filename().string()) +
             " (the bad one is refused until a newer bundle arrives)";
      name_now = previous.filename().string();
      count = 0;  // this start is the good bundle's first
      sync_root();
    } else {
      line = why;
    }
  }
  // Not fsynced: what this counts are crashes of the program, which the page cache
  // outlives; a power cut that loses a count costs one more restart at most.
  std::string ignored_why;
  write_staged(root_ / "attempts.new", name_now + " " + std::to_string(count + 1) + "\n",
               ignored_why);
  fs::rename(root_ / "attempts.new", root_ / "attempts", ec);
  return line;
}

void BundleStore::end_attempt() {
  std::error_code ec;
  fs::remove(root_ / "attempts", ec);
}

void BundleStore::prune(const fs::path& keep_a, const fs::path& keep_b) {
  // Only real folders this store made (named by a number) inside a real bundles/: a
  // symlinked bundles/ or a link inside it points at someone else's files.
  std::error_code ec;
  const fs::path bundles = root_ / "bundles";
  if (!fs::is_directory(fs::symlink_status(bundles, ec))) return;
  for (const fs::directory_entry& e : fs::directory_iterator(bundles, ec)) {
    if (e.path() == keep_a || e.path() == keep_b) continue;
    const std::string name = e.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    if (!fs::is_directory(fs::symlink_status(e.path(), ec))) continue;
    fs::remove_all(e.path(), ec);
  }
}

void BundleStore::mark_synced(Instant t) {
  std::ofstream(root_ / "last_sync", std::ios::trunc) << t << "\n";
}

Instant BundleStore::last_synced() const {
  std::ifstream in(root_ / "last_sync");
  Instant t = 0;
  in >> t;
  return in ? t : 0;
}

bool write_staged(const fs::path& file, std::string_view bytes, std::string& why) {
  errno = 0;
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (out) return true;
  why = file.string() + ": cannot write (" + (errno ? std::strerror(errno) : "write failed") + ")";
  return false;
}

bool copy_bundle(const fs::path& source, const fs::path& staging, std::string& why) {
  const std::string manifest_text = read_file(source / bundle_manifest_file);
  if (manifest_text.empty())
    return why = (source / bundle_manifest_file).string() + ": missing or empty", false;
  BundleError error;
  const std::optional<Manifest> manifest = parse_manifest(manifest_text, error);
  if (!manifest) return why = error.message, false;
  std::error_code ec;
  if (!write_staged(staging / bundle_manifest_file, manifest_text, why)) return false;
  for (const ManifestEntry& e : manifest->files) {
    if (!is_safe_bundle_path(e.path)) return why = e.path + ": unsafe path in manifest.json", false;
    const fs::path to = staging / e.path;
    fs::create_directories(to.parent_path(), ec);
    fs::copy_file(source / e.path, to, fs::copy_options::overwrite_existing, ec);
    // The source or the staging copy: say which, a full staging disk is not the publisher's fault.
    if (ec && fs::exists(source / e.path))
      return why = to.string() + ": cannot write (" + ec.message() + ")", false;
    if (ec) return why = (source / e.path).string() + ": " + ec.message(), false;
  }
  return true;
}

}  // namespace hgj::kiosk
