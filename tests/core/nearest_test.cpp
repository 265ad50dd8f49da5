#include "../../core/src/nearest.h"

#include <doctest/doctest.h>

using namespace hgj;

TEST_CASE("edit distance counts characters, and a swap of neighbours as one") {
  CHECK(edit_distance("张桂兰", "张桂南") == 1);
  CHECK(edit_distance("phnoe", "phone") == 1);
  CHECK(edit_distance("papr", "paper") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("b9", "b9") == 0);
}

TEST_CASE("nearest gives up to three candidates within a third of the word, nearest first") {
  const std::vector<std::string> ids = {"b1", "b2", "b3", "b4", "c10"};
  CHECK(nearest("b9", ids) == std::vector<std::string>{"b1", "b2", "b3"});
  CHECK(nearest("slide_second", {"idle_seconds", "slide_seconds"}) ==
        (std::vector<std::string>{"slide_seconds", "idle_seconds"}));
  CHECK(nearest("完全不同", {"张桂兰"}).empty());
}
