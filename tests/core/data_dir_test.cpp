// Where hgj's own files are (hgj/data_dir.h): the source tree from the build folder,
// <prefix>/share/hgj beside an installed program.
#include "hgj/data_dir.h"

#include <doctest/doctest.h>

#include <optional>

#include "../language_scope.h"
#include "hgj/language.h"

using namespace hgj;
namespace fs = std::filesystem;

TEST_CASE("data dir: a program in its build folder reads the source tree") {
  // This test runs from the build folder.
  CHECK(data_dir() == fs::path(HGJ_SOURCE_DIR));
  CHECK(is_in_data_dir(fs::path(HGJ_SOURCE_DIR) / "themes/default"));
  CHECK_FALSE(is_in_data_dir("/srv/themes/default"));
}

TEST_CASE("data dir: an installed program reads share/hgj beside its bin/, never the source tree") {
  CHECK(data_dir_for("/usr/bin/hgj") == fs::path("/usr/share/hgj"));
  CHECK(data_dir_for("/usr/local/bin/hgj-kiosk") == fs::path("/usr/local/share/hgj"));
  CHECK(data_dir_for("/tmp/stage/usr/bin/hgj") == fs::path("/tmp/stage/usr/share/hgj"));
  // A copy beside the source tree but outside the build folder is an installed one.
  CHECK(data_dir_for(fs::path(HGJ_SOURCE_DIR) / "bin/hgj") ==
        fs::path(HGJ_SOURCE_DIR) / "share/hgj");
}

TEST_CASE("data dir: a missing file of hgj's own says which package to reinstall") {
  std::optional<LanguageScope> language(std::in_place, Language::zh);
  CHECK(missing_data_message("hgj-kiosk") ==
        "红管家自带的文件不见了，安装不完整：请重新安装软件包（sudo apt-get install --reinstall "
        "hgj-kiosk）");
  language.emplace(Language::en);
  CHECK(missing_data_message("hgj") ==
        "hgj's own file is missing, the installation is incomplete: reinstall the package (sudo "
        "apt-get "
        "install --reinstall hgj)");
}
