// Kiosk soak: time to first frame, per-frame render time, and resident memory over
// 10,000 slide transitions and 100 bundle swaps at 1080×1920 (headless renderer).
// Build and run with bench/kiosk_soak.sh; prints a Markdown table.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>
#include <vector>

#include "app.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

long rss_kb() {
  std::ifstream in("/proc/self/statm");
  long pages = 0, resident = 0;
  in >> pages >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// A copy of `from` whose generated_at is moved on by `seconds` (so it is a new bundle,
// and not a rollback), signed with `key`.
void shifted_copy(const fs::path& from, const fs::path& to, hgj::Instant seconds,
                  const hgj::SigningKey& key) {
  fs::remove_all(to);
  fs::copy(from, to, fs::copy_options::recursive);
  std::string why;
  std::optional<hgj::Bundle> b = hgj::read_bundle(from, why);
  if (!b) throw std::runtime_error(why);
  b->generated_at += seconds;
  std::ofstream(to / hgj::bundle_data_file, std::ios::trunc | std::ios::binary)
      << hgj::bundle_to_json(*b);
  std::ofstream(to / hgj::bundle_manifest_file, std::ios::trunc | std::ios::binary)
      << hgj::sign_manifest(hgj::manifest_to_json(hgj::make_manifest(to, b->generated_at)), key);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr,
                 "usage: kiosk_soak BUNDLE_DIR BUILDING SIGNING_KEY [transitions] [swaps]\n");
    return 2;
  }
  const fs::path source = argv[1];
  const std::string building = argv[2];
  std::string why;
  const std::optional<hgj::SigningKey> key = hgj::read_secret_key(argv[3], why);
  if (!key) {
    std::fprintf(stderr, "kiosk_soak: %s\n", why.c_str());
    return 2;
  }
  const int transitions = argc > 4 ? std::atoi(argv[4]) : 10000;
  const int swaps = argc > 5 ? std::atoi(argv[5]) : 100;
  SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
  SDL_Init(SDL_INIT_EVENTS);

  const fs::path work = fs::temp_directory_path() / ("hgj-kiosk-soak-" + std::to_string(getpid()));
  fs::create_directories(work);
  const fs::path live = work / "live";
  shifted_copy(source, live, 0, *key);

  std::int64_t now = 1795570200000;  // 2026-11-25 09:30 Shanghai
  hgj::kiosk::Options o;
  o.bundle = live.string();
  o.building = building;
  o.width = 1080;
  o.height = 1920;
  o.state_dir = (work / "state").string();
  o.trusted_keys = {hgj::public_key_path_for(argv[3]).string()};

  const long rss_start = rss_kb();
  const auto t0 = Clock::now();
  hgj::kiosk::App app(o, [&] { return now; });
  if (!app.open(true, why)) {
    std::fprintf(stderr, "kiosk_soak: %s\n", why.c_str());
    return 1;
  }
  app.sync_now();
  app.draw();
  const double first_frame_ms = ms_since(t0);
  const long rss_first = rss_kb();

  std::vector<double> frame_ms;
  frame_ms.reserve(static_cast<std::size_t>(transitions));
  for (int i = 0; i < transitions; ++i) {
    now += 15'000;  // a quarter minute per slide: the clock face changes too
    app.scene().next_slide(now);
    app.tick();
    const auto t = Clock::now();
    app.draw();
    frame_ms.push_back(ms_since(t));
  }
  const long rss_transitions = rss_kb();

  std::vector<double> swap_ms;
  for (int i = 0; i < swaps; ++i) {
    shifted_copy(source, live, 60 * (i + 1), *key);  // each newer than the last: no rollback
    const auto t = Clock::now();
    app.sync_now();
    app.draw();
    swap_ms.push_back(ms_since(t));
  }
  const long rss_end = rss_kb();

  std::sort(frame_ms.begin(), frame_ms.end());
  const double mean = std::accumulate(frame_ms.begin(), frame_ms.end(), 0.0) /
                      std::max<std::size_t>(1, frame_ms.size());
  const double p95 = frame_ms.empty() ? 0 : frame_ms[frame_ms.size() * 95 / 100];
  const double mean_swap = std::accumulate(swap_ms.begin(), swap_ms.end(), 0.0) /
                           std::max<std::size_t>(1, swap_ms.size());
  std::printf("| kiosk soak (1080×1920, software renderer) | value |\n|---|---|\n");
  std::printf("| time to first frame (start → bundle verified → drawn) | %.1f ms |\n",
              first_frame_ms);
  std::printf("| frame render, mean / p95 over %d slide transitions | %.2f / %.2f ms |\n",
              transitions, mean, p95);
  std::printf("| bundle swap (copy, verify, swap, redraw), mean over %d | %.1f ms |\n", swaps,
              mean_swap);
  std::printf("| RSS before start | %ld KiB |\n", rss_start);
  std::printf("| RSS after first frame | %ld KiB |\n", rss_first);
  std::printf("| RSS after %d transitions | %ld KiB |\n", transitions, rss_transitions);
  std::printf("| RSS after %d swaps (end) | %ld KiB |\n", swaps, rss_end);
  std::printf("| text cache | %zu entries, %zu KiB |\n", app.canvas().texts().entries(),
              app.canvas().texts().bytes() / 1024);
  fs::remove_all(work);
  return 0;
}
