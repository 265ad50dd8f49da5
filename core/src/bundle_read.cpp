// Reading a bundle folder: the manifest first, then every file it lists against its
// size and SHA-256, then bundle.json against the schema. bundle.json is read once and
// the same bytes are hashed and parsed, so a file replaced between the two steps
// cannot slip through.
#include <cstdint>
#include <fstream>
#include <system_error>

#include "hgj/bundle.h"
#include "hgj/files.h"
#include "hgj/image_signature.h"
#include "hgj/sha256.h"

namespace hgj {

namespace {

namespace fs = std::filesystem;

BundleError fail(BundleError::Kind kind, std::string message) { return {kind, std::move(message)}; }

// The listed file resolves to a regular file inside `root` (no symlink out of it).
BundleError check_location(const fs::path& root, const ManifestEntry& entry) {
  std::error_code ec;
  const fs::path full = root / fs::path(entry.path);
  const fs::file_status status = fs::symlink_status(full, ec);
  if (ec || !fs::exists(status))
    return fail(BundleError::Kind::missing, entry.path + ": listed in manifest.json but missing");
  const fs::path real = fs::canonical(full, ec);
  if (ec) return fail(BundleError::Kind::io, entry.path + ": cannot be resolved: " + ec.message());
  const fs::path inside = real.lexically_relative(root);
  if (inside.empty() || *inside.begin() == "..")
    return fail(BundleError::Kind::unsafe_path,
                entry.path + ": resolves outside the bundle folder");
  if (!fs::is_regular_file(real, ec))
    return fail(BundleError::Kind::missing, entry.path + ": is not a regular file");
  return {};
}

BundleError check_digest(const ManifestEntry& entry, std::uint64_t bytes,
                         const std::string& sha256) {
  if (bytes != entry.bytes)
    return fail(BundleError::Kind::hash_mismatch, entry.path + ": " + std::to_string(bytes) +
                                                      " bytes, manifest.json says " +
                                                      std::to_string(entry.bytes));
  if (sha256 != entry.sha256)
    return fail(
        BundleError::Kind::hash_mismatch,
        entry.path + ": SHA-256 " + sha256 + " does not match manifest.json's " + entry.sha256);
  return {};
}

// Every file but bundle.json is a picture the kiosk decodes: only JPEG and PNG, judged by
// their bytes and matching their names, so an HTML page named .png never reaches a decoder.
BundleError check_picture(const fs::path& root, const ManifestEntry& entry) {
  char head[8] = {};
  std::ifstream in(root / entry.path, std::ios::binary);
  in.read(head, sizeof head);
  const std::string_view bytes(head, static_cast<std::size_t>(in.gcount()));
  const std::string ext = fs::path(entry.path).extension().string();
  const bool jpeg_name = ext == ".jpg" || ext == ".jpeg" || ext == ".JPG" || ext == ".JPEG";
  const bool png_name = ext == ".png" || ext == ".PNG";
  if ((jpeg_name && is_jpeg(bytes)) || (png_name && is_png(bytes))) return {};
  return fail(BundleError::Kind::not_image,
              entry.path + ": not a " +
                  (png_name    ? "PNG"
                   : jpeg_name ? "JPEG"
                               : "JPEG or PNG") +
                  " image (a bundle holds bundle.json and .jpg/.png pictures only)");
}

// Checks the manifest and every listed file; returns bundle.json's bytes on success.
std::optional<std::string> verify(const fs::path& dir, BundleError& error, Manifest* out = nullptr,
                                  const BundleTrust* trust = nullptr) {
  error = {};
  std::error_code ec;
  const fs::path root = fs::canonical(dir, ec);
  if (ec || !fs::is_directory(root)) {
    error = fail(BundleError::Kind::missing, dir.string() + ": not a bundle folder (" +
                                                 (ec ? ec.message() : "not a directory") + ")");
    return std::nullopt;
  }
  const fs::path manifest_path = root / bundle_manifest_file;
  if (!fs::exists(manifest_path, ec)) {
    error = fail(BundleError::Kind::missing,
                 std::string(bundle_manifest_file) + ": missing in " + dir.string());
    return std::nullopt;
  }
  const std::optional<std::string> manifest_text = read_whole_file(manifest_path);
  if (!manifest_text) {
    error = fail(BundleError::Kind::io, std::string(bundle_manifest_file) + ": cannot be read");
    return std::nullopt;
  }
  std::optional<Manifest> manifest = parse_manifest(*manifest_text, error);
  if (!manifest) return std::nullopt;
  if (trust && !check_manifest_trust(*manifest_text, *manifest, *trust, error)) return std::nullopt;

  std::optional<std::string> data;
  for (const ManifestEntry& entry : manifest->files) {
    if ((error = check_location(root, entry))) return std::nullopt;
    std::uint64_t bytes = 0;
    std::string digest;
    if (entry.path == bundle_data_file) {
      data = read_whole_file(root / entry.path);
      if (!data) {
        error = fail(BundleError::Kind::io, entry.path + ": cannot be read");
        return std::nullopt;
      }
      bytes = data->size();
      digest = sha256_hex(*data);
    } else {
      try {
        digest = sha256_file(root / entry.path, &bytes);
      } catch (const std::exception& e) {
        error = fail(BundleError::Kind::io, e.what());
        return std::nullopt;
      }
    }
    if ((error = check_digest(entry, bytes, digest))) return std::nullopt;
    if (entry.path != bundle_data_file && (error = check_picture(root, entry))) return std::nullopt;
  }
  if (!data) {
    error = fail(BundleError::Kind::schema,
                 std::string(bundle_manifest_file) + ": does not list " + bundle_data_file);
    return std::nullopt;
  }
  if (out) *out = std::move(*manifest);
  return data;
}

bool listed(const Manifest& m, const std::string& path) {
  for (const ManifestEntry& e : m.files) {
    if (e.path == path) return true;
  }
  return false;
}

// Images bundle.json points at must be files the manifest vouches for.
BundleError check_images(const Bundle& b, const Manifest& m) {
  for (std::size_t i = 0; i < b.stewards.size(); ++i) {
    const BundleSteward& s = b.stewards[i];
    for (const std::string* path : {&s.photo, &s.wechat_qr}) {
      if (path->empty() || listed(m, *path)) continue;
      return fail(BundleError::Kind::schema,
                  std::string(bundle_data_file) + ": stewards[" + std::to_string(i) + "] (" + s.id +
                      ") refers to \"" + *path + "\", which manifest.json does not list");
    }
  }
  return {};
}

std::optional<Bundle> read_checked(const fs::path& dir, BundleError& error,
                                   const BundleTrust* trust) {
  Manifest manifest;
  const std::optional<std::string> data = verify(dir, error, &manifest, trust);
  if (!data) return std::nullopt;
  std::optional<Bundle> bundle = parse_bundle(*data, error);
  if (!bundle) return std::nullopt;
  if (bundle->generated_at != manifest.generated_at) {
    error = fail(BundleError::Kind::schema, std::string(bundle_data_file) + ": generated_at " +
                                                std::to_string(bundle->generated_at) +
                                                " differs from manifest.json's " +
                                                std::to_string(manifest.generated_at));
    return std::nullopt;
  }
  if ((error = check_images(*bundle, manifest))) return std::nullopt;
  return bundle;
}

std::string megabytes(std::uint64_t bytes) {
  return std::to_string((bytes + (1 << 20) - 1) >> 20) + " MiB";
}

}  // namespace

bool check_manifest_trust(std::string_view manifest_json, const Manifest& manifest,
                          const BundleTrust& trust, BundleError& error) {
  std::string why;
  switch (check_manifest_signature(manifest_json, trust.keys, why)) {
    case SignatureVerdict::good:
      break;
    case SignatureVerdict::unsigned_manifest:
      if (trust.allow_unsigned) break;
      error = fail(BundleError::Kind::unsigned_bundle,
                   why + " (refused; --insecure-unsigned accepts it)");
      return false;
    case SignatureVerdict::unknown_key:
      error = fail(BundleError::Kind::unknown_key, why);
      return false;
    case SignatureVerdict::bad_signature:
      error = fail(BundleError::Kind::bad_signature, why);
      return false;
  }
  std::uint64_t total = 0;
  for (const ManifestEntry& e : manifest.files) {
    if (e.bytes > trust.limits.max_file_bytes) {
      error = fail(BundleError::Kind::too_large,
                   e.path + ": " + std::to_string(e.bytes) + " bytes, above this kiosk's cap of " +
                       megabytes(trust.limits.max_file_bytes) + " per file");
      return false;
    }
    // Saturating: listed sizes are whatever the manifest says, up to 2^64 - 1 each.
    total = e.bytes > UINT64_MAX - total ? UINT64_MAX : total + e.bytes;
  }
  if (total > trust.limits.max_total_bytes) {
    error =
        fail(BundleError::Kind::too_large,
             std::string(bundle_manifest_file) + ": the bundle is " + std::to_string(total) +
                 " bytes, above this kiosk's cap of " + megabytes(trust.limits.max_total_bytes));
    return false;
  }
  return true;
}

bool verify_manifest(const fs::path& dir, BundleError& error) {
  try {
    return verify(dir, error).has_value();
  } catch (const std::exception& e) {
    error = fail(BundleError::Kind::io, dir.string() + ": " + e.what());
    return false;
  }
}

bool verify_manifest(const fs::path& dir, std::string& why) {
  BundleError error;
  const bool ok = verify_manifest(dir, error);
  why = error.message;
  return ok;
}

std::optional<Bundle> read_bundle(const fs::path& dir, BundleError& error) {
  // The kiosk calls this on whatever arrived over the network: nothing may escape.
  try {
    return read_checked(dir, error, nullptr);
  } catch (const std::exception& e) {
    error = fail(BundleError::Kind::io, dir.string() + ": " + e.what());
    return std::nullopt;
  }
}

std::optional<Bundle> read_bundle(const fs::path& dir, const BundleTrust& trust,
                                  BundleError& error) {
  try {
    return read_checked(dir, error, &trust);
  } catch (const std::exception& e) {
    error = fail(BundleError::Kind::io, dir.string() + ": " + e.what());
    return std::nullopt;
  }
}

std::optional<Bundle> read_bundle(const fs::path& dir, std::string& why) {
  BundleError error;
  std::optional<Bundle> bundle = read_bundle(dir, error);
  why = error.message;
  return bundle;
}

}  // namespace hgj
