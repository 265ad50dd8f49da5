// Signed manifests: what the writer signs is what any reader re-derives, whatever the
// formatting on the way; every forgery a kiosk may be handed — unsigned, an unknown
// key, a changed byte, a re-hashed manifest — is refused with its own reason; key files
// read back and malformed ones are named; the caps and the picture check of a trusting
// read_bundle().
#include "hgj/bundle_signature.h"

#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "../temp_folder.h"
#include "hgj/bundle.h"
#include "hgj/sha256.h"

using namespace hgj;
namespace fs = std::filesystem;
using json = nlohmann::json;
using hgj::testing::fresh_dir;
using hgj::testing::slurp;

namespace {

const SigningKey& key_a() {
  static const SigningKey k = signing_key_from_seed({1, 2, 3});
  return k;
}
const SigningKey& key_b() {
  static const SigningKey k = signing_key_from_seed({9, 8, 7});
  return k;
}

void spit(const fs::path& file, const std::string& bytes) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

// A small valid bundle folder, signed with `key` (nullptr: unsigned).
fs::path small_bundle(const std::string& name, const SigningKey* key = &key_a()) {
  const fs::path dir = fresh_dir(name);
  Bundle b;
  b.generated_at = 1795465800;
  b.site.title = "红枫街道";
  b.site.street = "红枫街道";
  spit(dir / "images/steward-HF-001.jpg", "\xFF\xD8\xFF\xE0 photo");
  spit(dir / bundle_data_file, bundle_to_json(b));
  std::string manifest = manifest_to_json(make_manifest(dir, b.generated_at));
  if (key) manifest = sign_manifest(manifest, *key);
  spit(dir / bundle_manifest_file, manifest);
  return dir;
}

BundleTrust trusting(const SigningKey& key) {
  BundleTrust t;
  t.keys.push_back(key.public_key);
  return t;
}

void check_refused(const fs::path& dir, const BundleTrust& trust, BundleError::Kind kind,
                   const std::string& why) {
  BundleError error;
  CHECK_FALSE(read_bundle(dir, trust, error));
  CHECK(error.kind == kind);
  CHECK(error.message == why);
}

}  // namespace

TEST_CASE("a signed manifest verifies with its key, whatever its formatting") {
  const fs::path dir = small_bundle("signed");
  const std::string text = slurp(dir / bundle_manifest_file);
  std::string why;
  CHECK(check_manifest_signature(text, {key_b().public_key, key_a().public_key}, why) ==
        SignatureVerdict::good);
  CHECK(why == "key " + key_a().public_key.id);
  // Re-indented, keys in another order: the same canonical bytes.
  const json doc = json::parse(text);
  CHECK(check_manifest_signature(doc.dump(), {key_a().public_key}, why) == SignatureVerdict::good);
  CHECK(check_manifest_signature(doc.dump(7), {key_a().public_key}, why) == SignatureVerdict::good);
  CHECK(json::parse(text)["signature"]["algorithm"] == "ed25519");
  CHECK(json::parse(text)["signature"]["key_id"] == key_a().public_key.id);
  // Deterministic: the same manifest and key give the same bytes.
  CHECK(sign_manifest(text, key_a()) == text);
  BundleError error;
  CHECK_MESSAGE(read_bundle(dir, trusting(key_a()), error), error.message);
  fs::remove_all(dir);
}

TEST_CASE("the signature covers the manifest without itself, compact with sorted keys") {
  const std::string signed_text = sign_manifest(R"({"b": 1, "a": [1, 2]})", key_a());
  std::string why;
  CHECK(manifest_signed_bytes(signed_text, why) ==
        std::optional<std::string>(R"({"a":[1,2],"b":1})"));
  CHECK_FALSE(manifest_signed_bytes("[1]", why));
  CHECK(why == "manifest.json: not a JSON object");
}

TEST_CASE("unsigned, unknown-key, changed and re-hashed manifests are refused, each saying which") {
  const fs::path dir = small_bundle("forged", nullptr);
  check_refused(dir, trusting(key_a()), BundleError::Kind::unsigned_bundle,
                "manifest.json is not signed (refused; --insecure-unsigned accepts it)");
  BundleTrust insecure = trusting(key_a());
  insecure.allow_unsigned = true;
  BundleError error;
  CHECK_MESSAGE(read_bundle(dir, insecure, error), error.message);

  // Signed by a key the kiosk does not know: refused even with --insecure-unsigned.
  spit(dir / bundle_manifest_file, sign_manifest(slurp(dir / bundle_manifest_file), key_b()));
  check_refused(dir, insecure, BundleError::Kind::unknown_key,
                "manifest.json is signed by key " + key_b().public_key.id +
                    ", which this kiosk does not trust");

  // A fake steward phone: bundle.json changed, the manifest re-hashed, the old signature kept.
  spit(dir / bundle_manifest_file, sign_manifest(slurp(dir / bundle_manifest_file), key_a()));
  const json signature = json::parse(slurp(dir / bundle_manifest_file))["signature"];
  spit(dir / bundle_data_file, slurp(dir / bundle_data_file) + " ");
  json forged = json::parse(manifest_to_json(make_manifest(dir, 1795465800)));
  forged["signature"] = signature;
  spit(dir / bundle_manifest_file, forged.dump(2));
  const std::string bad = "manifest.json: the signature by key " + key_a().public_key.id +
                          " does not match its content";
  check_refused(dir, insecure, BundleError::Kind::bad_signature, bad);

  // One changed character of the signature itself, and a signature that is not base64.
  forged = json::parse(slurp(dir / bundle_manifest_file));
  std::string value = forged["signature"]["value"];
  value[3] = value[3] == 'A' ? 'B' : 'A';
  forged["signature"]["value"] = value;
  spit(dir / bundle_manifest_file, forged.dump());
  check_refused(dir, trusting(key_a()), BundleError::Kind::bad_signature, bad);
  forged["signature"]["value"] = "not base64!";
  spit(dir / bundle_manifest_file, forged.dump());
  check_refused(dir, trusting(key_a()), BundleError::Kind::bad_signature, bad);
  forged["signature"]["algorithm"] = "rsa";
  spit(dir / bundle_manifest_file, forged.dump());
  check_refused(dir, trusting(key_a()), BundleError::Kind::bad_signature,
                "manifest.json: signature algorithm \"rsa\" is not ed25519");
  fs::remove_all(dir);
}

TEST_CASE("key files read back; malformed ones are named with the reason") {
  const fs::path dir = fresh_dir("keys");
  std::string why;
  spit(dir / "k.key", secret_key_text(key_a()));
  spit(dir / "k.pub", public_key_text(key_a().public_key));
  const std::optional<SigningKey> secret = read_secret_key(dir / "k.key", why);
  REQUIRE_MESSAGE(secret, why);
  CHECK(secret->public_key.id == key_a().public_key.id);
  CHECK(secret->secret == key_a().secret);
  const std::optional<PublicKey> pub = read_public_key(dir / "k.pub", why);
  REQUIRE_MESSAGE(pub, why);
  CHECK(pub->bytes == key_a().public_key.bytes);
  CHECK(key_a().public_key.id.size() == 16);
  CHECK(key_a().public_key.id ==
        sha256_hex(std::string_view(reinterpret_cast<const char*>(pub->bytes.data()), 32))
            .substr(0, 16));

  CHECK_FALSE(read_secret_key(dir / "k.pub", why));
  CHECK(why ==
        (dir / "k.pub").string() +
            ": not an hgj secret key (expected a line \"hgj-ed25519-secret <key id> <base64>\")");
  CHECK_FALSE(read_public_key(dir / "k.key", why));
  CHECK(why == (dir / "k.key").string() +
                   ": not an hgj public key (expected a line \"ed25519 <key id> <base64>\")");
  std::string text = public_key_text(key_a().public_key);
  text.replace(text.find(key_a().public_key.id), 16, "0000000000000000");
  CHECK_FALSE(parse_public_key(text, why));
  CHECK(why == "key id 0000000000000000 does not match the key (" + key_a().public_key.id + ")");
  CHECK_FALSE(read_secret_key(dir / "none.key", why));
  CHECK(why == (dir / "none.key").string() + ": cannot be read");
  CHECK(public_key_path_for("/x/bundle-signing.key") == fs::path("/x/bundle-signing.pub"));
  fs::remove_all(dir);
}

TEST_CASE("a trusting reader refuses a bundle above its caps before reading a file") {
  const fs::path dir = small_bundle("caps");
  BundleTrust trust = trusting(key_a());
  trust.limits.max_file_bytes = 100;
  const std::uint64_t data_bytes = fs::file_size(dir / bundle_data_file);
  check_refused(dir, trust, BundleError::Kind::too_large,
                "bundle.json: " + std::to_string(data_bytes) +
                    " bytes, above this kiosk's cap of 1 MiB per file");
  trust.limits = {};
  trust.limits.max_total_bytes = 200;
  check_refused(dir, trust, BundleError::Kind::too_large,
                "manifest.json: the bundle is " + std::to_string(data_bytes + 10) +
                    " bytes, above this kiosk's cap of 1 MiB");
  fs::remove_all(dir);
}

TEST_CASE("a bundle picture must be a JPEG or PNG by its bytes and its name") {
  const fs::path dir = small_bundle("pictures");
  // An HTML page named .png, listed and hashed: the manifest vouches for it, the reader does not.
  spit(dir / "images/qr-x.png", "<html><script>alert(1)</script></html>");
  spit(dir / bundle_manifest_file,
       sign_manifest(manifest_to_json(make_manifest(dir, 1795465800)), key_a()));
  check_refused(
      dir, trusting(key_a()), BundleError::Kind::not_image,
      "images/qr-x.png: not a PNG image (a bundle holds bundle.json and .jpg/.png pictures only)");
  // A JPEG named .png is not a PNG either.
  spit(dir / "images/qr-x.png", "\xFF\xD8\xFF\xE0 jpeg");
  spit(dir / bundle_manifest_file,
       sign_manifest(manifest_to_json(make_manifest(dir, 1795465800)), key_a()));
  check_refused(
      dir, trusting(key_a()), BundleError::Kind::not_image,
      "images/qr-x.png: not a PNG image (a bundle holds bundle.json and .jpg/.png pictures only)");
  spit(dir / "images/qr-x.png", "\x89PNG\r\n\x1A\n png");
  spit(dir / "notes.txt", "text");
  spit(dir / bundle_manifest_file,
       sign_manifest(manifest_to_json(make_manifest(dir, 1795465800)), key_a()));
  check_refused(dir, trusting(key_a()), BundleError::Kind::not_image,
                "notes.txt: not a JPEG or PNG image (a bundle holds bundle.json and .jpg/.png "
                "pictures only)");
  fs::remove(dir / "notes.txt");
  spit(dir / bundle_manifest_file,
       sign_manifest(manifest_to_json(make_manifest(dir, 1795465800)), key_a()));
  BundleError error;
  CHECK_MESSAGE(read_bundle(dir, trusting(key_a()), error), error.message);
  fs::remove_all(dir);
}

TEST_CASE("listed sizes that add up past 2^64 are too large, not a small wrapped total") {
  Manifest m;
  m.files.push_back({"a.jpg", std::string(64, '0'), (std::uint64_t{1} << 63) + 1});
  m.files.push_back({"b.jpg", std::string(64, '0'), (std::uint64_t{1} << 63) + 1});
  BundleTrust trust;
  trust.allow_unsigned = true;
  trust.limits.max_file_bytes = UINT64_MAX;
  BundleError error;
  CHECK_FALSE(check_manifest_trust(manifest_to_json(m), m, trust, error));
  CHECK(error.kind == BundleError::Kind::too_large);
  CHECK(error.message ==
        "manifest.json: the bundle is 18446744073709551615 bytes, above this kiosk's cap of 1024 "
        "MiB");
}
