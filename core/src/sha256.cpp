#include "hgj/sha256.h"

#include <openssl/evp.h>

#include <cstring>
#include <fstream>
#include <new>
#include <stdexcept>
#include <vector>

namespace hgj {

namespace {

EVP_MD_CTX* context(void* c) { return static_cast<EVP_MD_CTX*>(c); }

}  // namespace

Sha256::Sha256() : context_(EVP_MD_CTX_new()) {
  // Fails only when memory runs out.
  if (!context_ || EVP_DigestInit_ex(context(context_), EVP_sha256(), nullptr) != 1) {
    EVP_MD_CTX_free(context(context_));
    throw std::bad_alloc();
  }
}

Sha256::~Sha256() { EVP_MD_CTX_free(context(context_)); }

void Sha256::update(const void* data, std::size_t size) {
  EVP_DigestUpdate(context(context_), data, size);
}

std::array<std::uint8_t, 32> Sha256::finish() {
  std::array<std::uint8_t, 32> digest{};
  EVP_DigestFinal_ex(context(context_), digest.data(), nullptr);
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
