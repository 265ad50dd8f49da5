#include <doctest/doctest.h>

#include <filesystem>

#include "../temp_folder.h"
#include "http/files.h"

using namespace hgj;
using namespace hgj::http;
namespace fs = std::filesystem;

TEST_CASE("files: a folder means its index.html; without its slash it is a redirect") {
  testing::TempFolder root;
  root.write("building/dpb-03/index.html", "<p>3幢</p>");
  root.write("路牌.txt", "x");
  const Resolved page = resolve_path(root.path(), "/building/dpb-03/");
  CHECK(page.status == 200);
  CHECK(page.file == root.path() / "building/dpb-03/index.html");
  const Resolved bare = resolve_path(root.path(), "/building/dpb-03");
  CHECK(bare.status == 301);
  CHECK(bare.location == "/building/dpb-03/");
  CHECK(resolve_path(root.path(), "/%E8%B7%AF%E7%89%8C.txt").status == 200);
  CHECK(resolve_path(root.path(), "/no/such/page").status == 404);
}

TEST_CASE("files: bad escapes, NUL, backslashes and '..' are 400; links out and hidden files 404") {
  testing::TempFolder top;
  const fs::path root = top.path() / "public";
  top.write("public/index.html", "home");
  top.write("public/.hgj-output", "");
  top.write("secret.txt", "private");
  fs::create_symlink(top.path() / "secret.txt", root / "leak.txt");
  fs::create_directory_symlink(top.path(), root / "up");
  for (const char* bad :
       {"/%zz", "/index.html%", "/%4", "/../secret.txt", "/%2e%2e/secret.txt",
        "/a/..%2f..%2fsecret.txt", "/index.html%00", "/..\\secret.txt", "/%5c..%5csecret.txt"}) {
    CAPTURE(bad);
    CHECK(resolve_path(root, bad).status == 400);
  }
  CHECK(resolve_path(root, "/leak.txt").status == 404);
  CHECK(resolve_path(root, "/up/secret.txt").status == 404);
  CHECK(resolve_path(root, "/.hgj-output").status == 404);
  CHECK(resolve_path(root, "/./index.html").status == 200);
}

TEST_CASE("files: Content-Type by extension, text types in UTF-8") {
  CHECK(content_type("a/index.HTML") == "text/html; charset=utf-8");
  CHECK(content_type("events.ics") == "text/calendar; charset=utf-8");
  CHECK(content_type("photo.jpg") == "image/jpeg");
  CHECK(content_type("no-extension") == "application/octet-stream");
}
