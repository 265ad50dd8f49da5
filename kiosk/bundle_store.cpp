#include "bundle_store.h"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "hgj/files.h"

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

bool BundleStore::prepare(std::string& why) {
  std::error_code ec;
  fs::create_directories(root_ / "bundles", ec);
  if (ec) return why = root_.string() + ": cannot create the state folder: " + ec.message(), false;
  return true;
}

fs::path BundleStore::current_dir() const {
  std::error_code ec;
  const fs::path target = fs::read_symlink(root_ / "current", ec);
  if (ec) return {};
  return target.is_absolute() ? target : root_ / target;
}

std::shared_ptr<const LoadedBundle> BundleStore::load_current(std::string& why) const {
  const fs::path dir = current_dir();
  if (dir.empty()) return why = "no bundle kept in " + root_.string() + " yet", nullptr;
  std::optional<Bundle> b = read_bundle(dir, why);
  if (!b) return why = "kept bundle " + dir.string() + ": " + why, nullptr;
  return std::make_shared<const LoadedBundle>(LoadedBundle{std::move(*b), dir});
}

std::string BundleStore::current_manifest() const {
  const fs::path dir = current_dir();
  return dir.empty() ? std::string() : read_file(dir / bundle_manifest_file);
}

fs::path BundleStore::fresh_staging(std::string& why) {
  const fs::path staging = root_ / "staging";
  std::error_code ec;
  fs::remove_all(staging, ec);
  fs::create_directories(staging, ec);
  if (ec) why = staging.string() + ": " + ec.message();
  return staging;
}

std::shared_ptr<const LoadedBundle> BundleStore::adopt(const fs::path& staging, std::string& why) {
  std::error_code ec;
  std::optional<Bundle> bundle = read_bundle(staging, why);
  if (!bundle) {
    fs::remove_all(staging, ec);
    return nullptr;
  }
  // A name no earlier bundle used: the time in microseconds.
  const auto stamp = std::chrono::duration_cast<std::chrono::microseconds>(
                         std::chrono::system_clock::now().time_since_epoch()).count();
  const std::string name = std::to_string(stamp);
  const fs::path final_dir = root_ / "bundles" / name;
  const fs::path previous = current_dir();
  fs::rename(staging, final_dir, ec);
  if (ec) return why = "cannot keep the new bundle in " + final_dir.string() + ": " + ec.message(), nullptr;
  // Swap: a new symlink renamed over the old one is atomic; a power cut leaves one or the other.
  const fs::path link_tmp = root_ / "current.new";
  fs::remove(link_tmp, ec);
  fs::create_directory_symlink(fs::path("bundles") / name, link_tmp, ec);
  if (!ec) fs::rename(link_tmp, root_ / "current", ec);
  if (ec) return why = "cannot switch " + (root_ / "current").string() + ": " + ec.message(), nullptr;
  ::sync();
  prune(final_dir, previous);
  return std::make_shared<const LoadedBundle>(LoadedBundle{std::move(*bundle), final_dir});
}

void BundleStore::prune(const fs::path& keep_a, const fs::path& keep_b) {
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(root_ / "bundles", ec)) {
    if (e.path() == keep_a || e.path() == keep_b) continue;
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
  if (manifest_text.empty()) return why = (source / bundle_manifest_file).string() + ": missing or empty", false;
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
    if (ec && fs::exists(source / e.path)) return why = to.string() + ": cannot write (" + ec.message() + ")", false;
    if (ec) return why = (source / e.path).string() + ": " + ec.message(), false;
  }
  return true;
}

}  // namespace hgj::kiosk
