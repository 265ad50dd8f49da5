#include "hgj/language.h"

#include <atomic>
#include <cstdlib>

namespace hgj {

namespace {

// Set once by the command line before any work starts; read from loader threads.
std::atomic<Language> run_language{Language::zh};

bool starts_with_word(std::string_view name, std::string_view word) {
  if (!name.starts_with(word)) return false;
  if (name.size() == word.size()) return true;
  const char next = name[word.size()];
  return next == '_' || next == '-' || next == '.' || next == '@';
}

}  // namespace

std::optional<Language> parse_language(std::string_view name) {
  if (starts_with_word(name, "zh")) return Language::zh;
  if (starts_with_word(name, "en")) return Language::en;
  return std::nullopt;
}

Language language_from_environment() {
  for (const char* variable : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(variable);
    if (value == nullptr || *value == '\0') continue;
    return parse_language(value) == Language::en ? Language::en : Language::zh;
  }
  return Language::zh;
}

void set_language(Language language) { run_language.store(language); }

Language current_language() { return run_language.load(); }

std::string say(std::string_view zh, std::string_view en) {
  return std::string(current_language() == Language::en ? en : zh);
}

}  // namespace hgj
