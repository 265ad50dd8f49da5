#include "studio/sessions.h"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

namespace hgj::studio {

namespace {

constexpr std::size_t token_bytes = 32;

std::string random_token() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
  unsigned char bytes[token_bytes];
  randombytes_buf(bytes, sizeof bytes);
  char text[sodium_base64_ENCODED_LEN(token_bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return text;
}

std::string key_of(std::string_view id) {
  unsigned char hash[crypto_generichash_BYTES];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(id.data()),
                     id.size(), nullptr, 0);
  return std::string(reinterpret_cast<const char*>(hash), sizeof hash);
}

std::string_view trim(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

// RFC 6265's cookie-octet: printable ASCII but space, '"', ',', ';' and '\\'.
bool is_cookie_octet(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte > 0x20 && byte < 0x7F && c != '"' && c != ',' && c != ';' && c != '\\';
}

}  // namespace

bool session_expired(const Session& session, SessionTime now) {
  return now - session.last_seen >= session_idle_timeout ||
         now - session.created >= session_absolute_timeout || now < session.created;
}

Session Sessions::create(const std::string& user, std::int64_t password_version, SessionTime now) {
  Session session{random_token(), random_token(), user, password_version, now, now};
  const std::lock_guard<std::mutex> lock(mutex_);
  make_room(now);
  by_key_[key_of(session.id)] = session;
  return session;
}

void Sessions::make_room(SessionTime now) {
  if (by_key_.size() < capacity_) return;
  std::erase_if(by_key_, [now](const auto& entry) { return session_expired(entry.second, now); });
  while (!by_key_.empty() && by_key_.size() >= capacity_) {
    const auto idlest = std::min_element(
        by_key_.begin(), by_key_.end(),
        [](const auto& a, const auto& b) { return a.second.last_seen < b.second.last_seen; });
    by_key_.erase(idlest);
  }
}

std::optional<Session> Sessions::find(std::string_view id, SessionTime now) {
  const std::lock_guard<std::mutex> lock(mutex_);
  const auto found = by_key_.find(key_of(id));
  if (found == by_key_.end() || !tokens_equal(found->second.id, id)) return std::nullopt;
  if (session_expired(found->second, now)) {
    by_key_.erase(found);
    return std::nullopt;
  }
  found->second.last_seen = now;
  return found->second;
}

void Sessions::end(std::string_view id) {
  const std::lock_guard<std::mutex> lock(mutex_);
  by_key_.erase(key_of(id));
}

std::size_t Sessions::end_all_for(std::string_view user) {
  const std::lock_guard<std::mutex> lock(mutex_);
  return std::erase_if(by_key_, [user](const auto& entry) { return entry.second.user == user; });
}

std::size_t Sessions::size() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return by_key_.size();
}

std::optional<User> session_user(const Session& session, const UserStore& store) {
  std::optional<User> user = store.find(session.user);
  if (!user || user->password_version != session.password_version) return std::nullopt;
  return user;
}

bool tokens_equal(std::string_view a, std::string_view b) {
  // The lengths are not secret (every token has the same one); the bytes are.
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool csrf_ok(const Session& session, std::string_view token) {
  return !session.csrf_token.empty() && tokens_equal(session.csrf_token, token);
}

std::string session_cookie(std::string_view id, bool secure) {
  return std::string(session_cookie_name) + "=" + std::string(id) +
         "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
}

std::string session_cookie_cleared(bool secure) {
  return std::string(session_cookie_name) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
  if (name.empty()) return std::nullopt;
  while (!header.empty()) {
    const std::size_t end = header.find(';');
    const std::string_view pair = trim(header.substr(0, end));
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    const std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos || trim(pair.substr(0, equals)) != name) continue;
    std::string_view value = trim(pair.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    if (!std::all_of(value.begin(), value.end(), is_cookie_octet)) return std::nullopt;
    return std::string(value);
  }
  return std::nullopt;
}

}  // namespace hgj::studio
