// Each issue's row HTML, made once for every page at one depth and shared by the
// rendering threads (ready_rows.h says when a theme allows it). One per render of the
// site: the rows belong to that render's content and theme.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "hgj/model.h"

namespace hgj::site {

class IssueRowCache {
 public:
  // Pages are at most this many folders down (community/<id>/log/<month>/ is 3).
  static constexpr std::size_t max_depth = 7;

  explicit IssueRowCache(const std::vector<Issue>& issues);

  // The row of `issue` for pages `depth` folders down. `make` renders it when no thread
  // has yet; what it returns is kept unless it is nullopt (a template error, returned as
  // it is). An issue not in `issues` or a depth past max_depth is made every time.
  std::optional<std::string> get(const Issue& issue, std::size_t depth,
                                 const std::function<std::optional<std::string>()>& make);

 private:
  struct Slot {
    std::atomic<unsigned char> state{0};  // empty, being made, ready
    std::string html;
  };
  const Issue* first_;
  std::size_t count_;
  std::array<std::once_flag, max_depth + 1> allocated_;
  std::array<std::unique_ptr<Slot[]>, max_depth + 1> slots_;
};

}  // namespace hgj::site
