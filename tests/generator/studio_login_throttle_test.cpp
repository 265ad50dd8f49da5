#include <doctest/doctest.h>

#include <string>

#include "../language_scope.h"
#include "studio/login_throttle.h"

namespace hgj::studio {

using namespace std::chrono_literals;

namespace {

const LoginThrottle::Time t0 = LoginThrottle::Time(std::chrono::seconds(1796000000));

}  // namespace

TEST_CASE("5 failures within 15 minutes lock for 30 s, then 60, 120 … up to 15 minutes") {
  LoginThrottle throttle;
  auto now = t0;
  for (int i = 0; i < 4; ++i) {
    throttle.failed("wang", "10.0.0.5", now);
    CHECK(throttle.wait("wang", "10.0.0.5", now) == 0s);
    now += 2min;
  }
  throttle.failed("wang", "10.0.0.5", now);
  CHECK(throttle.wait("wang", "10.0.0.5", now) == 30s);
  CHECK(throttle.wait("wang", "10.0.0.5", now + 29s + 500ms) == 1s);  // rounded up
  CHECK(throttle.wait("wang", "10.0.0.5", now + 30s) == 0s);
  for (const auto expected : {60s, 120s, 240s, 480s, 900s, 900s}) {
    now += throttle.wait("wang", "10.0.0.5", now);
    throttle.failed("wang", "10.0.0.5", now);
    CHECK(throttle.wait("wang", "10.0.0.5", now) == expected);
  }
  // Waiting out the longest lock does not start the count afresh; 15 quiet minutes after it do.
  now += 900s;
  throttle.failed("wang", "10.0.0.5", now);
  CHECK(throttle.wait("wang", "10.0.0.5", now) == 900s);
  now += 900s + 15min;
  for (int i = 0; i < 4; ++i) throttle.failed("wang", "10.0.0.5", now);
  CHECK(throttle.wait("wang", "10.0.0.5", now) == 0s);
}

TEST_CASE("failures spread over more than 15 minutes do not lock") {
  LoginThrottle throttle;
  for (int i = 0; i < 20; ++i) throttle.failed("wang", "10.0.0.5", t0 + i * 16min);
  CHECK(throttle.wait("wang", "10.0.0.5", t0 + 19 * 16min) == 0s);
}

TEST_CASE("a name is locked from every address, an address for every name") {
  LoginThrottle throttle;
  for (int i = 0; i < 5; ++i) throttle.failed("wang", "10.0.0." + std::to_string(i), t0);
  CHECK(throttle.wait("wang", "10.0.0.99", t0) == 30s);
  CHECK(throttle.wait("li", "10.0.0.99", t0) == 0s);
  for (int i = 0; i < 5; ++i) throttle.failed("user" + std::to_string(i), "192.168.1.7", t0);
  CHECK(throttle.wait("zhao", "192.168.1.7", t0) == 30s);
  CHECK(throttle.wait("zhao", "192.168.1.8", t0) == 0s);
}

TEST_CASE("a success clears the name's failures but not the address's") {
  LoginThrottle throttle;
  for (int i = 0; i < 4; ++i) throttle.failed("wang", "10.0.0.5", t0);
  throttle.succeeded("wang");
  throttle.failed("wang", "10.0.0.6", t0);
  CHECK(throttle.wait("wang", "10.0.0.6", t0) == 0s);
  // The address had 4 failures: its 5th, under another name, locks it.
  throttle.failed("li", "10.0.0.5", t0);
  CHECK(throttle.wait("zhao", "10.0.0.5", t0) == 30s);
}

TEST_CASE("the throttle remembers a bounded number of names and addresses") {
  ThrottleLimits limits;
  limits.max_keys = 10;
  LoginThrottle throttle(limits);
  for (int i = 0; i < 1000; ++i)
    throttle.failed("user" + std::to_string(i),
                    "10.0." + std::to_string(i / 256) + "." + std::to_string(i % 256),
                    t0 + std::chrono::seconds(i));
  CHECK(throttle.keys() <= 10);
  // The newest are kept: the last name's failure still counts.
  for (int i = 0; i < 4; ++i) throttle.failed("user999", "10.9.9.9", t0 + 1000s);
  CHECK(throttle.wait("user999", "10.9.9.9", t0 + 1000s) == 30s);
}

TEST_CASE("the refusal says how long to wait, in Chinese first") {
  const LanguageScope chinese(Language::zh);
  CHECK(throttle_message(30s) == "登录失败次数过多，请 30 秒后再试");
  const LanguageScope english(Language::en);
  CHECK(throttle_message(900s) == "too many failed logins: try again in 900 seconds");
}

}  // namespace hgj::studio
