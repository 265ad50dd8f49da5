// Ed25519 through libsodium. Ed25519 signatures are deterministic, so a rebuild with
// the same content, SOURCE_DATE_EPOCH and key gives the same manifest bytes.
#include "hgj/bundle_signature.h"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "hgj/files.h"
#include "hgj/sha256.h"

namespace hgj {

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

constexpr std::string_view secret_tag = "hgj-ed25519-secret";

void init_sodium() {
  // Thread-safe and idempotent; fails only without a random source, where no key is safe.
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start (no random source?)");
}

std::string to_base64(const unsigned char* data, std::size_t size) {
  std::string out(sodium_base64_encoded_len(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

// Exactly `N` bytes of standard base64, or false.
template <std::size_t N>
bool from_base64(std::string_view text, std::array<unsigned char, N>& out) {
  std::size_t got = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &got, &end,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    return false;
  return got == N && end == text.data() + text.size();
}

// The first line that is neither blank nor a comment, split at spaces.
std::vector<std::string> key_line(std::string_view text) {
  while (!text.empty()) {
    const std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> words;
    std::size_t at = 0;
    while (at < line.size()) {
      const std::size_t next = std::min(line.find(' ', at), line.size());
      if (next > at) words.emplace_back(line.substr(at, next - at));
      at = next + 1;
    }
    return words;
  }
  return {};
}

std::optional<json> parse_object(std::string_view text, std::string& why) {
  try {
    json doc = json::parse(text.begin(), text.end());
    if (doc.is_object()) return doc;
    why = "manifest.json: not a JSON object";
  } catch (const json::exception&) {
    why = "manifest.json: not valid JSON";
  }
  return std::nullopt;
}

std::string canonical(const json& doc) {
  json copy = doc;
  copy.erase("signature");
  // Compact, keys sorted (nlohmann's object is a std::map), invalid UTF-8 replaced the
  // same way on both sides rather than thrown.
  return copy.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::string key_id_of(const std::array<unsigned char, 32>& public_key) {
  return sha256_hex(
             std::string_view(reinterpret_cast<const char*>(public_key.data()), public_key.size()))
      .substr(0, 16);
}

SigningKey signing_key_from_seed(const std::array<unsigned char, 32>& seed) {
  init_sodium();
  SigningKey key;
  key.seed = seed;
  crypto_sign_seed_keypair(key.public_key.bytes.data(), key.secret.data(), seed.data());
  key.public_key.id = key_id_of(key.public_key.bytes);
  return key;
}

SigningKey generate_signing_key() {
  init_sodium();
  std::array<unsigned char, 32> seed{};
  randombytes_buf(seed.data(), seed.size());
  SigningKey key = signing_key_from_seed(seed);
  sodium_memzero(seed.data(), seed.size());
  return key;
}

std::string secret_key_text(const SigningKey& key) {
  return "# hgj bundle signing key (secret: keep it off screens and out of backups you share)\n" +
         std::string(secret_tag) + " " + key.public_key.id + " " +
         to_base64(key.seed.data(), key.seed.size()) + "\n";
}

std::string public_key_line(const PublicKey& key) {
  return std::string(signature_algorithm) + " " + key.id + " " +
         to_base64(key.bytes.data(), key.bytes.size());
}

std::string public_key_text(const PublicKey& key) {
  return "# hgj bundle signing public key: install on every kiosk (docs/kiosk.md)\n" +
         public_key_line(key) + "\n";
}

std::optional<SigningKey> parse_secret_key(std::string_view text, std::string& why) {
  const std::vector<std::string> w = key_line(text);
  std::array<unsigned char, 32> seed{};
  if (w.size() != 3 || w[0] != secret_tag || !from_base64(w[2], seed))
    return why = "not an hgj secret key (expected a line \"hgj-ed25519-secret <key id> <base64>\")",
           std::nullopt;
  SigningKey key = signing_key_from_seed(seed);
  sodium_memzero(seed.data(), seed.size());
  if (key.public_key.id != w[1])
    return why = "key id " + w[1] + " does not match the key (" + key.public_key.id + ")",
           std::nullopt;
  return key;
}

std::optional<PublicKey> parse_public_key(std::string_view text, std::string& why) {
  const std::vector<std::string> w = key_line(text);
  PublicKey key;
  if (w.size() != 3 || w[0] != signature_algorithm || !from_base64(w[2], key.bytes))
    return why = "not an hgj public key (expected a line \"ed25519 <key id> <base64>\")",
           std::nullopt;
  key.id = key_id_of(key.bytes);
  if (key.id != w[1])
    return why = "key id " + w[1] + " does not match the key (" + key.id + ")", std::nullopt;
  return key;
}

std::optional<SigningKey> read_secret_key(const fs::path& file, std::string& why) {
  const std::optional<std::string> text = read_whole_file(file);
  if (!text) return why = file.string() + ": cannot be read", std::nullopt;
  std::optional<SigningKey> key = parse_secret_key(*text, why);
  if (!key) why = file.string() + ": " + why;
  return key;
}

std::optional<PublicKey> read_public_key(const fs::path& file, std::string& why) {
  const std::optional<std::string> text = read_whole_file(file);
  if (!text) return why = file.string() + ": cannot be read", std::nullopt;
  std::optional<PublicKey> key = parse_public_key(*text, why);
  if (!key) why = file.string() + ": " + why;
  return key;
}

fs::path default_signing_key_path() {
  if (const char* k = std::getenv("HGJ_SIGNING_KEY"); k && *k) return fs::path(k);
  return user_signing_key_path();
}

fs::path user_signing_key_path() {
  fs::path config;
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x)
    config = x;
  else if (const char* h = std::getenv("HOME"); h && *h)
    config = fs::path(h) / ".config";
  else
    config = ".config";
  return config / "hgj" / "bundle-signing.key";
}

fs::path public_key_path_for(const fs::path& secret_key_file) {
  fs::path p = secret_key_file;
  return p.replace_extension(".pub");
}

std::optional<std::string> manifest_signed_bytes(std::string_view manifest_json, std::string& why) {
  const std::optional<json> doc = parse_object(manifest_json, why);
  if (!doc) return std::nullopt;
  return canonical(*doc);
}

std::string sign_manifest(std::string_view manifest_json, const SigningKey& key) {
  init_sodium();
  std::string why;
  std::optional<json> doc = parse_object(manifest_json, why);
  if (!doc) throw std::runtime_error(why);
  const std::string bytes = canonical(*doc);
  std::array<unsigned char, crypto_sign_BYTES> sig{};
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(bytes.data()),
                       bytes.size(), key.secret.data());
  (*doc)["signature"] = json{{"algorithm", signature_algorithm},
                             {"key_id", key.public_key.id},
                             {"value", to_base64(sig.data(), sig.size())}};
  return doc->dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

SignatureVerdict check_manifest_signature(std::string_view manifest_json,
                                          const std::vector<PublicKey>& trusted, std::string& why) {
  init_sodium();
  const std::optional<json> doc = parse_object(manifest_json, why);
  if (!doc) return SignatureVerdict::bad_signature;
  const auto s = doc->find("signature");
  if (s == doc->end() || s->is_null())
    return why = "manifest.json is not signed", SignatureVerdict::unsigned_manifest;
  const auto field = [&](const char* name) -> std::string {
    const auto it = s->is_object() ? s->find(name) : s->end();
    return s->is_object() && it != s->end() && it->is_string() ? it->get<std::string>()
                                                               : std::string();
  };
  const std::string algorithm = field("algorithm"), key_id = field("key_id"),
                    value = field("value");
  if (algorithm != signature_algorithm)
    return why = "manifest.json: signature algorithm \"" + algorithm + "\" is not ed25519",
           SignatureVerdict::bad_signature;
  const PublicKey* key = nullptr;
  for (const PublicKey& k : trusted) {
    if (k.id == key_id) key = &k;
  }
  if (!key)
    return why = "manifest.json is signed by key " +
                 (key_id.empty() ? std::string("(none)") : key_id) +
                 ", which this kiosk does not trust",
           SignatureVerdict::unknown_key;
  std::array<unsigned char, crypto_sign_BYTES> sig{};
  const std::string bytes = canonical(*doc);
  if (!from_base64(value, sig) ||
      crypto_sign_verify_detached(sig.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                                  bytes.size(), key->bytes.data()) != 0)
    return why = "manifest.json: the signature by key " + key_id + " does not match its content",
           SignatureVerdict::bad_signature;
  why = "key " + key_id;
  return SignatureVerdict::good;
}

}  // namespace hgj
