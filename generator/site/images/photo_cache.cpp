#include "site/images/photo_cache.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
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

fs::path PhotoCache::temporary() const {
  static std::atomic<unsigned> serial{0};
  return folder_ / (".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(serial++));
}

void PhotoCache::write_entry(const std::string& key, const std::string& jpeg) const {
  // Written beside the entry and renamed over it, so another build reading the cache
  // at the same time sees a whole entry or none.
  const fs::path partial = temporary();
  try {
    write_file(partial, jpeg);
    fs::rename(partial, entry(key));
  } catch (const fs::filesystem_error&) {
    std::error_code ignored;
    fs::remove(partial, ignored);  // a read-only or full cache only costs speed
  }
}

PhotoCache::Photo PhotoCache::get(
    const std::string& source, const std::function<std::string(const std::string&)>& make) const {
  Photo photo{{}, sha256_hex(source)};
  std::optional<std::string> hit =
      folder_.empty() ? memory().find(photo.key) : read_entry(photo.key);
  photo.cached = hit.has_value();
  photo.jpeg = hit ? std::move(*hit) : make(source);
  return photo;
}

void PhotoCache::keep(const Photo& photo, const fs::path& written) const {
  if (photo.cached) return;
  if (folder_.empty()) return memory().put(photo.key, photo.jpeg);
  // A link is complete the moment it exists. An entry already there (damaged, or put by
  // another build just now) is replaced by renaming a second link over it.
  const auto link_as = [&](const fs::path& name) {
    if (::link(written.c_str(), name.c_str()) == 0) return 0;
    if (errno != ENOENT) return errno;
    std::error_code ignored;
    fs::create_directories(folder_, ignored);  // the first entry of a new recipe
    return ::link(written.c_str(), name.c_str()) == 0 ? 0 : errno;
  };
  const int error = link_as(entry(photo.key));
  if (error == 0) return;
  if (error == EEXIST) {
    const fs::path partial = temporary();
    std::error_code ec;
    if (link_as(partial) == 0) {
      fs::rename(partial, entry(photo.key), ec);
      if (!ec) return;
      fs::remove(partial, ec);
    }
  }
  write_entry(photo.key, photo.jpeg);
}

}  // namespace hgj
