// The bundle stage in order: assemble → images → bundle.json → manifest.json (so a
// folder with a manifest is complete) → urgent.json (after it: a screen it makes sync
// finds the manifest there) → read back as the kiosk would.
#include "bundle/write_bundle.h"

#include <chrono>
#include <cstdint>

#include "bundle/bundle_images.h"
#include "hgj/language.h"
#include "hgj/sha256.h"
#include "publish.h"

namespace hgj {

namespace fs = std::filesystem;

std::optional<std::string> future_generated_at(Instant generated_at, Instant machine_now) {
  const Instant ahead = generated_at - machine_now;
  if (ahead <= future_generated_at_slack) return std::nullopt;
  std::string zh, en;
  if (ahead >= 86400)
    zh = std::to_string(ahead / 86400) + " 天", en = std::to_string(ahead / 86400) + " days";
  else if (ahead >= 3600)
    zh = std::to_string(ahead / 3600) + " 小时", en = std::to_string(ahead / 3600) + " hours";
  else
    zh = std::to_string(ahead / 60) + " 分钟", en = std::to_string(ahead / 60) + " minutes";
  const std::string when = iso8601_utc(generated_at);
  return say("数据包的生成时间 " + when + " 比本机时钟快 " + zh +
                 "：各屏幕仍按自己的时钟显示时间和夜间模式，但请检查 SOURCE_DATE_EPOCH 和本机时间",
             "the bundle's generated_at " + when + " is " + en +
                 " ahead of this machine's clock: screens still go by their own clocks for the "
                 "time and night "
                 "mode, but check SOURCE_DATE_EPOCH and this machine's time");
}

void BundleFiles::write(const fs::path& out_dir, const std::string& relative,
                        std::string_view bytes) {
  if (!is_safe_bundle_path(relative))
    throw std::runtime_error(relative + ": not a safe bundle path");
  count(write_file(out_dir / relative, bytes));
  ManifestEntry entry{relative, sha256_hex(bytes), bytes.size()};
  std::lock_guard lock(mutex_);
  entries_[relative] = std::move(entry);
}

std::vector<ManifestEntry> BundleFiles::entries() const {
  std::lock_guard lock(mutex_);
  std::vector<ManifestEntry> sorted;
  for (const auto& [path, entry] : entries_) sorted.push_back(entry);
  return sorted;
}

bool write_kiosk_bundle(const Content& content, const BundleOptions& options,
                        const fs::path& out_dir, DiagnosticSink& sink, BundleFiles* files) {
  BundleFiles own;
  BundleFiles& counts = files ? *files : own;
  const std::size_t errors_before = sink.error_count();
  const SourceLocation where{out_dir.generic_string(), 0, 0};
  const Instant machine_now = std::chrono::duration_cast<std::chrono::seconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count();
  if (const std::optional<std::string> ahead = future_generated_at(options.now, machine_now))
    sink.warning({"SOURCE_DATE_EPOCH", 0, 0}, *ahead);
  try {
    fs::create_directories(out_dir);
    Bundle bundle = assemble_bundle(content, options);
    write_bundle_images(content, options, bundle, out_dir, sink, counts);
    if (sink.error_count() > errors_before) return false;
    counts.write(out_dir, bundle_data_file, bundle_to_json(bundle));
    if (options.before_manifest) options.before_manifest();
    // The folder holds exactly what was written (before_manifest() saw to a reused one):
    // listed from what the writers put there, as make_manifest() would find it.
    Manifest listed;
    listed.generated_at = options.now;
    listed.generated_at_iso = iso8601_utc(options.now);
    listed.files = counts.entries();
    std::string manifest = manifest_to_json(listed);
    if (options.signing_key) manifest = sign_manifest(manifest, *options.signing_key);
    counts.count(write_file(out_dir / bundle_manifest_file, manifest));
    counts.count(write_file(out_dir / bundle_urgent_file, urgent_to_json(bundle)));
  } catch (const std::exception& e) {
    sink.error(where, std::string("cannot write the kiosk bundle: ") + e.what());
    return false;
  }
  // A bundle this program cannot read back is a bug here, not bad content; better to
  // fail the build than to ship it to every lobby.
  BundleTrust trust;
  if (options.signing_key) trust.keys.push_back(options.signing_key->public_key);
  trust.allow_unsigned = !options.signing_key;
  trust.limits.max_file_bytes = trust.limits.max_total_bytes =
      UINT64_MAX;  // caps are the kiosk's to choose
  BundleError error;
  if (!read_bundle(out_dir, trust, error)) {
    sink.error(where, "the kiosk bundle just written does not read back: " + error.message);
    return false;
  }
  return true;
}

}  // namespace hgj
