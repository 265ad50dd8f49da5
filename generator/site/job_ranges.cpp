#include "site/job_ranges.h"

namespace hgj::site {

JobRanges::JobRanges(std::size_t count, unsigned threads)
    : threads_(threads == 0 ? 1 : threads), ranges_(std::make_unique<Range[]>(threads_)) {
  for (unsigned t = 0; t < threads_; ++t) {
    ranges_[t].front = count * t / threads_;
    ranges_[t].back = count * (t + 1) / threads_;
  }
}

std::optional<std::size_t> JobRanges::take(unsigned thread) {
  Range& own = ranges_[thread % threads_];
  {
    const std::lock_guard lock(own.mutex);
    if (own.front < own.back) return own.front++;
  }
  // The back of the range with the most left (checked again under its lock).
  while (true) {
    Range* most = nullptr;
    std::size_t most_left = 0;
    for (unsigned t = 0; t < threads_; ++t) {
      const std::lock_guard lock(ranges_[t].mutex);
      const std::size_t left = ranges_[t].back - ranges_[t].front;
      if (left > most_left) most = &ranges_[t], most_left = left;
    }
    if (most == nullptr) return std::nullopt;
    const std::lock_guard lock(most->mutex);
    if (most->front < most->back) return --most->back;
  }
}

void JobRanges::stop() {
  for (unsigned t = 0; t < threads_; ++t) {
    const std::lock_guard lock(ranges_[t].mutex);
    ranges_[t].front = ranges_[t].back;
  }
}

}  // namespace hgj::site
