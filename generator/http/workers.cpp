#include "http/workers.h"

namespace hgj::http {

Workers::~Workers() { stop(); }

void Workers::run(std::function<void()> job) {
  std::lock_guard lock(mutex_);
  if (stopping_) return;
  jobs_.push_back(std::move(job));
  // Idle threads not yet woken for an earlier job are spoken for.
  if (idle_ >= jobs_.size()) {
    wake_.notify_one();
  } else {
    threads_.emplace_back([this] { loop(); });
  }
}

void Workers::stop() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    jobs_.clear();
    threads.swap(threads_);
  }
  wake_.notify_all();
  for (std::thread& t : threads) t.join();
}

void Workers::loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (jobs_.empty()) {
      ++idle_;
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      --idle_;
    }
    if (stopping_) return;
    std::function<void()> job = std::move(jobs_.front());
    jobs_.pop_front();
    lock.unlock();
    job();
    job = nullptr;  // what it held goes before the thread waits again
    lock.lock();
  }
}

}  // namespace hgj::http
