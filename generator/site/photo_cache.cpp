#include "site/photo_cache.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <unordered_map>

#include "hgj/files.h"
#include "hgj/sha256.h"
#include "publish.h"

namespace hgj {

namespace fs = std::filesystem;

namespace {

// Without a cache folder, resized photos are kept for the life of the process:
// `hgj serve` rebuilds the whole site on many changes. Bounded; emptied when full.
class MemoryLayer {
 public:
  std::optional<std::string> find(const std::string& key) {
    std::lock_guard lock(mutex_);
    const auto found = items_.find(key);
    if (found == items_.end()) return std::nullopt;
    return found->second;
  }
  void put(const std::string& key, const std::string& jpeg) {
    std::lock_guard lock(mutex_);
    if (bytes_ + jpeg.size() > limit) {
      items_.clear();
      bytes_ = 0;
    }
    if (items_.emplace(key, jpeg).second) bytes_ += jpeg.size();
  }

 private:
  static constexpr std::size_t limit = 256u << 20;
  std::mutex mutex_;
  std::unordered_map<std::string, std::string> items_;
  std::size_t bytes_ = 0;
};

MemoryLayer& memory() {
  static MemoryLayer layer;
  return layer;
}

// A whole JPEG: starts with SOI and ends with EOI. Entries are renamed into place
// complete, so anything else is damage from outside; it is computed again.
bool looks_complete(const std::string& jpeg) {
  return jpeg.size() > 4 && jpeg.starts_with("\xFF\xD8\xFF") && jpeg.ends_with("\xFF\xD9");
}

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

}  // namespace

fs::path default_cache_folder() {
  if (std::string dir = env("HGJ_CACHE_DIR"); !dir.empty()) return dir;
  if (std::string dir = env("XDG_CACHE_HOME"); !dir.empty()) return fs::path(dir) / "hgj";
  if (std::string home = env("HOME"); !home.empty()) return fs::path(home) / ".cache" / "hgj";
  return {};
}

PhotoCache::PhotoCache(fs::path folder, std::string recipe)
    : folder_(folder.empty() ? fs::path() : folder / ("site-photos-" + recipe)) {}

fs::path PhotoCache::entry(const std::string& key) const {
  return folder_.empty() ? fs::path() : folder_ / (key + ".jpg");
}

std::optional<std::string> PhotoCache::read_entry(const std::string& key) const {
  if (folder_.empty()) return std::nullopt;
  std::optional<std::string> jpeg = read_whole_file(entry(key));
  if (!jpeg || !looks_complete(*jpeg)) return std::nullopt;
  return jpeg;
}

void PhotoCache::write_entry(const std::string& key, const std::string& jpeg) const {
  if (folder_.empty()) return;
  // Written beside the entry and renamed over it, so another build reading the cache
  // at the same time sees a whole entry or none.
  static std::atomic<unsigned> serial{0};
  const fs::path temporary =
      folder_ / (".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(serial++));
  try {
    write_file(temporary, jpeg);
    fs::rename(temporary, entry(key));
  } catch (const fs::filesystem_error&) {
    std::error_code ignored;
    fs::remove(temporary, ignored);  // a read-only or full cache only costs speed
  }
}

std::string PhotoCache::get(const std::string& source,
                            const std::function<std::string(const std::string&)>& make) const {
  const std::string key = sha256_hex(source);
  if (folder_.empty()) {
    if (std::optional<std::string> hit = memory().find(key)) return *hit;
    std::string jpeg = make(source);
    memory().put(key, jpeg);
    return jpeg;
  }
  if (std::optional<std::string> hit = read_entry(key)) return *hit;
  std::string jpeg = make(source);
  write_entry(key, jpeg);
  return jpeg;
}

}  // namespace hgj
