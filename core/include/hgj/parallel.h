// Work shared out over the cores: the loader parses Markdown files, the image stages
// decode photos, each item on its own.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace hgj {

// Calls work(i) for every i in [0, count), on up to one thread per core and never more
// threads than count / per_thread (at least one), handing indices out in order. The first
// exception stops the handing out and is rethrown once every thread has finished.
template <class Work>
void parallel_for(std::size_t count, std::size_t per_thread, Work&& work) {
  const std::size_t threads =
      std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()),
                            std::max<std::size_t>(1, count / std::max<std::size_t>(1, per_thread)));
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::exception_ptr thrown;
  const auto run = [&] {
    try {
      for (std::size_t i = next++; i < count; i = next++) work(i);
    } catch (...) {
      const std::lock_guard lock(mutex);
      if (!thrown) thrown = std::current_exception();
      next = count;
    }
  };
  {
    std::vector<std::jthread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(run);
    run();
  }  // joins
  if (thrown) std::rethrow_exception(thrown);
}

}  // namespace hgj
