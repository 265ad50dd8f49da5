#include "hgj/speech.h"

#include <string>
#include <vector>

namespace hgj {

namespace {

const char* const digit_words[10] = {"零", "幺", "二", "三", "四", "五", "六", "七", "八", "九"};

bool digit(char c) { return c >= '0' && c <= '9'; }

// "19:00–20:30" → "19点到20点30分": engines read a colon as a ratio and skip the dash.
std::string spoken_times(std::string_view text) {
  const std::string_view dash = "–";
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (text.substr(i, dash.size()) == dash) {
      out += "到";
      i += dash.size();
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && j - i < 2 && digit(text[j])) ++j;
    const bool clock = j > i && (i == 0 || !digit(text[i - 1])) && j + 2 < text.size() &&
                       text[j] == ':' && digit(text[j + 1]) && digit(text[j + 2]);
    if (!clock) {
      out += text[i++];
      continue;
    }
    const int minutes = (text[j + 1] - '0') * 10 + (text[j + 2] - '0');
    out += std::to_string(std::stoi(std::string(text.substr(i, j - i)))) + "点";
    if (minutes) out += std::to_string(minutes) + "分";
    i = j + 3;
  }
  return out;
}

}  // namespace

std::string spoken_phone(std::string_view display) {
  std::vector<std::string> groups(1);
  for (char ch : display) {
    if (ch >= '0' && ch <= '9')
      groups.back() += digit_words[ch - '0'];
    else if ((ch == ' ' || ch == '-') && !groups.back().empty())
      groups.emplace_back();
    else if (ch != ' ' && ch != '-')
      groups.back() += ch;  // 转, kept with the extension
  }
  if (groups.back().empty()) groups.pop_back();
  std::string out;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const bool after_ext_marker = i > 0 && groups[i - 1] == "转";
    if (i > 0 && !after_ext_marker) out += "，";
    out += groups[i];
  }
  return out;
}

std::string steward_speech(std::string_view who, std::string_view name,
                           const std::optional<Phone>& phone, std::string_view next_knock) {
  std::string out(who);
  out += name;
  if (phone) out += "，电话：" + spoken_phone(phone->display);
  out += "。";
  if (!next_knock.empty()) out += knock_day_speech(next_knock);
  return out;
}

std::string knock_day_speech(std::string_view when) {
  return "下次敲门日：" + spoken_times(when) + "。";
}

}  // namespace hgj
