#include "studio/login_throttle.h"

#include <algorithm>

#include "hgj/language.h"

namespace hgj::studio {

namespace {

std::string name_key(std::string_view name) { return "name:" + std::string(name); }
std::string address_key(std::string_view address) { return "addr:" + std::string(address); }

}  // namespace

// Quiet for a whole window since the last failure and since the lock ended: forgotten.
// Counted from the lock's end, so waiting out the longest lock does not start afresh.
bool LoginThrottle::forgotten(const Entry& entry, Time now) const {
  return now - std::max(entry.last_failure, entry.locked_until) >= limits_.window;
}

std::chrono::seconds LoginThrottle::wait_for(const std::string& key, Time now) const {
  const auto found = entries_.find(key);
  if (found == entries_.end() || found->second.locked_until <= now) return std::chrono::seconds(0);
  // Rounded up: "wait 0 seconds" while still locked would be a lie.
  return std::chrono::ceil<std::chrono::seconds>(found->second.locked_until - now);
}

std::chrono::seconds LoginThrottle::wait(std::string_view name, std::string_view address,
                                         Time now) {
  const std::lock_guard<std::mutex> lock(mutex_);
  return std::max(wait_for(name_key(name), now), wait_for(address_key(address), now));
}

void LoginThrottle::count_failure(const std::string& key, Time now) {
  auto found = entries_.find(key);
  if (found == entries_.end()) {
    make_room(now);
    found = entries_.emplace(key, Entry{}).first;
  }
  Entry& entry = found->second;
  if (entry.failures > 0 && forgotten(entry, now)) entry = Entry{};
  entry.last_failure = now;
  if (++entry.failures < limits_.failures) return;
  const int doublings = std::min(entry.locks, 30);
  const std::chrono::seconds wait =
      std::min(limits_.first_wait * (std::int64_t{1} << doublings), limits_.longest_wait);
  entry.locked_until = now + wait;
  ++entry.locks;
}

void LoginThrottle::failed(std::string_view name, std::string_view address, Time now) {
  const std::lock_guard<std::mutex> lock(mutex_);
  count_failure(name_key(name), now);
  count_failure(address_key(address), now);
}

void LoginThrottle::succeeded(std::string_view name) {
  const std::lock_guard<std::mutex> lock(mutex_);
  entries_.erase(name_key(name));
}

std::size_t LoginThrottle::keys() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

// Forgets what no longer matters (forgotten entries), then, if still
// full, the key whose last failure is oldest: memory stays bounded under a flood of names.
void LoginThrottle::make_room(Time now) {
  if (entries_.size() < limits_.max_keys) return;
  std::erase_if(entries_, [this, now](const auto& item) { return forgotten(item.second, now); });
  while (!entries_.empty() && entries_.size() >= limits_.max_keys) {
    const auto oldest = std::min_element(
        entries_.begin(), entries_.end(),
        [](const auto& a, const auto& b) { return a.second.last_failure < b.second.last_failure; });
    entries_.erase(oldest);
  }
}

std::string throttle_message(std::chrono::seconds wait) {
  const std::string n = std::to_string(wait.count());
  return say("登录失败次数过多，请 " + n + " 秒后再试",
             "too many failed logins: try again in " + n + " seconds");
}

}  // namespace hgj::studio
