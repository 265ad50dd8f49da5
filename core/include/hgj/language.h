// The language of what hgj says to people: Chinese for staff by default, English for
// developers (`--lang en`, or an English locale). One choice per run, made before the
// content is loaded, so every message of that run speaks the same language.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hgj {

enum class Language { zh, en };

// From LC_ALL, LC_MESSAGES, LANG (the first one set, as the C library reads them): an
// "en…" locale means English; anything else, and no locale at all, Chinese.
Language language_from_environment();
// "zh"/"zh-CN"/"zh_CN.UTF-8"… or "en"/"en_US"…; nullopt for anything else.
std::optional<Language> parse_language(std::string_view name);

void set_language(Language language);
Language current_language();

// The message in the run's language. Both texts are written side by side where the
// message is made, so the two never drift apart.
std::string say(std::string_view zh, std::string_view en);

}  // namespace hgj
