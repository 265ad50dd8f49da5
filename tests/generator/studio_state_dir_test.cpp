#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "../language_scope.h"
#include "../temp_folder.h"
#include "studio/state_dir.h"

namespace hgj::studio {

namespace {

// Sets the variables for one test and puts back what was there.
class Environment {
 public:
  Environment() {
    for (const char* name : {"STATE_DIRECTORY", "XDG_STATE_HOME", "HOME"}) {
      const char* value = std::getenv(name);
      saved_.push_back({name, value ? std::optional<std::string>(value) : std::nullopt});
      ::unsetenv(name);
    }
  }
  ~Environment() {
    for (const auto& [name, value] : saved_) {
      if (value)
        ::setenv(name, value->c_str(), 1);
      else
        ::unsetenv(name);
    }
  }
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

 private:
  std::vector<std::pair<const char*, std::optional<std::string>>> saved_;
};

unsigned mode_of(const std::filesystem::path& path) {
  struct stat info {};
  ::stat(path.c_str(), &info);
  return info.st_mode & 07777;
}

}  // namespace

TEST_CASE(
    "the studio's state folder: --state, then $STATE_DIRECTORY, then XDG_STATE_HOME, then "
    "~/.local/state") {
  const Environment environment;
  ::setenv("STATE_DIRECTORY", "/var/lib/hgj-studio:/var/lib/other", 1);
  ::setenv("XDG_STATE_HOME", "/home/u/.xdg-state", 1);
  ::setenv("HOME", "/home/u", 1);
  CHECK(state_dir_path("/srv/studio") == "/srv/studio");
  CHECK(state_dir_path("") == "/var/lib/hgj-studio");
  ::unsetenv("STATE_DIRECTORY");
  CHECK(state_dir_path("") == "/home/u/.xdg-state/hgj/studio");
  // A relative XDG_STATE_HOME is invalid by the XDG rules and ignored.
  ::setenv("XDG_STATE_HOME", "relative/state", 1);
  CHECK(state_dir_path("") == "/home/u/.local/state/hgj/studio");
  ::unsetenv("XDG_STATE_HOME");
  CHECK(state_dir_path("") == "/home/u/.local/state/hgj/studio");
  ::unsetenv("HOME");
  const LanguageScope chinese(Language::zh);
  CHECK_THROWS_WITH(state_dir_path(""),
                    "找不到工作台的状态文件夹：没有设置 HOME，请用 --state 指定一个文件夹");
}

TEST_CASE(
    "the state folder is made 0700 with the folders above it, an existing one kept as it is") {
  const testing::TempFolder root;
  const auto dir = root.path() / "state" / "hgj" / "studio";
  make_state_dir(dir);
  CHECK(mode_of(dir) == 0700);
  CHECK(mode_of(root.path() / "state") == 0700);
  ::chmod(dir.c_str(), 0750);
  make_state_dir(dir);
  CHECK(mode_of(dir) == 0750);
  root.write("file", "x");
  const std::string message = (root.path() / "file").string() + ": exists but is not a folder";
  CHECK_THROWS_WITH(make_state_dir(root.path() / "file"), message.c_str());
}

}  // namespace hgj::studio
