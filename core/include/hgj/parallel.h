// The one worker pool: every stage that shares work out over the cores runs on it — the
// loader parses files, the image stages decode photos, the site renders pages, print lays
// out boards, `hgj serve` re-renders what an edit touched. Its size is the run's `--jobs`.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace hgj {

// The threads every pool of this run may use: `--jobs`, set by the command before its
// work starts; 0 (the default) is one per core. One choice per run, like its language.
void set_worker_threads(int jobs);
// At least 1.
unsigned worker_threads();

// The pool's size for `count` items, each thread worth at least `per_thread` of them:
// worker_threads(), fewer for little work, at least one.
unsigned pool_threads(std::size_t count, std::size_t per_thread = 1);

// The indices [0, count) handed out in order, each once. Thread-safe. (A hand-out is what
// run_pool() takes work from: take(thread) gives the next index for that thread, nullopt
// when none is left; stop() hands out nothing more. site/job_ranges.h is another.)
class InOrder {
 public:
  explicit InOrder(std::size_t count) : count_(count) {}
  std::optional<std::size_t> take(unsigned /*thread*/) {
    const std::size_t i = next_++;
    return i < count_ ? std::optional(i) : std::nullopt;
  }
  void stop() { next_ = count_; }

 private:
  const std::size_t count_;
  std::atomic<std::size_t> next_{0};
};

// Runs `threads` workers, the calling thread as worker 0. Each makes its own state on its
// own thread, make_state(thread) (a renderer, a Pango context …), then calls
// work(state, index) for every index the hand-out gives it. The first exception stops the
// hand-out and is rethrown once every worker has finished.
template <class HandOut, class MakeState, class Work>
void run_pool(unsigned threads, HandOut& hand_out, MakeState&& make_state, Work&& work) {
  std::mutex mutex;
  std::exception_ptr thrown;
  const auto run = [&](unsigned thread) {
    try {
      auto state = make_state(thread);
      while (const std::optional<std::size_t> i = hand_out.take(thread)) work(state, *i);
    } catch (...) {
      const std::lock_guard lock(mutex);
      if (!thrown) thrown = std::current_exception();
      hand_out.stop();
    }
  };
  {
    std::vector<std::jthread> pool;
    pool.reserve(threads > 0 ? threads - 1 : 0);
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(run, t);
    run(0);
  }  // joins
  if (thrown) std::rethrow_exception(thrown);
}

// Calls work(i) for every i in [0, count) in order on pool_threads(count, per_thread)
// workers, without per-thread state. Exceptions as run_pool().
template <class Work>
void parallel_for(std::size_t count, std::size_t per_thread, Work&& work) {
  InOrder hand_out(count);
  run_pool(
      pool_threads(count, per_thread), hand_out, [](unsigned) { return 0; },
      [&](int, std::size_t i) { work(i); });
}

}  // namespace hgj
