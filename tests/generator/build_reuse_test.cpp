// `hgj build` starting from the output before last (publish.h, Staging::Reuse): after the
// content changes, the output must equal a build into an empty folder, file for file,
// including the PDFs and the kiosk bundle whose manifest lists what is in kiosk/.
#include <doctest/doctest.h>
#include <stdlib.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "../same_tree.h"
#include "../temp_folder.h"
#include "build_site.h"

using namespace hgj;
using hgj::testing::TempFolder;
namespace fs = std::filesystem;

using hgj::testing::check_same_tree;
using hgj::testing::slurp;
using hgj::testing::tree;

namespace {

void build(const fs::path& content, const fs::path& out) {
  BuildOptions o;
  o.content_dir = content.string();
  o.out_dir = out.string();
  o.themes_dir = std::string(HGJ_SOURCE_DIR) + "/themes";
  o.progress = false;
  DiagnosticSink sink;
  std::ostringstream log;
  REQUIRE(build_site(o, sink, log).exit_code == 0);
}

}  // namespace

TEST_CASE("a rebuild from the output before last equals a build into an empty folder") {
  ::setenv("SOURCE_DATE_EPOCH", "1795000000", 1);
  TempFolder dir;
  const fs::path content = dir.path() / "content", out = dir.path() / "public";
  fs::copy(fs::path(HGJ_SOURCE_DIR) / "content", content, fs::copy_options::recursive);
  build(content, out);
  build(content, out);
  REQUIRE(fs::is_directory(dir.path() / "public.previous"));

  // A notice taken down and a steward's photo withdrawn: their files must go everywhere.
  fs::remove(content / "notices/2026-11-recruit.md");
  const fs::path steward = content / "stewards/HF-001.md";
  std::ofstream(steward.string() + ".new")
      << std::regex_replace(slurp(steward), std::regex("\nphoto = [^\n]*"), "");
  fs::rename(steward.string() + ".new", steward);
  build(content, out);

  TempFolder fresh;
  build(content, fresh.path() / "public");
  // Except print/reprint.json: what changed against the output replaced, which a fresh
  // folder does not have (diff/reprint.h).
  auto rebuilt = tree(out), afresh = tree(fresh.path() / "public");
  CHECK(rebuilt.erase("print/reprint.json") == 1);
  CHECK(afresh.erase("print/reprint.json") == 1);
  check_same_tree(rebuilt, afresh);
  CHECK(slurp(out / "print/reprint.json").find("\"compared\": true") != std::string::npos);
  CHECK(!fs::exists(out / "photos/HF-001.jpg"));
  CHECK(fs::exists(out / "avatars/HF-001.svg"));
  CHECK(fs::exists(dir.path() / "public.previous/photos/HF-001.jpg"));  // the build before
}
