// A scratch content folder for fuzz targets that go through load_content(): a fixed
// site.toml and one community, building and steward for the fuzzed file to refer to.
// Kept in /dev/shm when there is one, so each run costs no disk writes.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace hgj::fuzz {

namespace fs = std::filesystem;

inline fs::path scratch_folder(const std::string& name) {
  const fs::path shm = "/dev/shm";
  const fs::path base = fs::is_directory(shm) ? shm : fs::temp_directory_path();
  const fs::path dir = base / ("hgj-fuzz-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

inline void write_file(const fs::path& path, std::string_view bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), bytes.size());
}

// A content folder holding only a valid site.toml and a community, building and
// steward with the ids "c", "b" and "s".
inline fs::path base_content(const std::string& name) {
  const fs::path dir = scratch_folder(name) / "content";
  write_file(dir / "site.toml",
             "title = \"t\"\nbase_url = \"https://x.example\"\nstreet = \"红枫街道\"\n");
  write_file(dir / "communities.csv", "id,name\nc,天平巷社区\n");
  write_file(dir / "buildings.csv", "id,name,community\nb,3幢,c\n");
  write_file(dir / "stewards.csv", "id,name,phone,buildings\ns,王建华,13800000001,b\n");
  return dir;
}

}  // namespace hgj::fuzz
