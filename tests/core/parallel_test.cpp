// The one worker pool (hgj/parallel.h): its size is the run's --jobs, each worker makes
// its own state on its own thread, and a failure stops the hand-out.
#include "hgj/parallel.h"

#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <iterator>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace hgj {

namespace {

// The threads of this process now, as the kernel lists them.
std::size_t live_threads() {
  const std::filesystem::directory_iterator tasks("/proc/self/task");
  return static_cast<std::size_t>(std::distance(begin(tasks), end(tasks)));
}

// Restores the default (one worker per core) when a test ends.
struct WorkerThreads {
  explicit WorkerThreads(int jobs) { set_worker_threads(jobs); }
  ~WorkerThreads() { set_worker_threads(0); }
};

}  // namespace

TEST_CASE("worker threads: --jobs, else one per core; a small job takes fewer") {
  const WorkerThreads jobs(0);
  CHECK(worker_threads() == std::max(1u, std::thread::hardware_concurrency()));
  set_worker_threads(3);
  CHECK(worker_threads() == 3);
  CHECK(pool_threads(1000) == 3);
  CHECK(pool_threads(2) == 2);
  CHECK(pool_threads(0) == 1);
  CHECK(pool_threads(1000, 256) == 3);
  CHECK(pool_threads(511, 256) == 1);
}

TEST_CASE("--jobs 1: every item runs on the calling thread, in order, and no thread starts") {
  const WorkerThreads jobs(1);
  const std::size_t before = live_threads();
  const std::thread::id caller = std::this_thread::get_id();
  std::vector<std::size_t> order;
  std::set<std::thread::id> ran_on;
  std::set<std::size_t> during;
  parallel_for(200, 1, [&](std::size_t i) {
    ran_on.insert(std::this_thread::get_id());
    order.push_back(i);
    during.insert(live_threads());
  });
  CHECK(ran_on == std::set<std::thread::id>{caller});
  REQUIRE(order.size() == 200);
  for (std::size_t i = 0; i < order.size(); ++i) CHECK(order[i] == i);
  CHECK(during == std::set<std::size_t>{before});
}

TEST_CASE("--jobs 3: three workers, each with its own state made on its own thread") {
  const WorkerThreads jobs(3);
  const std::size_t before = live_threads();
  std::mutex mutex;
  std::condition_variable all_in;
  std::set<std::thread::id> made_on, worked_on;
  std::size_t threads_seen_together = 0;
  InOrder hand_out(30);
  run_pool(
      pool_threads(30), hand_out,
      [&](unsigned) {
        const std::lock_guard lock(mutex);
        made_on.insert(std::this_thread::get_id());
        return std::this_thread::get_id();
      },
      [&](const std::thread::id& owner, std::size_t) {
        CHECK(owner == std::this_thread::get_id());
        std::unique_lock lock(mutex);
        worked_on.insert(owner);
        // The first items wait until all three workers hold one: they run side by side.
        if (all_in.wait_for(lock, std::chrono::seconds(10), [&] { return worked_on.size() >= 3; }))
          threads_seen_together = std::max(threads_seen_together, live_threads());
        all_in.notify_all();
      });
  CHECK(made_on.size() == 3);
  CHECK(worked_on == made_on);
  CHECK(threads_seen_together == before + 2);  // the calling thread is the third
}

TEST_CASE("the first exception stops the hand-out and comes out once every worker is done") {
  const WorkerThreads jobs(2);
  std::mutex mutex;
  std::set<std::size_t> done;
  const auto run = [&] {
    parallel_for(1000, 1, [&](std::size_t i) {
      if (i == 10) throw std::runtime_error("item 10");
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      const std::lock_guard lock(mutex);
      done.insert(i);
    });
  };
  CHECK_THROWS_WITH(run(), "item 10");
  CHECK(done.count(10) == 0);
  CHECK(done.size() < 999);  // stopped: the items after 10 were not all handed out
}

}  // namespace hgj
