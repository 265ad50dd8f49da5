// "Did you mean": the candidates nearest to a word staff typed, by edit distance over
// characters (code points: 张桂兰 and 张桂南 are one apart, not three).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hgj {

// Edit distance between two UTF-8 texts, counted in code points; swapping two
// neighbours is one edit.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Up to `most` of `candidates` within a distance that still reads as a typo (a third of
// the word, at least 1), nearest first, ties in the candidates' order.
std::vector<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates,
                                 std::size_t most = 3);

}  // namespace hgj
