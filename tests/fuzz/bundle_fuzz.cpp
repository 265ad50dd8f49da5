// The kiosk bundle reader, on what a server or a damaged disk may hand it: the input
// is tried as manifest.json (and its signature checked) and as bundle.json; a bundle
// that parses must write out and parse back the same. Every tenth input is also read as
// a bundle folder whose bundle.json it is, with a manifest that matches, to reach
// read_bundle's checks.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz_content.h"
#include "hgj/bundle.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const hgj::fuzz::fs::path dir = hgj::fuzz::scratch_folder("bundle");
  static unsigned runs = 0;
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  hgj::BundleError error;
  if (const auto m = hgj::parse_manifest(json, error)) {
    for (const hgj::ManifestEntry& e : m->files) (void)hgj::is_safe_bundle_path(e.path);
    (void)hgj::manifest_to_json(*m);
    // The kiosk checks the signature and caps of whatever manifest arrives.
    static const hgj::SigningKey key = hgj::signing_key_from_seed({1});
    hgj::BundleTrust trust;
    trust.keys.push_back(key.public_key);
    (void)hgj::check_manifest_trust(json, *m, trust, error);
  }
  (void)hgj::is_safe_bundle_path(json);
  if (const auto b = hgj::parse_bundle(json, error)) {
    const std::string again = hgj::bundle_to_json(*b);
    hgj::BundleError error2;
    const auto b2 = hgj::parse_bundle(again, error2);
    if (!b2 || hgj::bundle_to_json(*b2) != again) {
      std::fprintf(stderr, "a parsed bundle does not write out and read back: %s\n",
                   error2.message.c_str());
      std::abort();
    }
  }
  if (++runs % 10 == 0) {
    hgj::fuzz::fs::remove_all(dir / "b");
    hgj::fuzz::write_file(dir / "b" / hgj::bundle_data_file, json);
    const hgj::Manifest manifest = hgj::make_manifest(dir / "b", 0);
    hgj::fuzz::write_file(dir / "b" / hgj::bundle_manifest_file, hgj::manifest_to_json(manifest));
    std::string why;
    (void)hgj::read_bundle(dir / "b", why);
  }
  return 0;
}
