// At most one journal line per hour for the same problem: a screen whose server is down
// for a week, or whose disk is full, must not fill the journal. "The same problem" is
// the message with its variable parts (paths, URLs, numbers) taken out, so a failure
// naming another photo each time is still one problem.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "hgj/recurrence.h"

namespace hgj::kiosk {

// The message with every word holding a '/' (a path, a URL) as "<path>" and every run
// of digits as "#": "/s/staging/a.jpg: cannot write (File too large)" and
// "/s/staging/b.jpg: …" share "<path>: cannot write (File too large)".
std::string problem_key(std::string_view message);

class LogLimiter {
 public:
  explicit LogLimiter(Instant interval_seconds = 3600) : interval_(interval_seconds) {}
  // True when `message` should be logged at `now` (seconds): its problem was not logged
  // in the last interval. Remembers it when true.
  bool allow(std::string_view message, Instant now);

 private:
  Instant interval_;
  std::map<std::string, Instant> logged_;  // problem key → when last logged
};

}  // namespace hgj::kiosk
