// The threads handlers run on. A handler may block for long (a page long-polling for the
// next build waits up to 25 s), so a job never queues behind one: an idle thread takes it,
// else a new thread starts. The server's connection cap bounds how many there can be.
// Threads that finished stay for the next job.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace hgj::http {

class Workers {
 public:
  Workers() = default;
  ~Workers();  // stop()
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;

  void run(std::function<void()> job);
  // Lets running jobs finish, drops queued ones and joins every thread.
  void stop();

 private:
  void loop();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  std::size_t idle_ = 0;
  bool stopping_ = false;
};

}  // namespace hgj::http
