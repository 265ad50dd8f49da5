#include "backoff.h"

#include <algorithm>
#include <cmath>

namespace hgj::kiosk {

int retry_delay_seconds(int failures, int first_seconds, int cap_seconds, double unit) {
  const int first = std::max(1, first_seconds);
  const int cap = std::max(first, cap_seconds);
  // Doubling stops at the cap, so a kiosk down for a week does not overflow.
  long long ceiling = first;
  for (int n = 1; n < failures && ceiling < cap; ++n) ceiling *= 2;
  ceiling = std::min<long long>(ceiling, cap);
  // The upper half of the ceiling ("equal jitter"): the wait still grows with every
  // failure, and screens that failed together spread over half of it.
  const double u = std::clamp(unit, 0.0, 1.0);
  const double wait = static_cast<double>(ceiling) / 2.0 * (1.0 + u);
  return std::max(1, std::min(static_cast<int>(ceiling), static_cast<int>(std::lround(wait))));
}

}  // namespace hgj::kiosk
