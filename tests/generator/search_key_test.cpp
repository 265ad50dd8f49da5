#include "site/pages/search_key.h"

#include <doctest/doctest.h>

using namespace hgj::site;

TEST_CASE("the box's fold: full width, case, spaces, 幢 = 栋 = 号楼 = 号, 小区 and 社区 optional") {
  CHECK(search_fold("德平坝小区３幢") == "德平坝3栋");
  CHECK(search_fold("德平坝 3号楼") == "德平坝3栋");
  CHECK(search_fold("德平坝3号") == "德平坝3栋");
  CHECK(search_fold("天平巷社区") == "天平巷");
  CHECK(search_fold("ＤＰＢ　Ab") == "dpbab");
  CHECK(search_folds() == "号楼=栋;幢=栋;号=栋;小区=;社区=");
}

TEST_CASE("pinyin initials: one letter per Han character, digits and letters kept") {
  CHECK(pinyin_initials("德平坝3栋") == "dpb3d");
  CHECK(pinyin_initials("锦绣家园12栋") == "jxjy12d");
  CHECK(pinyin_initials("a·b-1") == "ab1");
  CHECK(search_haystack("德平坝小区3幢", "天平巷德平坝小区3幢", "天平巷社区") ==
        "德平坝3栋|天平巷德平坝3栋|天平巷|dpb3d|tpx");
}
