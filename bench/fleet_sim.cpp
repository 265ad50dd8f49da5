// A street's fleet of lobby screens without their displays (issue #24, "Performance"):
// N screens, each the kiosk's real sync worker (Syncer: poll, urgent.json, backoff,
// keep-alive) with its own state folder, screen id and status reports (StatusReporter),
// against one web server. Runs until SIGTERM or SIGINT. bench/fleet_sim.sh drives it
// against nginx and reads the figures from nginx's access log and the screens' logs.
//
//   fleet_sim --url URL --screens FILE --state DIR --trusted-key FILE.pub
//             [--status-url URL] [--time-scale S] [--spread SECONDS] [--no-backoff]
//
// FILE: one screen a line, "<screen id> <building>". Each screen logs to
// DIR/<screen id>/sim.log, a line "<Unix time in ms> <the kiosk's log line>".
// --time-scale S runs the kiosk's schedule S times faster (poll 300 s → 300/S s; one of
// the kiosk's "seconds" lasts 1000/S ms, SyncTiming::unit_ms); status reports go by a
// clock S times faster too. Screens are started spread over --spread schedule seconds
// (default: one poll plus its jitter), as screens switched on at different times.
// --no-backoff retries every failure after retry_seconds, as before issue #24 (a switch
// of this benchmark only: SyncTiming::backoff).
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bundle_store.h"
#include "clock.h"
#include "status_report.h"
#include "syncer.h"
#include "trust.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::int64_t unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Screen {
  std::string id, building;
  fs::path log_file;
  std::unique_ptr<hgj::kiosk::BundleStore> store;
  std::unique_ptr<hgj::kiosk::StatusReporter> status;
  std::unique_ptr<hgj::kiosk::Syncer> syncer;
};

// Appends one timestamped line; opened per line, as 300 screens' files kept open would
// eat file descriptors the connections need.
void log_line(const fs::path& file, const std::string& line) {
  if (std::FILE* f = std::fopen(file.c_str(), "a")) {
    std::fprintf(f, "%lld %s\n", static_cast<long long>(unix_ms()), line.c_str());
    std::fclose(f);
  }
}

int usage(const char* why) {
  std::fprintf(stderr,
               "fleet_sim: %s\nusage: fleet_sim --url URL --screens FILE --state DIR "
               "--trusted-key FILE.pub [--status-url URL] [--time-scale S] [--spread SECONDS] "
               "[--no-backoff]\n",
               why);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string url, screens_file, state, key, status_url;
  double scale = 1;
  double spread = -1;
  bool backoff = true;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--url")
      url = value();
    else if (a == "--screens")
      screens_file = value();
    else if (a == "--state")
      state = value();
    else if (a == "--trusted-key")
      key = value();
    else if (a == "--status-url")
      status_url = value();
    else if (a == "--time-scale")
      scale = std::atof(value().c_str());
    else if (a == "--spread")
      spread = std::atof(value().c_str());
    else if (a == "--no-backoff")
      backoff = false;
    else
      return usage(("unknown argument " + a).c_str());
  }
  if (url.empty() || screens_file.empty() || state.empty() || key.empty())
    return usage("--url, --screens, --state and --trusted-key are required");
  if (!(scale >= 1 && scale <= 100)) return usage("--time-scale must be 1..100");

  // The kiosk's own defaults (kiosk.toml [sync]), only faster by the scale.
  hgj::kiosk::SyncTiming timing;
  timing.unit_ms = static_cast<int>(1000 / scale);
  timing.backoff = backoff;
  if (spread < 0) spread = timing.poll_seconds + timing.jitter_seconds;

  std::vector<std::string> problems;
  hgj::BundleTrust trust;
  trust.keys = hgj::kiosk::load_trusted_keys({key}, "/nonexistent", problems);
  if (!problems.empty() || trust.keys.empty())
    return usage(("cannot read the trusted key " + key).c_str());

  // Status reports by a clock running `scale` times faster from now: a 300 s interval
  // passes as the kiosk's other "seconds" do.
  const hgj::Instant wall0 = hgj::kiosk::system_now();
  const Clock::time_point steady0 = Clock::now();
  auto scaled_now = [=] {
    const double real = std::chrono::duration<double>(Clock::now() - steady0).count();
    return wall0 + static_cast<hgj::Instant>(real * scale);
  };

  std::vector<std::unique_ptr<Screen>> screens;
  std::ifstream in(screens_file);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    auto s = std::make_unique<Screen>();
    if (!(fields >> s->id >> s->building)) continue;
    const fs::path dir = fs::path(state) / s->id;
    std::error_code ec;
    fs::create_directories(dir, ec);
    s->log_file = dir / "sim.log";
    s->store = std::make_unique<hgj::kiosk::BundleStore>(dir / "state");
    s->store->set_trust(trust);
    std::string why;
    if (!s->store->prepare(why)) return usage(why.c_str());
    // Event type 0: no SDL event is pushed; nothing draws here.
    s->syncer = std::make_unique<hgj::kiosk::Syncer>(url, *s->store, timing, 0);
    s->syncer->set_screen(s->id, s->building);
    const fs::path log_file = s->log_file;
    auto log = [log_file](const std::string& text) { log_line(log_file, text); };
    s->syncer->set_log(log);
    if (!status_url.empty()) {
      s->status = std::make_unique<hgj::kiosk::StatusReporter>(status_url, 300, s->id, s->building,
                                                               scaled_now);
      s->status->set_display(1080, 1920);
      s->status->set_log(log);
      Screen* raw = s.get();
      s->syncer->set_after_round([raw](const std::atomic<bool>& stopping) {
        raw->status->after_sync(*raw->store, raw->syncer->last_problem(), &stopping);
      });
    }
    screens.push_back(std::move(s));
  }
  if (screens.empty()) return usage(("no screens in " + screens_file).c_str());

  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);  // the workers inherit the mask

  // Switched on one by one over `spread` schedule seconds; a signal meanwhile stops that.
  std::atomic<bool> stopping{false};
  std::thread starter([&] {
    for (std::size_t i = 0; i < screens.size() && !stopping; ++i) {
      const auto at =
          steady0 + std::chrono::milliseconds(static_cast<std::int64_t>(
                        spread * timing.unit_ms * static_cast<double>(i) / screens.size()));
      while (Clock::now() < at && !stopping)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      if (stopping) break;
      log_line(screens[i]->log_file, "switched on");
      screens[i]->syncer->start();
    }
  });
  std::printf("fleet_sim: %zu screens against %s, time scale %g%s\n", screens.size(), url.c_str(),
              scale, backoff ? "" : ", no backoff");
  std::fflush(stdout);

  int received = 0;
  sigwait(&stop_signals, &received);
  stopping = true;
  starter.join();
  for (auto& s : screens) s->syncer->stop();
  return 0;
}
