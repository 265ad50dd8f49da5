// The bundle stage in order: assemble → images → bundle.json → manifest.json (last,
// so a folder with a manifest is complete) → read back as the kiosk would.
#include "bundle/write_bundle.h"

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
    write_file(out_dir / bundle_manifest_file, manifest_to_json(make_manifest(out_dir, options.now)));
  } catch (const std::exception& e) {
    sink.error(where, std::string("cannot write the kiosk bundle: ") + e.what());
    return false;
  }
  // A bundle this program cannot read back is a bug here, not bad content; better to
  // fail the build than to ship it to every lobby.
  std::string why;
  if (!read_bundle(out_dir, why)) {
    sink.error(where, "the kiosk bundle just written does not read back: " + why);
    return false;
  }
  return true;
}

}  // namespace hgj
