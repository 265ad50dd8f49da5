// Comparing two output trees (testing::tree()) in a doctest test, naming each file that
// is missing, left over, or has other bytes.
#pragma once

#include <doctest/doctest.h>

#include <map>
#include <string>

namespace hgj::testing {

inline void check_same_tree(const std::map<std::string, std::string>& got,
                            const std::map<std::string, std::string>& want) {
  for (const auto& [path, bytes] : want) {
    const auto found = got.find(path);
    CHECK_MESSAGE(found != got.end(), "missing " << path);
    if (found != got.end()) CHECK_MESSAGE(found->second == bytes, "differs from a build into an empty folder: " << path);
  }
  for (const auto& [path, bytes] : got) CHECK_MESSAGE(want.count(path) == 1, "left over " << path);
}

}  // namespace hgj::testing
