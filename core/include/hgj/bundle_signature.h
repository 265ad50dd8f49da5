// Signed kiosk bundles: Ed25519 (libsodium) over manifest.json, so a lobby screen shows
// only what the street's key vouched for — the manifest's SHA-256 list then vouches for
// every other file. The signature sits in the manifest itself:
//   "signature": {"algorithm": "ed25519", "key_id": "<16 hex>", "value": "<base64>"}
// and covers the manifest *without* that key, as canonical bytes (parsed, "signature"
// removed, dumped compact with sorted keys), so a reader re-derives the exact bytes
// from whatever formatting it received. Key files are one line of text each; the
// formats are in docs/kiosk-bundle.md.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hgj {

inline constexpr const char* signature_algorithm = "ed25519";

struct PublicKey {
  std::string id;  // key_id_of(bytes)
  std::array<unsigned char, 32> bytes{};
};

struct SigningKey {
  std::array<unsigned char, 32> seed{};    // what the key file holds
  std::array<unsigned char, 64> secret{};  // libsodium's expanded secret key
  PublicKey public_key;
};

// 16 lowercase hex digits: the first 8 bytes of the public key's SHA-256.
std::string key_id_of(const std::array<unsigned char, 32>& public_key);

// A new key from the system's random source.
SigningKey generate_signing_key();
SigningKey signing_key_from_seed(const std::array<unsigned char, 32>& seed);

// Key files. Secret: "hgj-ed25519-secret <key id> <base64 seed>\n" after a comment line;
// public: "ed25519 <key id> <base64 key>\n" after a comment line. Lines starting with
// '#' and blank lines are skipped when reading.
std::string secret_key_text(const SigningKey& key);
std::string public_key_text(const PublicKey& key);
// The public key file's one line without its newline: "ed25519 <key id> <base64>".
std::string public_key_line(const PublicKey& key);
// nullopt with a reason ("not an hgj secret key", "key id … does not match the key")
// when malformed.
std::optional<SigningKey> parse_secret_key(std::string_view text, std::string& why);
std::optional<PublicKey> parse_public_key(std::string_view text, std::string& why);
// Reads a key file; `why` names the file.
std::optional<SigningKey> read_secret_key(const std::filesystem::path& file, std::string& why);
std::optional<PublicKey> read_public_key(const std::filesystem::path& file, std::string& why);

// Where `hgj keygen`, `hgj build` and `hgj bundle` keep the street's key by default:
// $HGJ_SIGNING_KEY, else ${XDG_CONFIG_HOME:-$HOME/.config}/hgj/bundle-signing.key.
std::filesystem::path default_signing_key_path();
// The same without $HGJ_SIGNING_KEY: the user's own key.
std::filesystem::path user_signing_key_path();
// The public key beside a secret key file: bundle-signing.key → bundle-signing.pub.
std::filesystem::path public_key_path_for(const std::filesystem::path& secret_key_file);

// The bytes a manifest's signature covers; nullopt with `why` when not a JSON object.
std::optional<std::string> manifest_signed_bytes(std::string_view manifest_json, std::string& why);

// `manifest_json` with its "signature" set (replaced if present), in the writer's
// format (manifest_to_json). Throws std::runtime_error when not a JSON object.
std::string sign_manifest(std::string_view manifest_json, const SigningKey& key);

// What check_manifest_signature() found.
enum class SignatureVerdict { good, unsigned_manifest, unknown_key, bad_signature };

// Checks manifest.json's signature against the trusted keys. `why` says what was wrong
// (or, when good, which key signed it: "key 1a2b…").
SignatureVerdict check_manifest_signature(std::string_view manifest_json,
                                          const std::vector<PublicKey>& trusted, std::string& why);

}  // namespace hgj
