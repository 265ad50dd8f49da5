// Resized steward photos kept between builds, so a rebuild after an edit decodes and
// resizes only photos that changed. Keyed by the SHA-256 of the source file's bytes and
// the recipe (size, quality, libvips version); one JPEG per key in
//   <folder>/site-photos-<recipe>/<sha256>.jpg
// The cache is best effort: an unreadable, damaged or unwritable entry is computed
// again, never an error. Without a folder, photos are kept in memory for the process's
// life (for `hgj serve`'s rebuilds).
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace hgj {

// Where the cache lives when --cache-dir is not given: $HGJ_CACHE_DIR, else
// $XDG_CACHE_HOME/hgj, else $HOME/.cache/hgj; empty (no folder cache) when none is set.
std::filesystem::path default_cache_folder();

class PhotoCache {
 public:
  // `folder` empty: kept in memory only.
  explicit PhotoCache(std::filesystem::path folder, std::string recipe);

  // The cached JPEG for `source`, else make(source) stored for next time. Exceptions
  // from make() (a photo that cannot be decoded) pass through and nothing is stored.
  std::string get(const std::string& source, const std::function<std::string(const std::string&)>& make) const;

 private:
  // The entry's file for a key (a SHA-256 in hex); empty without a folder.
  std::filesystem::path entry(const std::string& key) const;
  std::optional<std::string> read_entry(const std::string& key) const;
  void write_entry(const std::string& key, const std::string& jpeg) const;

  std::filesystem::path folder_;  // <folder>/site-photos-<recipe>, or empty
};

}  // namespace hgj
