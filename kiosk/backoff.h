// When a kiosk tries again after failed syncs: exponential backoff with jitter, so a
// street's screens do not hammer a server that is down, and do not all come back at the
// same second when it returns. Pure, so the schedule itself is tested.
#pragma once

namespace hgj::kiosk {

// The wait in seconds after the `failures`-th failed sync in a row (1 = the first): a
// ceiling of `first_seconds` doubled per further failure, at most `cap_seconds`, and a
// wait drawn from the upper half of it by `unit` (a random number in [0, 1)). Never
// below 1 second.
int retry_delay_seconds(int failures, int first_seconds, int cap_seconds, double unit);

}  // namespace hgj::kiosk
