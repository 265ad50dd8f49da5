// The one order of every list a reader sees — site pages, search index, public JSON,
// print runs, card sheets, the bundle and so the kiosk picker: items with an 排序
// (`order`) number first, ascending; then by name as Chinese readers compare names
// (numbers inside names by value, 2幢 before 10幢; people by pinyin, 李 王 张); ids break
// the remaining ties so output stays deterministic.
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hgj/values.h"

namespace hgj {

// Turns names into byte strings whose plain comparison is the readers' order: ICU's zh
// (pinyin) collation with numeric ordering of digit runs. Not thread-safe: one per thread.
class NameCollation {
 public:
  NameCollation();
  ~NameCollation();
  NameCollation(const NameCollation&) = delete;
  NameCollation& operator=(const NameCollation&) = delete;

  std::string key(std::string_view utf8_name) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// What decides an item's place, computed once per item (a collation key costs about a
// microsecond; comparing two is a memcmp).
struct OrderKey {
  std::optional<int> order;  // 排序; absent sorts after every given one
  std::string name;          // NameCollation::key of the name
  std::string id;
};

OrderKey order_key(const NameCollation& collation, std::optional<int> order, std::string_view name,
                   std::string_view id);
bool reads_before(const OrderKey& a, const OrderKey& b);

// Puts items (anything with `order`, `name` and `id` members) in the readers' order,
// moving each item once; items already in order are not moved, so pointers to them
// stay valid when a Content is indexed again.
template <class T>
void sort_for_readers(std::vector<T>& items) {
  const NameCollation collation;
  std::vector<OrderKey> keys;
  keys.reserve(items.size());
  for (const T& item : items) keys.push_back(order_key(collation, item.order, item.name, item.id));
  std::vector<std::size_t> place(items.size());
  for (std::size_t i = 0; i < place.size(); ++i) place[i] = i;
  const auto before = [&](std::size_t a, std::size_t b) { return reads_before(keys[a], keys[b]); };
  if (std::is_sorted(place.begin(), place.end(), before)) return;
  std::sort(place.begin(), place.end(), before);
  std::vector<T> sorted;
  sorted.reserve(items.size());
  for (std::size_t i : place) sorted.push_back(std::move(items[i]));
  items = std::move(sorted);
}

// The first unit a steward serves in `building`: 0 for the whole building, INT_MAX when
// none. A building's stewards are listed by it — the whole building's first, then 3单元
// before 12单元 — and in the readers' order among equals (a stable sort of a list already
// in that order), on the site and boards (Content) as on the kiosk (Bundle).
int first_unit_in(const std::vector<BuildingRef>& refs, std::string_view building);

template <class S>
void order_by_unit(std::vector<const S*>& stewards, std::string_view building) {
  std::stable_sort(stewards.begin(), stewards.end(), [&](const S* a, const S* b) {
    return first_unit_in(a->buildings, building) < first_unit_in(b->buildings, building);
  });
}

}  // namespace hgj
