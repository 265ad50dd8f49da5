#include "studio/state_dir.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "hgj/language.h"

namespace hgj::studio {

namespace fs = std::filesystem;

namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

}  // namespace

fs::path state_dir_path(const std::string& option) {
  if (!option.empty()) return option;
  // systemd joins several StateDirectory= entries with ':'; the studio's is the first.
  const std::string systemd = environment("STATE_DIRECTORY");
  if (!systemd.empty()) return systemd.substr(0, systemd.find(':'));
  const std::string xdg = environment("XDG_STATE_HOME");
  // The XDG rule: a relative path in XDG_STATE_HOME is invalid and is ignored.
  if (!xdg.empty() && xdg.front() == '/') return fs::path(xdg) / "hgj" / "studio";
  const std::string home = environment("HOME");
  if (home.empty())
    throw std::runtime_error(
        say("找不到工作台的状态文件夹：没有设置 HOME，请用 --state 指定一个文件夹",
            "cannot find the studio's state folder: HOME is not set; give one "
            "with --state"));
  return fs::path(home) / ".local" / "state" / "hgj" / "studio";
}

void make_state_dir(const fs::path& dir) {
  std::error_code ec;
  const fs::file_status status = fs::status(dir, ec);
  if (fs::is_directory(status)) return;
  if (fs::exists(status))
    throw std::runtime_error(dir.string() +
                             say("：已经存在，但不是文件夹", ": exists but is not a folder"));
  const fs::path parent = dir.parent_path();
  if (!parent.empty() && parent != dir) make_state_dir(parent);
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
    throw std::runtime_error(dir.string() +
                             say("：无法创建文件夹（", ": cannot create the folder (") +
                             std::strerror(errno) + say("）", ")"));
}

}  // namespace hgj::studio
