#include "event_wait.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace hgj::kiosk {

bool driver_can_wait(const std::string& name) {
  std::string n = name;
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
  return n == "x11" || n == "wayland" || n == "windows" || n == "cocoa";
}

EventWait::EventWait() {
  const char* driver = SDL_GetCurrentVideoDriver();
  driver_waits_ = driver && driver_can_wait(driver);
  if (driver_waits_ || !driver || std::string(driver) != "KMSDRM") return;
  // SDL reads these through evdev too; each open file gets its own copy of the events,
  // so ours are read only to be thrown away.
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/dev/input", ec)) {
    if (entry.path().filename().string().rfind("event", 0) != 0) continue;
    const int fd = ::open(entry.path().c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd >= 0) input_fds_.push_back(fd);
  }
}

EventWait::~EventWait() {
  for (const int fd : input_fds_) ::close(fd);
}

bool EventWait::wait(SDL_Event& e, int timeout_ms) {
  if (driver_waits_) return SDL_WaitEventTimeout(&e, timeout_ms) == 1;
  const Uint64 end = SDL_GetTicks64() + static_cast<Uint64>(std::max(0, timeout_ms));
  for (;;) {
    SDL_PumpEvents();
    if (SDL_PeepEvents(&e, 1, SDL_GETEVENT, SDL_FIRSTEVENT, SDL_LASTEVENT) == 1) return true;
    const Uint64 now = SDL_GetTicks64();
    if (now >= end) return false;
    std::vector<pollfd> fds;
    for (const int fd : input_fds_) fds.push_back({fd, POLLIN, 0});
    const int slice = static_cast<int>(std::min<Uint64>(end - now, slice_ms));
    if (::poll(fds.data(), fds.size(), slice) > 0) {
      char drain[4096];
      for (const pollfd& p : fds) {
        if (p.revents & POLLIN) {
          while (::read(p.fd, drain, sizeof drain) > 0) {
          }
        }
      }
    }
  }
}

}  // namespace hgj::kiosk
