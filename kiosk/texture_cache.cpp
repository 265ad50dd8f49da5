#include "texture_cache.h"

namespace hgj::kiosk {

const CachedTexture* TextureLru::find(const std::string& key) {
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  order_.splice(order_.begin(), order_, it->second);
  return &it->second->value;
}

const CachedTexture& TextureLru::put(const std::string& key, CachedTexture value) {
  if (auto it = index_.find(key); it != index_.end()) {
    bytes_ -= cost(it->second->value);
    if (it->second->value.texture) SDL_DestroyTexture(it->second->value.texture);
    order_.erase(it->second);
    index_.erase(it);
  }
  order_.push_front(Entry{key, value});
  index_[key] = order_.begin();
  bytes_ += cost(value);
  // Never evict the entry just added: the caller is about to draw it.
  while (bytes_ > budget_ && order_.size() > 1) {
    Entry& last = order_.back();
    bytes_ -= cost(last.value);
    if (last.value.texture) SDL_DestroyTexture(last.value.texture);
    index_.erase(last.key);
    order_.pop_back();
  }
  return order_.front().value;
}

void TextureLru::clear() {
  for (Entry& e : order_) {
    if (e.value.texture) SDL_DestroyTexture(e.value.texture);
  }
  order_.clear();
  index_.clear();
  bytes_ = 0;
}

}  // namespace hgj::kiosk
