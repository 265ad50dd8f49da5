// Pages handed out to the rendering threads so that two threads seldom make files in one
// folder at the same moment: on ext4 the second waits for the folder's lock, which the
// first holds while the disk reads the block of its new inode (a first build right after
// the page cache was dropped spends much of its time so).
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>

namespace hgj::site {

// The indices [0, count) cut into one range per thread. A thread takes its own range from
// the front, in order; when that is done it takes from the back of the range with the most
// left. Every index is handed out once. Thread-safe.
class JobRanges {
 public:
  JobRanges(std::size_t count, unsigned threads);
  std::optional<std::size_t> take(unsigned thread);
  void stop();  // hands out nothing more

 private:
  struct Range {
    std::mutex mutex;
    std::size_t front = 0, back = 0;  // [front, back) left
  };
  unsigned threads_;
  std::unique_ptr<Range[]> ranges_;
};

}  // namespace hgj::site
