// Waiting for the next SDL event without waking the CPU a thousand times a second.
// SDL_WaitEventTimeout only sleeps on drivers that can wait (x11, wayland); under
// offscreen and KMSDRM — what lobby screens run — SDL 2 polls with SDL_Delay(1), about
// 700 wake-ups a second measured on an idle screen. Here those drivers sleep in poll()
// on the touch/keyboard devices themselves, at most `slice_ms` at a time so events
// pushed by the sync thread are still picked up promptly.
#pragma once

#include <SDL.h>

#include <string>
#include <vector>

namespace hgj::kiosk {

class EventWait {
 public:
  // Decides from the video driver SDL started with.
  EventWait();
  ~EventWait();
  EventWait(const EventWait&) = delete;
  EventWait& operator=(const EventWait&) = delete;

  // Like SDL_WaitEventTimeout: true with `e` filled, false when `timeout_ms` passed.
  bool wait(SDL_Event& e, int timeout_ms);

  // Longest sleep between two looks at SDL's queue: a sync result waits at most this.
  static constexpr int slice_ms = 250;

 private:
  bool driver_waits_ = false;   // the driver sleeps by itself
  std::vector<int> input_fds_;  // /dev/input/event* (KMSDRM): a touch ends the sleep at once
};

// Whether SDL's driver `name` implements a real wait (SDL 2's WaitEventTimeout hook).
bool driver_can_wait(const std::string& name);

}  // namespace hgj::kiosk
