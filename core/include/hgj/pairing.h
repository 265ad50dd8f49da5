// The pairing code (配对码) of an hgj-kiosk screen started without a building: six
// characters worked out from the screen's id (the value its X-HGJ-Screen header sends),
// shown on the screen as K7Q-4M2. Staff write it as the screen's id in screens.csv; the
// screen finds its row by it. The one rule for the code, its spelling and whether a
// screens.csv id names a screen: the kiosk, `hgj check` and `hgj fleet` all ask here.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hgj {

// The characters a code is made of: digits and capitals without the ones read as each
// other (0/O, 1/I/L).
inline constexpr std::string_view pairing_alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
inline constexpr std::size_t pairing_code_length = 6;

// The code of a screen id, canonical (six characters, no dash): the same id always gives
// the same code. Empty for an empty id.
std::string pairing_code(std::string_view screen_id);

// "K7Q4M2" → "K7Q-4M2", the form the screen shows (two groups of three are read and
// typed without losing one's place). Anything else is returned as it is.
std::string pairing_code_display(std::string_view code);

// A code as staff may write it — with or without the dash, spaces, either case,
// full-width — in canonical form; nullopt when `text` is not a code at all.
std::optional<std::string> normalize_pairing_code(std::string_view text);

// Whether the screens.csv id `listed` names the screen whose id is `screen_id`: the id
// itself (case-insensitive) or its pairing code in any accepted spelling.
bool names_screen(std::string_view listed, std::string_view screen_id);

}  // namespace hgj
