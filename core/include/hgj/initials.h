// What a steward's avatar shows in place of a photo, the same on the site, the boards and
// the lobby screens.
#pragma once

#include <string>

namespace hgj {

// A Chinese name's last two characters (王建国 → 建国, 欧阳明月 → 明月), a two- or
// one-character name whole (毛毅 → 毛毅); for other scripts the capitalised first letters
// of the first and last words (Anna Li → AL). Only the part before a middle dot counts
// (阿依古丽·买买提 → 古丽). Empty for an empty name.
std::string initials(const std::string& name);

}  // namespace hgj
