#include "hgj/language.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hgj {

TEST_CASE("language names: zh and en with their regions and encodings") {
  CHECK(parse_language("zh") == Language::zh);
  CHECK(parse_language("zh_CN.UTF-8") == Language::zh);
  CHECK(parse_language("zh-TW") == Language::zh);
  CHECK(parse_language("en") == Language::en);
  CHECK(parse_language("en_US.UTF-8") == Language::en);
  CHECK_FALSE(parse_language("eng").has_value());
  CHECK_FALSE(parse_language("C").has_value());
  CHECK_FALSE(parse_language("").has_value());
}

TEST_CASE("the environment: the first locale variable set decides, Chinese otherwise") {
  std::vector<std::pair<const char*, std::optional<std::string>>> saved;
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    saved.emplace_back(name, value ? std::optional<std::string>(value) : std::nullopt);
  }
  const auto with = [](const char* all, const char* messages, const char* lang) {
    for (auto [name, value] :
         {std::pair{"LC_ALL", all}, std::pair{"LC_MESSAGES", messages}, std::pair{"LANG", lang}}) {
      if (value == nullptr)
        unsetenv(name);
      else
        setenv(name, value, 1);
    }
    return language_from_environment();
  };
  CHECK(with(nullptr, nullptr, nullptr) == Language::zh);
  CHECK(with(nullptr, nullptr, "C.UTF-8") == Language::zh);
  CHECK(with(nullptr, nullptr, "en_US.UTF-8") == Language::en);
  CHECK(with("zh_CN.UTF-8", nullptr, "en_US.UTF-8") == Language::zh);
  CHECK(with("", "en_GB.UTF-8", "zh_CN.UTF-8") == Language::en);
  for (const auto& [name, value] : saved) {
    if (value)
      setenv(name, value->c_str(), 1);
    else
      unsetenv(name);
  }
}

TEST_CASE("say picks the run's language") {
  const Language before = current_language();
  set_language(Language::zh);
  CHECK(say("错误", "error") == "错误");
  set_language(Language::en);
  CHECK(say("错误", "error") == "error");
  set_language(before);
}

}  // namespace hgj
