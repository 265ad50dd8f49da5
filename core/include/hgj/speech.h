// What read-aloud (朗读) says: the site's 朗读 button and the kiosk's speak the same
// words, built here as plain text so tests can check them. Phone numbers are spoken
// digit by digit, 1 as 幺 (as numbers are read out in Chinese), one group at a time.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "hgj/values.h"

namespace hgj {

// "138 0000 0001" → "幺三八，零零零零，零零零幺"; "0570-8012345 转 12" →
// "零五七零，八零幺二三四五，转幺二". Takes Phone::display.
std::string spoken_phone(std::string_view display);

// "下次敲门日：2026年11月24日（周二） 19点到20点30分。" from "…（周二） 19:00–20:30", the
// occurrence as pages show it: times as they are said, not as they are written.
std::string knock_day_speech(std::string_view when);

// "红管家王建华，电话：幺三八，零零零零，零零零幺。下次敲门日：2026年11月24日（周二）
// 19点到20点30分。" Parts that are absent or empty are left out; `who` names the role
// ("红管家", "本楼红管家").
std::string steward_speech(std::string_view who, std::string_view name,
                           const std::optional<Phone>& phone, std::string_view next_knock);

}  // namespace hgj
