// The pure parts of syncing a fleet: the retry schedule (backoff with jitter) and the
// journal's limiter, each on its own with an injected random number or clock.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <set>

#include "backoff.h"
#include "log_limiter.h"

namespace hgj::kiosk {
namespace {

TEST_CASE(
    "kiosk retry schedule: doubles from the first wait up to the cap, within the upper half") {
  // The top of each step (unit → 1) and its bottom (unit 0).
  std::vector<int> top, bottom;
  for (int n = 1; n <= 7; ++n) {
    top.push_back(retry_delay_seconds(n, 30, 300, 0.999999));
    bottom.push_back(retry_delay_seconds(n, 30, 300, 0.0));
  }
  CHECK(top == std::vector<int>{30, 60, 120, 240, 300, 300, 300});
  CHECK(bottom == std::vector<int>{15, 30, 60, 120, 150, 150, 150});
  // A kiosk failing for a year does not overflow, and stays at the cap.
  CHECK(retry_delay_seconds(100000, 30, 300, 0.999999) == 300);
  CHECK(retry_delay_seconds(100000, 30, 300, 0.0) == 150);
  // Nonsense settings still give a positive wait no longer than the cap.
  CHECK(retry_delay_seconds(1, 0, 0, 0.0) == 1);
  CHECK(retry_delay_seconds(3, 1, 1, 0.5) == 1);
  CHECK(retry_delay_seconds(0, 30, 300, 0.999999) == 30);
  CHECK(retry_delay_seconds(2, 30, 10, 0.999999) ==
        30);  // a cap below the first wait: the first wait
}

TEST_CASE("kiosk retry schedule: screens that failed together spread over half the wait") {
  std::mt19937 random(7);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int failures : {1, 3, 6}) {
    CAPTURE(failures);
    std::set<int> seen;
    int low = 1 << 30, high = 0;
    for (int screen = 0; screen < 300; ++screen) {
      const int d = retry_delay_seconds(failures, 30, 300, unit(random));
      seen.insert(d);
      low = std::min(low, d);
      high = std::max(high, d);
    }
    const int ceiling = std::min(300, 30 << (failures - 1));
    CHECK(low >= ceiling / 2);
    CHECK(high <= ceiling);
    // 300 screens use most of the window, not one second of it.
    CHECK(high - low >= ceiling / 2 - 2);
    CHECK(seen.size() >= std::min<std::size_t>(static_cast<std::size_t>(ceiling / 2 - 1), 100));
  }
}

TEST_CASE(
    "kiosk retry schedule: requests to a server down for 10 minutes, with and without backoff") {
  // The old schedule: every 30 s after a failure. The new one, at its slowest and
  // fastest draw. Counted from the first failed request at t = 0.
  auto requests = [](auto wait_after) {
    int n = 0;
    for (long t = 0, failures = 1; t <= 600; t += wait_after(failures++)) ++n;
    return n;
  };
  const int fixed = requests([](long) { return 30; });
  const int fastest =
      requests([](long n) { return retry_delay_seconds(static_cast<int>(n), 30, 300, 0.0); });
  const int slowest =
      requests([](long n) { return retry_delay_seconds(static_cast<int>(n), 30, 300, 0.999999); });
  MESSAGE("10 minutes down: " << fixed << " requests without backoff, " << slowest << "–" << fastest
                              << " with");
  CHECK(fixed == 21);
  CHECK(fastest == 7);
  CHECK(slowest == 5);
}

TEST_CASE("kiosk log limiter: one line per hour for the same problem, whatever path it names") {
  LogLimiter limiter;
  const Instant t0 = 1795132800;
  CHECK(
      limiter.allow("/var/lib/hgj-kiosk/staging/images/a.jpg: cannot write (File too large)", t0));
  // Another photo, another size, a minute later: the same full disk.
  CHECK_FALSE(limiter.allow(
      "/var/lib/hgj-kiosk/staging/images/b.jpg: cannot write (File too large)", t0 + 60));
  // Another problem is said at once.
  CHECK(limiter.allow("https://example.org/kiosk/manifest.json: Timeout was reached", t0 + 61));
  CHECK_FALSE(
      limiter.allow("https://example.org:8443/kiosk/manifest.json: Timeout was reached", t0 + 62));
  // An hour after it was last said, the first problem is said again.
  CHECK_FALSE(limiter.allow("/s/staging/c.jpg: cannot write (File too large)", t0 + 3599));
  CHECK(limiter.allow("/s/staging/c.jpg: cannot write (File too large)", t0 + 3600));
  // A clock set back a day does not silence it for a day.
  CHECK(limiter.allow("/s/staging/d.jpg: cannot write (File too large)", t0 - 86400));
}

TEST_CASE("kiosk log limiter: the key keeps the words and drops paths, URLs and numbers") {
  CHECK(problem_key("/var/lib/x/staging/a.jpg: cannot write (File too large)") ==
        "<path>: cannot write (File too large)");
  CHECK(problem_key("http://127.0.0.1:8080/kiosk/bundle.json: larger than 12345 bytes") ==
        "<path>: larger than # bytes");
  CHECK(problem_key("http://h/kiosk/manifest.json: unsafe path \"../etc/passwd\"") ==
        "<path>: unsafe path \"<path>\"");
  CHECK(problem_key("manifest.json: generated 2026-11-19T23:00:00Z, older than the bundle") ==
        "manifest.json: generated #-#-#T#:#:#Z, older than the bundle");
  CHECK(problem_key("") == "");
}

}  // namespace
}  // namespace hgj::kiosk
