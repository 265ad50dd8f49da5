#include "log_limiter.h"

#include <cctype>

namespace hgj::kiosk {

namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Quotes and brackets around a path, and the punctuation after it, stay in the key.
bool wraps(char c) { return c == '"' || c == '\'' || c == '(' || c == ')' || c == '[' || c == ']'; }
bool trails(char c) { return wraps(c) || c == ':' || c == ',' || c == ';' || c == '.'; }

void add_word(std::string& key, std::string_view word) {
  if (word.find('/') != std::string_view::npos) {
    std::size_t a = 0, b = word.size();
    while (a < b && wraps(word[a])) ++a;
    while (b > a && trails(word[b - 1])) --b;
    key.append(word.substr(0, a));
    key += "<path>";
    key.append(word.substr(b));
    return;
  }
  for (std::size_t i = 0; i < word.size();) {
    if (!is_digit(word[i])) {
      key += word[i++];
      continue;
    }
    key += '#';
    while (i < word.size() && is_digit(word[i])) ++i;
  }
}

}  // namespace

std::string problem_key(std::string_view message) {
  std::string key;
  std::size_t i = 0;
  while (i < message.size()) {
    if (message[i] == ' ') {
      key += message[i++];
      continue;
    }
    const std::size_t end = std::min(message.find(' ', i), message.size());
    add_word(key, message.substr(i, end - i));
    i = end;
  }
  return key;
}

bool LogLimiter::allow(std::string_view message, Instant now) {
  // Problems logged an interval ago are forgotten, so the map stays small; so are
  // those "logged in the future" after the clock was set back.
  for (auto it = logged_.begin(); it != logged_.end();) {
    it = now - it->second >= interval_ || now < it->second ? logged_.erase(it) : std::next(it);
  }
  return logged_.try_emplace(problem_key(message), now).second;
}

}  // namespace hgj::kiosk
