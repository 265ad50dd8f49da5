#include "hgj/front_matter.h"

#include <doctest/doctest.h>

using hgj::split_front_matter;

TEST_CASE("front matter splits TOML from the Markdown body and keeps line numbers") {
  const auto parts =
      split_front_matter("+++\ntitle = \"关于\"\norder = 1\n+++\n正文第一行\n第二行\n");
  REQUIRE(parts.ok);
  CHECK(parts.toml == "title = \"关于\"\norder = 1\n");
  CHECK(parts.toml_line == 2);
  CHECK(parts.body == "正文第一行\n第二行\n");
  CHECK(parts.body_line == 5);
}

TEST_CASE("front matter accepts CRLF and trailing spaces on the fences") {
  const auto parts = split_front_matter("+++  \r\na = 1\r\n+++\r\nbody");
  REQUIRE(parts.ok);
  CHECK(parts.toml == "a = 1\r\n");
  CHECK(parts.body == "body");
  CHECK(parts.body_line == 4);
}

TEST_CASE("front matter with an empty body") {
  const auto parts = split_front_matter("+++\na = 1\n+++");
  REQUIRE(parts.ok);
  CHECK(parts.body.empty());
}

TEST_CASE("a file without an opening fence is an error on line 1") {
  const auto parts = split_front_matter("title = \"x\"\n");
  CHECK_FALSE(parts.ok);
  CHECK(parts.error == "a content file must start with a +++ line (TOML front matter)");
  CHECK(parts.error_line == 1);
  CHECK_FALSE(split_front_matter("").ok);
}

TEST_CASE("front matter that never closes is an error") {
  const auto parts = split_front_matter("+++\ntitle = \"x\"\n++\n");
  CHECK_FALSE(parts.ok);
  CHECK(parts.error == "the front matter opened on line 1 is never closed with a +++ line");
}
