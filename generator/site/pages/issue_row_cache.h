// Each issue's row HTML, made once and shared by every page and rendering thread
// (ready_rows.h says when a theme allows it). One per render of the site: the rows
// belong to that render's content and theme.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "hgj/model.h"
#include "site/templates/ready_rows.h"

namespace hgj::site {

class IssueRowCache {
 public:
  explicit IssueRowCache(const std::vector<Issue>& issues);

  // A row: the kept one (not copied: pages take each row many times), or one made for
  // a single caller.
  class Row {
   public:
    explicit Row(const MarkedRow* kept) : kept_(kept) {}
    explicit Row(std::optional<std::string> own) {
      if (own) own_.emplace(std::move(*own));
    }
    explicit operator bool() const { return kept_ != nullptr || own_.has_value(); }
    const MarkedRow& operator*() const { return kept_ != nullptr ? *kept_ : *own_; }
    const MarkedRow* operator->() const { return &**this; }

   private:
    const MarkedRow* kept_ = nullptr;
    std::optional<MarkedRow> own_;
  };

  // The row of `issue`. `make` renders it when no thread has yet; what it returns is
  // kept unless it is nullopt (a row that cannot be shared, returned as it is). An issue
  // not in `issues` is made every time.
  Row get(const Issue& issue, const std::function<std::optional<std::string>()>& make);

 private:
  struct Slot {
    std::atomic<unsigned char> state{0};  // empty, being made, ready
    std::optional<MarkedRow> row;
  };
  std::span<const Issue> issues_;
  std::unique_ptr<Slot[]> slots_;
};

}  // namespace hgj::site
