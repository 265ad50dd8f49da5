#include "fleet/published_bundle.h"

#include "hgj/bundle.h"
#include "hgj/files.h"

namespace hgj {

std::optional<Instant> bundle_generated_at(const std::filesystem::path& dir, std::string& why) {
  const std::optional<std::string> text = read_whole_file(dir / bundle_manifest_file);
  if (!text) return std::nullopt;
  BundleError error;
  if (const std::optional<Manifest> m = parse_manifest(*text, error)) return m->generated_at;
  why = "\"" + dir.string() + "\": " + error.message;
  return std::nullopt;
}

}  // namespace hgj
