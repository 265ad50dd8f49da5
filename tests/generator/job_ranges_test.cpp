// How the rendering threads share the pages out (site/job_ranges.h): each its own stretch
// of the list, in order, then the back of whatever is left; every page once.
#include "site/job_ranges.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <thread>
#include <vector>

namespace hgj::site {

TEST_CASE("each thread takes its own stretch in order, then the back of the longest left") {
  JobRanges ranges(10, 2);  // 0–4 and 5–9
  CHECK(ranges.take(0) == 0u);
  CHECK(ranges.take(1) == 5u);
  CHECK(ranges.take(1) == 6u);
  CHECK(ranges.take(0) == 1u);
  for (std::size_t expected : {7u, 8u, 9u}) CHECK(ranges.take(1) == expected);
  // Thread 1 is done with its own: it takes from the back of thread 0's.
  CHECK(ranges.take(1) == 4u);
  CHECK(ranges.take(0) == 2u);
  CHECK(ranges.take(1) == 3u);
  CHECK_FALSE(ranges.take(0));
  CHECK_FALSE(ranges.take(1));

  JobRanges none(0, 3);
  CHECK_FALSE(none.take(2));
  JobRanges one_thread(3, 0);  // 0 threads counts as one
  CHECK(one_thread.take(0) == 0u);
  CHECK(one_thread.take(5) == 1u);

  JobRanges stopped(100, 2);
  CHECK(stopped.take(0) == 0u);
  stopped.stop();
  CHECK_FALSE(stopped.take(0));
  CHECK_FALSE(stopped.take(1));
}

TEST_CASE("every page is handed out once, whatever the threads do") {
  for (unsigned threads : {1u, 2u, 3u, 8u}) {
    CAPTURE(threads);
    const std::size_t count = 10007;
    JobRanges ranges(count, threads);
    std::vector<std::vector<std::size_t>> taken(threads);
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        while (const auto i = ranges.take(t)) taken[t].push_back(*i);
      });
    }
    for (std::thread& t : pool) t.join();
    std::vector<std::size_t> all;
    for (const auto& mine : taken) all.insert(all.end(), mine.begin(), mine.end());
    std::sort(all.begin(), all.end());
    REQUIRE(all.size() == count);
    for (std::size_t i = 0; i < count; ++i) REQUIRE(all[i] == i);
  }
}

}  // namespace hgj::site
