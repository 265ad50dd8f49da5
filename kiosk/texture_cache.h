// A least-recently-used cache of SDL textures with a byte budget, so a kiosk that runs
// for months keeps a flat memory profile however many clock faces it has drawn.
#pragma once

#include <SDL.h>

#include <cstddef>
#include <list>
#include <string>
#include <unordered_map>

namespace hgj::kiosk {

struct CachedTexture {
  SDL_Texture* texture = nullptr;    // owned by the cache; may be null (a known miss)
  int width = 0, height = 0;         // texture size in pixels
  int ox = 0, oy = 0;                // where the texture sits relative to the drawing origin
  int logical_w = 0, logical_h = 0;  // the box used for layout (text: logical extents)
};

class TextureLru {
 public:
  explicit TextureLru(std::size_t budget_bytes) : budget_(budget_bytes) {}
  ~TextureLru() { clear(); }
  TextureLru(const TextureLru&) = delete;
  TextureLru& operator=(const TextureLru&) = delete;

  // nullptr when absent. Marks the entry as just used.
  const CachedTexture* find(const std::string& key);
  // Takes ownership of value.texture; evicts the least recently used entries over budget.
  const CachedTexture& put(const std::string& key, CachedTexture value);
  void clear();
  std::size_t bytes() const { return bytes_; }
  std::size_t size() const { return index_.size(); }

 private:
  struct Entry {
    std::string key;
    CachedTexture value;
  };
  static std::size_t cost(const CachedTexture& t) {
    return static_cast<std::size_t>(t.width) * static_cast<std::size_t>(t.height) * 4 + 256;
  }
  std::size_t budget_;
  std::size_t bytes_ = 0;
  std::list<Entry> order_;  // most recent first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace hgj::kiosk
