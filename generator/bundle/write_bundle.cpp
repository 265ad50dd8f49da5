// The bundle stage in order: assemble → images → bundle.json → manifest.json (last,
// so a folder with a manifest is complete) → read back as the kiosk would.
#include "bundle/write_bundle.h"

#include <cstdint>

#include "bundle/bundle_images.h"
#include "publish.h"

namespace hgj {

namespace fs = std::filesystem;

bool write_kiosk_bundle(const Content& content, const BundleOptions& options, const fs::path& out_dir,
                        DiagnosticSink& sink) {
  const std::size_t errors_before = sink.error_count();
  const SourceLocation where{out_dir.generic_string(), 0, 0};
  try {
    fs::create_directories(out_dir);
    Bundle bundle = assemble_bundle(content, options);
    write_bundle_images(content, options, bundle, out_dir, sink);
    if (sink.error_count() > errors_before) return false;
    write_file(out_dir / bundle_data_file, bundle_to_json(bundle));
    std::string manifest = manifest_to_json(make_manifest(out_dir, options.now));
    if (options.signing_key) manifest = sign_manifest(manifest, *options.signing_key);
    write_file(out_dir / bundle_manifest_file, manifest);
  } catch (const std::exception& e) {
    sink.error(where, std::string("cannot write the kiosk bundle: ") + e.what());
    return false;
  }
  // A bundle this program cannot read back is a bug here, not bad content; better to
  // fail the build than to ship it to every lobby.
  BundleTrust trust;
  if (options.signing_key) trust.keys.push_back(options.signing_key->public_key);
  trust.allow_unsigned = !options.signing_key;
  trust.limits.max_file_bytes = trust.limits.max_total_bytes = UINT64_MAX;  // caps are the kiosk's to choose
  BundleError error;
  if (!read_bundle(out_dir, trust, error)) {
    sink.error(where, "the kiosk bundle just written does not read back: " + error.message);
    return false;
  }
  return true;
}

}  // namespace hgj
