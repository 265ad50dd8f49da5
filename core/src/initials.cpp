#include "hgj/initials.h"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <vector>

namespace hgj {

namespace {

std::vector<char32_t> code_points(std::string_view utf8) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    const int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t c = length == 1 ? lead : lead & (0x7F >> length);
    for (int k = 1; k < length && i + k < utf8.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    }
    out.push_back(c);
    i += length;
  }
  return out;
}

std::string to_utf8(const std::vector<char32_t>& text) {
  std::string out;
  for (char32_t c : text) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\u3000' || c == U'\u00A0'; }
bool is_middle_dot(char32_t c) { return c == U'·' || c == U'•' || c == U'・' || c == U'．'; }
// CJK ideographs and the compatibility/extension blocks names use.
bool is_han(char32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3134F);
}

char32_t upper(char32_t c) { return c >= U'a' && c <= U'z' ? c - U'a' + U'A' : c; }

}  // namespace

std::string initials(const std::string& name) {
  std::vector<char32_t> all = code_points(name);
  // Only the given-name part before a middle dot (阿依古丽·买买提), spaces dropped.
  auto dot = std::find_if(all.begin(), all.end(), is_middle_dot);
  if (dot != all.begin()) all.erase(dot, all.end());
  const bool han = std::any_of(all.begin(), all.end(), is_han);
  if (han) {
    std::vector<char32_t> chars;
    std::copy_if(all.begin(), all.end(), std::back_inserter(chars),
                 [](char32_t c) { return !is_space(c); });
    if (chars.size() > 2) chars.erase(chars.begin(), chars.end() - 2);
    return to_utf8(chars);
  }
  std::vector<char32_t> firsts;  // first letter of each word
  bool at_word_start = true;
  for (char32_t c : all) {
    if (is_space(c) || c == U'-' || c == U'.') {
      at_word_start = true;
    } else if (at_word_start) {
      firsts.push_back(upper(c));
      at_word_start = false;
    }
  }
  if (firsts.size() > 2) firsts.erase(firsts.begin() + 1, firsts.end() - 1);
  return to_utf8(firsts);
}

}  // namespace hgj
