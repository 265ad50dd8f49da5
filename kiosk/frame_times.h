// How long the screen's frames take to draw, gathered between two status reports: the
// UI thread adds each frame, the sync worker takes the figures when it reports.
#pragma once

#include <mutex>
#include <vector>

#include "hgj/screen_status.h"

namespace hgj::kiosk {

class FrameTimer {
 public:
  // One frame drawn in `ms` milliseconds. Thread-safe.
  void add(double ms);
  // Frames, p50, p95 and max since the last take (nearest-rank percentiles), and starts
  // again. Thread-safe.
  FrameTimes take();

 private:
  // A screen redraws only on change, a few frames a minute; the cap only bounds memory if
  // something animates: later frames then replace earlier ones in turn.
  static constexpr std::size_t kept = 10000;
  std::mutex mutex_;
  std::vector<double> samples_;
  int frames_ = 0;
  double max_ = 0;
};

}  // namespace hgj::kiosk
