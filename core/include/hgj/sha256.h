// SHA-256 (FIPS 180-4), for the kiosk bundle's manifest. Small and dependency-free;
// not constant-time, not for secrets.
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
  void update(const void* data, std::size_t size);
  void update(std::string_view bytes) { update(bytes.data(), bytes.size()); }
  // The digest; the object must not be updated afterwards.
  std::array<std::uint8_t, 32> finish();

 private:
  void compress(const std::uint8_t* block);
  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_;
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes hashed so far
};

// 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);
std::string to_hex(const std::array<std::uint8_t, 32>& digest);
// Hashes a file in chunks; throws std::runtime_error naming the file when it cannot be
// read. `bytes`, when given, receives the file's size.
std::string sha256_file(const std::filesystem::path& path, std::uint64_t* bytes = nullptr);

}  // namespace hgj
