// Where build, print and serve find a theme (theme_folders.h).
#include "theme_folders.h"

#include <doctest/doctest.h>

#include <filesystem>

#include "../temp_folder.h"

using namespace hgj;
namespace fs = std::filesystem;

namespace {

// Runs a test from `dir`: the search path also holds "themes" under the working folder,
// and the repository's own themes/ must not answer for the source tree's.
class WorkingFolder {
 public:
  explicit WorkingFolder(const fs::path& dir) : before_(fs::current_path()) {
    fs::current_path(dir);
  }
  ~WorkingFolder() { fs::current_path(before_); }

 private:
  fs::path before_;
};

}  // namespace

TEST_CASE(
    "themes are found beside the content, else in the source tree, or where --themes-dir says") {
  testing::TempFolder tmp;
  const WorkingFolder in(tmp.path());
  tmp.write("site/content/site.toml", "");
  tmp.write("site/themes/civic/templates/home.mustache", "");
  const std::string content = (tmp.path() / "site" / "content").string();
  const fs::path source = fs::path(HGJ_SOURCE_DIR) / "themes";

  // Beside the content when it is there, whatever else the folder holds.
  CHECK(theme_folder("civic", "", content) == tmp.path() / "site" / "themes" / "civic");
  // The default theme is not beside this content: the source tree's.
  CHECK(theme_folder("default", "", content) == source / "default");
  CHECK(theme_folder("", "", content) == source / "default");
  // Else under the working folder's themes/.
  tmp.write("themes/mine/templates/home.mustache", "");
  CHECK(theme_folder("mine", "", content) == fs::path("themes") / "mine");
  // Nowhere: the last place looked, so the message names a real folder.
  CHECK(theme_folder("missing", "", content) == source / "missing");
  // --themes-dir is the only place looked.
  CHECK(theme_folder("civic", "/srv/themes", content) == fs::path("/srv/themes/civic"));
  CHECK(theme_search_path("/srv/themes", content) == std::vector<fs::path>{"/srv/themes"});
  // A path is a path.
  const std::string path = (tmp.path() / "site" / "themes" / "civic").string();
  CHECK(theme_folder(path, "", content) == fs::path(path));
  CHECK(theme_folder("./my-theme", "", content) == fs::path("./my-theme"));
  CHECK(is_theme_path("./my-theme"));
  CHECK(is_theme_path(path));
  CHECK_FALSE(is_theme_path("civic"));
  CHECK_FALSE(is_theme_path("default"));
  CHECK(theme_search_path("", content).front() == tmp.path() / "site" / "themes");
}
