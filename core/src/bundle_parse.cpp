// Parsing bundle.json (its fields as bundle_fields.cpp describes them) and manifest.json
// against the schema in docs/kiosk-bundle.md. Every complaint names the file and the JSON
// path of the offending value (bundle_reader.h); the first problem wins.
#include <nlohmann/json.hpp>

#include "bundle_fields.h"
#include "bundle_reader.h"
#include "hgj/bundle.h"

namespace hgj {

namespace {

using json = nlohmann::json;

// JSON syntax and the format version, common to both files.
std::optional<json> parse_document(std::string_view text, const std::string& file,
                                   BundleError& error) {
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::exception& e) {
    // "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error …";
    // a number too large for a double is out_of_range, not parse_error (found by fuzzing).
    std::string what = e.what();
    if (auto at = what.find("parse error at "); at != std::string::npos)
      what = what.substr(at + 15);
    else if (auto close = what.find("] "); close != std::string::npos)
      what = what.substr(close + 2);
    error = {BundleError::Kind::corrupt,
             file + ": not valid JSON (truncated or damaged?): " + what};
    return std::nullopt;
  }
  if (!doc.is_object()) {
    error = {BundleError::Kind::schema,
             file + ": expected a JSON object, got " + BundleReader::describe(doc)};
    return std::nullopt;
  }
  BundleReader top(doc, "", file, error);
  const std::int64_t version = top.integer("format_version");
  if (top.failed()) return std::nullopt;
  if (version != bundle_format_version) {
    error = {BundleError::Kind::version, file + ": format_version " + std::to_string(version) +
                                             ", this reader understands " +
                                             std::to_string(bundle_format_version)};
    return std::nullopt;
  }
  return doc;
}

ManifestEntry read_manifest_entry(BundleReader& r) {
  ManifestEntry e;
  e.path = r.str("path");
  e.sha256 = r.str("sha256");
  const std::int64_t bytes = r.integer("bytes");
  if (r.failed()) return e;
  if (bytes < 0) r.fail("bytes", "is negative");
  e.bytes = static_cast<std::uint64_t>(bytes);
  const bool hex =
      e.sha256.size() == 64 && e.sha256.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (!hex) r.fail("sha256", "\"" + e.sha256 + "\" is not 64 lowercase hex digits");
  return e;
}

}  // namespace

bool is_safe_bundle_path(std::string_view path) {
  if (path.empty() || path.size() > 255 || path.front() == '/') return false;
  if (path.find('\\') != std::string_view::npos || path.find('\0') != std::string_view::npos ||
      path.find(':') != std::string_view::npos)
    return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return path != bundle_manifest_file;
}

std::optional<Manifest> parse_manifest(std::string_view text, BundleError& error) {
  error = {};
  const std::string file = bundle_manifest_file;
  std::optional<json> doc = parse_document(text, file, error);
  if (!doc) return std::nullopt;
  BundleReader r(*doc, "", file, error);
  Manifest m;
  m.format_version = static_cast<int>(r.integer("format_version"));
  m.generated_at = r.integer("generated_at");
  m.generated_at_iso = r.str("generated_at_iso");
  m.files = r.each<ManifestEntry>("files", read_manifest_entry);
  if (r.failed()) return std::nullopt;
  for (std::size_t i = 0; i < m.files.size(); ++i) {
    const std::string& path = m.files[i].path;
    if (!is_safe_bundle_path(path)) {
      error = {BundleError::Kind::unsafe_path,
               file + ": files[" + std::to_string(i) + "].path \"" + path +
                   "\" is not a plain relative path inside the bundle folder"};
      return std::nullopt;
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (m.files[j].path == path) {
        error = {BundleError::Kind::schema,
                 file + ": files[" + std::to_string(i) + "].path \"" + path + "\" is listed twice"};
        return std::nullopt;
      }
    }
  }
  return m;
}

std::optional<Bundle> parse_bundle(std::string_view text, BundleError& error) {
  error = {};
  const std::string file = bundle_data_file;
  std::optional<json> doc = parse_document(text, file, error);
  if (!doc) return std::nullopt;
  BundleReader r(*doc, "", file, error);
  Bundle b;
  bundle_kinds::read_record(bundle_record(), r, b);
  if (r.failed()) return std::nullopt;
  return b;
}

}  // namespace hgj
