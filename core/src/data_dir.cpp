#include "hgj/data_dir.h"

#include <system_error>

#include "hgj/language.h"

namespace hgj {

namespace fs = std::filesystem;

namespace {

bool is_inside(const fs::path& file, const fs::path& folder) {
  const fs::path relative = file.lexically_normal().lexically_relative(folder.lexically_normal());
  return !relative.empty() && *relative.begin() != "..";
}

// The build folder as the kernel names it: /proc/self/exe has symlinks resolved.
fs::path canonical_build_dir() {
  std::error_code ec;
  fs::path dir = fs::weakly_canonical(HGJ_BINARY_DIR, ec);
  return ec ? fs::path(HGJ_BINARY_DIR) : dir;
}

}  // namespace

fs::path data_dir_for(const fs::path& executable) {
  static const fs::path build_dir = canonical_build_dir();
  if (is_inside(executable, build_dir)) return HGJ_SOURCE_DIR;
  // Relative to the program, not the configured prefix, so a copy installed with
  // `cmake --install --prefix` or unpacked from a .deb anywhere finds its own files.
  return (executable.parent_path() / HGJ_DATA_FROM_BIN).lexically_normal();
}

const fs::path& data_dir() {
  static const fs::path dir = [] {
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path(HGJ_INSTALL_DATA_DIR) : data_dir_for(self);
  }();
  return dir;
}

bool is_in_data_dir(const fs::path& path) {
  std::error_code ec;  // no working folder (deleted under us): judged as given
  const fs::path absolute = fs::absolute(path, ec);
  return is_inside(ec ? path : absolute, data_dir());
}

std::string missing_data_message(std::string_view package) {
  const std::string reinstall = "sudo apt-get install --reinstall " + std::string(package);
  return say("红管家自带的文件不见了，安装不完整：请重新安装软件包（" + reinstall + "）",
             "hgj's own file is missing, the installation is incomplete: reinstall the package (" +
                 reinstall + ")");
}

}  // namespace hgj
