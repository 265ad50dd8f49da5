#include "frame_times.h"

#include <algorithm>
#include <cmath>

namespace hgj::kiosk {

void FrameTimer::add(double ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (samples_.size() < kept)
    samples_.push_back(ms);
  else
    samples_[static_cast<std::size_t>(frames_) % kept] = ms;
  ++frames_;
  max_ = std::max(max_, ms);
}

FrameTimes FrameTimer::take() {
  std::vector<double> samples;
  FrameTimes f;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    samples.swap(samples_);
    f.frames = frames_;
    f.max_ms = max_;
    frames_ = 0;
    max_ = 0;
  }
  if (samples.empty()) return f;
  // Nearest rank: the value at or below which p of the frames fall.
  const auto rank = [&samples](double p) {
    const std::size_t at = static_cast<std::size_t>(std::ceil(p * samples.size())) - 1;
    std::nth_element(samples.begin(), samples.begin() + at, samples.end());
    return samples[at];
  };
  f.p50_ms = rank(0.50);
  f.p95_ms = rank(0.95);
  return f;
}

}  // namespace hgj::kiosk
