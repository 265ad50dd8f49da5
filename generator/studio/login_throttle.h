// Slows password guessing at the login form: failures are counted per user name and per
// client address; 5 within 15 minutes lock that key for 30 s, and each further failure
// before 15 quiet minutes (after the lock) doubles the wait, up to 15 minutes. Pure logic: the
// caller passes the time, so tests need no clock.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace hgj::studio {

struct ThrottleLimits {
  int failures = 5;  // failures that start a lock
  std::chrono::seconds window{15 *
                              60};  // quiet this long after the last failure and lock: forgotten
  std::chrono::seconds first_wait{30};         // the first lock
  std::chrono::seconds longest_wait{15 * 60};  // the doubling stops here
  std::size_t max_keys = 10000;                // names and addresses remembered at most
};

// Thread-safe.
class LoginThrottle {
 public:
  using Time = std::chrono::system_clock::time_point;

  explicit LoginThrottle(ThrottleLimits limits = {}) : limits_(limits) {}

  // Before checking a password: 0 to go ahead, else the seconds to wait (rounded up).
  // A refused attempt is not checked and not counted.
  std::chrono::seconds wait(std::string_view name, std::string_view address, Time now);
  // A wrong password (or an unknown name) from `address`.
  void failed(std::string_view name, std::string_view address, Time now);
  // The right password: the name's failures are forgotten. The address's are not, or one
  // account of one's own would reset the count for guessing everyone else's.
  void succeeded(std::string_view name);

  std::size_t keys() const;

 private:
  struct Entry {
    int failures = 0;
    int locks = 0;  // locks so far in this run of failures: the next waits twice as long
    Time last_failure;
    Time locked_until;
  };

  bool forgotten(const Entry& entry, Time now) const;
  std::chrono::seconds wait_for(const std::string& key, Time now) const;
  void count_failure(const std::string& key, Time now);
  void make_room(Time now);

  ThrottleLimits limits_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry> entries_;  // "name:…" and "addr:…"
};

// 「登录失败次数过多，请 N 秒后再试」 (English: too many failed logins…).
std::string throttle_message(std::chrono::seconds wait);

}  // namespace hgj::studio
