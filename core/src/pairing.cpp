#include "hgj/pairing.h"

#include <array>
#include <cstdint>

#include "hgj/ledger_values.h"
#include "hgj/sha256.h"

namespace hgj {

namespace {

char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (upper(a[i]) != upper(b[i])) return false;
  return true;
}

}  // namespace

std::string pairing_code(std::string_view screen_id) {
  if (screen_id.empty()) return {};
  // A hash, not the id's own digits: ids from machine ids share no structure to rely on,
  // and a [status] screen name ("lobby-3") gets a code of the same shape.
  Sha256 hash;
  hash.update("hgj-kiosk pairing code\n");
  hash.update(screen_id);
  const std::array<std::uint8_t, 32> digest = hash.finish();
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < 8; ++i) v = v << 8 | digest[i];
  std::string code;
  for (std::size_t i = 0; i < pairing_code_length; ++i) {
    code += pairing_alphabet[v % pairing_alphabet.size()];
    v /= pairing_alphabet.size();
  }
  return code;
}

std::string pairing_code_display(std::string_view code) {
  if (code.size() != pairing_code_length) return std::string(code);
  return std::string(code.substr(0, 3)) + "-" + std::string(code.substr(3));
}

std::optional<std::string> normalize_pairing_code(std::string_view text) {
  // A spreadsheet may hold ＫＱ７… or a dash of another width: folded first.
  const std::string folded = normalize_width(std::string(text));
  std::string code;
  for (const char c : folded) {
    if (c == '-' || c == ' ' || c == '\t') continue;
    const char u = upper(c);
    if (pairing_alphabet.find(u) == std::string_view::npos) return std::nullopt;
    code += u;
  }
  if (code.size() != pairing_code_length) return std::nullopt;
  return code;
}

bool names_screen(std::string_view listed, std::string_view screen_id) {
  if (listed.empty() || screen_id.empty()) return false;
  if (same_ignoring_case(listed, screen_id)) return true;
  const std::optional<std::string> code = normalize_pairing_code(listed);
  return code && *code == pairing_code(screen_id);
}

}  // namespace hgj
