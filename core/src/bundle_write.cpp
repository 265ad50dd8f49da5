// Serialising a bundle and its manifest. nlohmann's object keys are sorted, and every
// key of the schema is written (absent optional values as null; the fields are described
// in bundle_fields.cpp), so the same bundle always gives the same bytes.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "bundle_fields.h"
#include "hgj/bundle.h"
#include "hgj/sha256.h"

namespace hgj {

namespace {

using json = nlohmann::json;

std::string dump(const json& doc) {
  // Content is UTF-8 by the time it gets here; replace rather than throw if not.
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string bundle_to_json(const Bundle& b) {
  return dump(bundle_kinds::write_record(bundle_record(), b));
}

std::string manifest_to_json(const Manifest& m) {
  json files = json::array();
  for (const ManifestEntry& f : m.files)
    files.push_back({{"path", f.path}, {"sha256", f.sha256}, {"bytes", f.bytes}});
  json doc{{"format_version", m.format_version},
           {"generated_at", m.generated_at},
           {"generated_at_iso",
            m.generated_at_iso.empty() ? iso8601_utc(m.generated_at) : m.generated_at_iso},
           {"files", files}};
  return dump(doc);
}

Manifest make_manifest(const std::filesystem::path& dir, Instant generated_at) {
  namespace fs = std::filesystem;
  Manifest m;
  m.generated_at = generated_at;
  m.generated_at_iso = iso8601_utc(generated_at);
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string path = entry.path().lexically_relative(dir).generic_string();
    if (path == bundle_manifest_file || path == bundle_urgent_file) continue;
    if (!is_safe_bundle_path(path)) throw std::runtime_error(path + ": not a safe bundle path");
    ManifestEntry e;
    e.path = path;
    e.sha256 = sha256_file(entry.path(), &e.bytes);
    m.files.push_back(std::move(e));
  }
  std::sort(m.files.begin(), m.files.end(),
            [](const ManifestEntry& a, const ManifestEntry& b) { return a.path < b.path; });
  return m;
}

}  // namespace hgj
