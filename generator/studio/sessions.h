// Logged-in browsers: sessions held in memory (a restart logs everyone out), each with
// its own CSRF token, ended after 2 hours idle or 12 hours in all; and the session
// cookie, written and read back.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "studio/accounts.h"

namespace hgj::studio {

using SessionClock = std::chrono::system_clock;
using SessionTime = SessionClock::time_point;

inline constexpr std::chrono::hours session_idle_timeout{2};
inline constexpr std::chrono::hours session_absolute_timeout{12};
inline constexpr std::string_view session_cookie_name = "hgj_session";

struct Session {
  std::string id;          // 32 random bytes, base64url without padding (43 characters)
  std::string csrf_token;  // another 32 random bytes, same form; sent back by every change
  std::string user;        // the user name
  std::int64_t password_version = 0;  // the user's when the session began (accounts.h)
  SessionTime created;
  SessionTime last_seen;
};

// Thread-safe. At most `capacity` sessions: a new one beyond it first drops the expired,
// then the one idle longest, so memory stays bounded whatever is thrown at the login page.
class Sessions {
 public:
  explicit Sessions(std::size_t capacity = 10000) : capacity_(capacity) {}

  Session create(const std::string& user, std::int64_t password_version, SessionTime now);
  // The live session with this id, its last_seen moved to `now`; nullopt (and the
  // session forgotten) when it is unknown or idle too long or too old.
  std::optional<Session> find(std::string_view id, SessionTime now);
  void end(std::string_view id);
  // Every session of `user` (after a password change or removal); returns how many.
  std::size_t end_all_for(std::string_view user);
  std::size_t size() const;

 private:
  void make_room(SessionTime now);

  std::size_t capacity_;
  mutable std::mutex mutex_;
  // Keyed by a hash of the id, so looking one up takes no time that depends on how
  // much of a guessed id is right.
  std::unordered_map<std::string, Session> by_key_;
};

// Whether `session` was idle or alive too long at `now`.
bool session_expired(const Session& session, SessionTime now);

// The session's user as users.json has them now: nullopt when removed, or when their
// password changed since the session began (also by `hgj studio user passwd` while the
// server runs). Call on every request, so role and community changes apply at once.
// Throws AccountError when users.json cannot be read.
std::optional<User> session_user(const Session& session, const UserStore& store);

// Equal strings, compared in time that does not depend on where they differ (sodium_memcmp).
bool tokens_equal(std::string_view a, std::string_view b);
// The form's or header's CSRF token is the session's.
bool csrf_ok(const Session& session, std::string_view token);

// Set-Cookie value for the session: "hgj_session=ID; Path=/; HttpOnly; SameSite=Strict",
// plus "; Secure" when the server is reached over TLS (behind a reverse proxy).
std::string session_cookie(std::string_view id, bool secure);
// Set-Cookie value that makes the browser forget the session cookie (logout).
std::string session_cookie_cleared(bool secure);

// The value of cookie `name` in a Cookie header ("a=1; hgj_session=…"), the first one
// when it appears twice; surrounding double quotes are removed. nullopt when absent, or
// when the value holds control characters, spaces, commas, semicolons, backslashes or an
// unmatched quote. Never throws, whatever the header holds.
std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name);

}  // namespace hgj::studio
