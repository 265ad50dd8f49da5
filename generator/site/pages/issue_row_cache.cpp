#include "site/pages/issue_row_cache.h"

namespace hgj::site {

namespace {
constexpr unsigned char kEmpty = 0, kMaking = 1, kReady = 2;
}  // namespace

IssueRowCache::IssueRowCache(const std::vector<Issue>& issues)
    : issues_(issues), slots_(std::make_unique<Slot[]>(issues.size())) {}

IssueRowCache::Row IssueRowCache::get(const Issue& issue,
                                      const std::function<std::optional<std::string>()>& make) {
  const std::optional<std::size_t> at = place_in(issues_, issue);
  if (!at) return Row(make());
  Slot& slot = slots_[*at];
  // Most calls find the row made: a load, not a compare-and-swap, which would take the
  // slot's cache line from the other threads every time.
  if (slot.state.load(std::memory_order_acquire) == kReady) return Row(&*slot.row);
  unsigned char state = kEmpty;
  if (slot.state.compare_exchange_strong(state, kMaking, std::memory_order_acq_rel,
                                         std::memory_order_acquire)) {
    std::optional<std::string> html = make();
    if (!html) {
      slot.state.store(kEmpty, std::memory_order_release);
      return Row(std::nullopt);
    }
    slot.row.emplace(std::move(*html));
    slot.state.store(kReady, std::memory_order_release);
    return Row(&*slot.row);  // no thread writes it again
  }
  if (state == kReady) return Row(&*slot.row);
  return Row(make());  // another thread is making it right now: rare, and cheaper than waiting
}

}  // namespace hgj::site
