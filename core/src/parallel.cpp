#include "hgj/parallel.h"

namespace hgj {

namespace {

// Set once by the command line before any work starts; read from every stage's threads.
std::atomic<int> run_jobs{0};

}  // namespace

void set_worker_threads(int jobs) { run_jobs = jobs; }

unsigned worker_threads() {
  const int jobs = run_jobs;
  return jobs > 0 ? static_cast<unsigned>(jobs) : std::max(1u, std::thread::hardware_concurrency());
}

unsigned pool_threads(std::size_t count, std::size_t per_thread) {
  const std::size_t worth = std::max<std::size_t>(1, count / std::max<std::size_t>(1, per_thread));
  return static_cast<unsigned>(std::min<std::size_t>(worker_threads(), worth));
}

}  // namespace hgj
