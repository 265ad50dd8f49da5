// Each issue's row HTML, made once and shared by every page and rendering thread
// (ready_rows.h says when a theme allows it). One per render of the site: the rows
// belong to that render's content and theme.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hgj/model.h"

namespace hgj::site {

class IssueRowCache {
 public:
  explicit IssueRowCache(const std::vector<Issue>& issues);

  // The row of `issue`. `make` renders it when no thread has yet; what it returns is
  // kept unless it is nullopt (a row that cannot be shared, returned as it is). An issue
  // not in `issues` is made every time.
  std::optional<std::string> get(const Issue& issue,
                                 const std::function<std::optional<std::string>()>& make);

 private:
  struct Slot {
    std::atomic<unsigned char> state{0};  // empty, being made, ready
    std::string html;
  };
  const Issue* first_;
  std::size_t count_;
  std::unique_ptr<Slot[]> slots_;
};

}  // namespace hgj::site
