// SHA-256, for the kiosk bundle's manifest, content versions, page recipes and file
// digests: OpenSSL's (libcrypto, which uses the CPU's SHA instructions: ten times
// libsodium's portable code on this machine) behind a small streaming interface.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace hgj {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(const void* data, std::size_t size);
  void update(std::string_view bytes) { update(bytes.data(), bytes.size()); }
  // The digest; the object must not be updated afterwards.
  std::array<std::uint8_t, 32> finish();

 private:
  // OpenSSL's EVP_MD_CTX, kept opaque so that users of this header need not include
  // openssl/evp.h.
  void* context_;
};

// 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);
std::string to_hex(const std::array<std::uint8_t, 32>& digest);
// Hashes a file in chunks; throws std::runtime_error naming the file when it cannot be
// read. `bytes`, when given, receives the file's size.
std::string sha256_file(const std::filesystem::path& path, std::uint64_t* bytes = nullptr);

}  // namespace hgj
