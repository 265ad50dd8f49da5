#include "control_characters.h"

#include <algorithm>
#include <cstdio>

#include "hgj/language.h"

namespace hgj {

namespace {

// The length of the control character at `i` (1, or 2 for a C1 in UTF-8), or 0. The text
// is valid UTF-8, so C2 80..C2 9F is always U+0080..U+009F.
std::size_t control_at(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return 1;
  if (c == 0xC2 && i + 1 < text.size()) {
    const auto next = static_cast<unsigned char>(text[i + 1]);
    if (next >= 0x80 && next <= 0x9F) return 2;
  }
  return 0;
}

char32_t code_point(std::string_view text, std::size_t i, std::size_t length) {
  if (length == 1) return static_cast<unsigned char>(text[i]);
  return static_cast<unsigned char>(text[i + 1]);  // C2 xx is U+00xx
}

bool may_be_control(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7F || u == 0xC2;
}

std::string hex(char32_t c) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(c));
  return buffer;
}

}  // namespace

void ControlCharacters::remove(std::string& text, int first_line, bool lone_cr_ends_line) {
  // Most files have none: one pass that only looks, and no copy.
  std::size_t i = 0;
  while (i < text.size() && !(may_be_control(text[i]) && control_at(text, i) != 0)) ++i;
  if (i == text.size()) return;
  int line = first_line;
  std::size_t out = 0;
  for (std::size_t in = 0; in < text.size();) {
    if (const std::size_t length = control_at(text, in)) {
      found_[line].insert(code_point(text, in, length));
      in += length;
      continue;
    }
    const char c = text[in];
    if (c == '\n' ||
        (c == '\r' && lone_cr_ends_line && (in + 1 >= text.size() || text[in + 1] != '\n'))) {
      ++line;
    }
    text[out++] = c;
    ++in;
  }
  text.resize(out);
}

void ControlCharacters::remove_in_node(toml::node& node, int first_line) {
  if (toml::value<std::string>* s = node.as_string()) {
    std::string& text = s->get();
    if (std::none_of(text.begin(), text.end(), may_be_control)) return;
    // The string's own newlines ("""…""") are not counted: one warning at its first line.
    const int line = static_cast<int>(node.source().begin.line) + first_line - 1;
    std::string kept;
    for (std::size_t i = 0; i < text.size();) {
      if (const std::size_t length = control_at(text, i)) {
        found_[line].insert(code_point(text, i, length));
        i += length;
      } else {
        kept += text[i++];
      }
    }
    text = std::move(kept);
  } else if (toml::array* array = node.as_array()) {
    for (toml::node& item : *array) remove_in_node(item, first_line);
  } else if (toml::table* table = node.as_table()) {
    for (auto&& [key, value] : *table) remove_in_node(value, first_line);
  }
}

void ControlCharacters::remove(toml::table& table, int first_line) {
  for (auto&& [key, value] : table) remove_in_node(value, first_line);
}

void ControlCharacters::report(const std::string& path, DiagnosticSink& sink) {
  for (const auto& [line, characters] : found_) {
    std::string names;
    for (const char32_t c : characters) names += (names.empty() ? "" : ", ") + hex(c);
    sink.warning({path, line, 0},
                 say("已去掉看不见的控制字符 " + names + "（多半是从别处复制来的）",
                     std::string("invisible control character") +
                         (characters.size() > 1 ? "s " : " ") + names + " removed"));
  }
  found_.clear();
}

}  // namespace hgj
