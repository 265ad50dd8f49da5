// The kiosk bundle stage: the public data of a content folder as a bundle folder
// (core/include/hgj/bundle.h, docs/kiosk-bundle.md) — bundle.json, images resized for
// lobby screens, and manifest.json with every file's SHA-256, written last.
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hgj/bundle.h"
#include "hgj/diagnostics.h"
#include "hgj/model.h"

namespace hgj {

struct BundleOptions {
  Instant now = 0;                           // generated_at; callers pass build_time()
  std::string base_url;                      // overrides site.toml's base_url when not empty
  int recent_issues = bundle_recent_issues;  // closed issues kept per building
  int photo_max_height = 600;  // steward photos are shrunk (never enlarged) to this …
  int photo_max_width = 600;   // … and this, keeping their shape
  int photo_quality = 85;      // JPEG quality
  // manifest.json is signed with it (hgj/bundle_signature.h); nullopt: left unsigned,
  // which kiosks refuse unless started with --insecure-unsigned.
  std::optional<SigningKey> signing_key;
  // The theme's strings (site::load_theme_strings); the bundle keeps bundle_string_keys().
  std::map<std::string, std::string> strings;
  // Where shrunk photos are kept between runs (site/images/photo_cache.h); empty: for this run.
  std::filesystem::path photo_cache;
  // Called once every file but manifest.json and urgent.json is written: a caller whose
  // out_dir started as an older bundle (publish.h, Reuse::previous) removes there what
  // this one did not write, so that the manifest lists exactly this bundle.
  std::function<void()> before_manifest;
};

// What a run did to the bundle's files: written, or found holding the same bytes (an
// out_dir started from an older bundle) and left alone; and each file's manifest entry,
// digested from the bytes as they were put there, for the manifest (no file read back).
struct BundleFiles {
  std::atomic<std::size_t> written{0}, unchanged{0};
  void count(bool was_written) { ++(was_written ? written : unchanged); }
  // Puts `bytes` at `relative` in `out_dir` (write_file(), publish.h), counts and lists it.
  // Thread-safe.
  void write(const std::filesystem::path& out_dir, const std::string& relative,
             std::string_view bytes);
  // The entries listed, sorted by path (as make_manifest() lists a folder).
  std::vector<ManifestEntry> entries() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, ManifestEntry> entries_;
};

// Content → Bundle: public fields only (issue titles and resolutions of private
// categories left out, Markdown bodies as plain text). Steward photo and wechat_qr
// stay empty; write_kiosk_bundle fills them in as it writes the images.
Bundle assemble_bundle(const Content& content, const BundleOptions& options);

// Writes the bundle into `out_dir` (created if needed; an empty staging folder, or one
// started from an older bundle with options.before_manifest set): images/, bundle.json, then
// manifest.json (signed when options carry a key), and reads it back with read_bundle() — trusting
// only that key — as a final check. A photo that cannot be decoded is a warning (the kiosk shows
// initials instead); I/O failures are errors. Returns false on errors.
bool write_kiosk_bundle(const Content& content, const BundleOptions& options,
                        const std::filesystem::path& out_dir, DiagnosticSink& sink,
                        BundleFiles* files = nullptr);

// A generated_at ahead of the machine's clock (SOURCE_DATE_EPOCH set in the future) is
// worth a warning: screens whose clocks read earlier than a bundle used to stop showing
// the time. More than a minute ahead: the message; else nullopt.
inline constexpr Instant future_generated_at_slack = 60;
std::optional<std::string> future_generated_at(Instant generated_at, Instant machine_now);

}  // namespace hgj
