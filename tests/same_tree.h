// Comparing two output trees (testing::tree()) in a doctest test, naming each file that
// is missing, left over, or has other bytes, and where those bytes first differ.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>
#include <string>

namespace hgj::testing {

// `bytes` from `at` on, at most 48 of them, with anything unprintable as \xNN.
inline std::string printable_bytes(const std::string& bytes, std::size_t at) {
  std::string out;
  for (std::size_t i = at; i < bytes.size() && i < at + 48; ++i) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    }
  }
  return out;
}

// The sizes and the first byte that differs, with a little of each file from there: a
// failure in CI is read from its log, and a PDF or a photo dumped whole would bury it.
inline std::string first_difference(const std::string& got, const std::string& want) {
  const std::size_t shorter = std::min(got.size(), want.size());
  std::size_t at = 0;
  while (at < shorter && got[at] == want[at]) ++at;
  std::ostringstream s;
  s << got.size() << " bytes, a build into an empty folder " << want.size()
    << "; first differs at byte " << at << "\n  got:  " << printable_bytes(got, at)
    << "\n  want: " << printable_bytes(want, at);
  // In a PDF, which object: the differing bytes are most often inside a compressed stream.
  if (got.starts_with("%PDF-")) {
    const std::size_t object = got.rfind(" 0 obj", at);
    if (object != std::string::npos) {
      const std::size_t line = got.rfind('\n', object);
      const std::size_t start = line == std::string::npos ? 0 : line + 1;
      s << "\n  in PDF object " << got.substr(start, object + 6 - start);
    }
  }
  return s.str();
}

inline void check_same_tree(const std::map<std::string, std::string>& got,
                            const std::map<std::string, std::string>& want) {
  for (const auto& [path, bytes] : want) {
    const auto found = got.find(path);
    CHECK_MESSAGE(found != got.end(), "missing " << path);
    if (found == got.end()) continue;
    // A bool, not the bytes: doctest would print both files whole.
    const bool same = found->second == bytes;
    CHECK_MESSAGE(same, "differs from a build into an empty folder: "
                            << path << ": "
                            << (same ? "" : first_difference(found->second, bytes)));
  }
  for (const auto& [path, bytes] : got) CHECK_MESSAGE(want.count(path) == 1, "left over " << path);
}

}  // namespace hgj::testing
