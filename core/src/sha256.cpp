#include "hgj/sha256.h"

#include <sodium.h>

#include <cstring>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace hgj {

namespace {

crypto_hash_sha256_state* state(std::array<unsigned char, 128>& storage) {
  static_assert(sizeof(crypto_hash_sha256_state) <= 128);
  static_assert(alignof(crypto_hash_sha256_state) <= 16);
  return reinterpret_cast<crypto_hash_sha256_state*>(storage.data());
}

}  // namespace

Sha256::Sha256() {
  // Once per process: picks the fastest code for this CPU. It fails only without a
  // random source, which hashing does not use.
  [[maybe_unused]] static const bool ready = sodium_init() >= 0;
  crypto_hash_sha256_init(state(state_));
}

void Sha256::update(const void* data, std::size_t size) {
  crypto_hash_sha256_update(state(state_), static_cast<const unsigned char*>(data), size);
}

std::array<std::uint8_t, 32> Sha256::finish() {
  std::array<std::uint8_t, 32> digest{};
  crypto_hash_sha256_final(state(state_), digest.data());
  return digest;
}

std::string to_hex(const std::array<std::uint8_t, 32>& digest) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(64);
  for (std::uint8_t byte : digest) {
    hex += digits[byte >> 4];
    hex += digits[byte & 0x0f];
  }
  return hex;
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 hash;
  hash.update(bytes);
  return to_hex(hash.finish());
}

std::string sha256_file(const std::filesystem::path& path, std::uint64_t* bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot be read");
  Sha256 hash;
  std::vector<char> chunk(1 << 16);
  std::uint64_t total = 0;
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    hash.update(chunk.data(), got);
    total += got;
  }
  if (in.bad()) throw std::runtime_error(path.string() + ": read error");
  if (bytes) *bytes = total;
  return to_hex(hash.finish());
}

}  // namespace hgj
