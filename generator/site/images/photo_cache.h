// Resized steward photos kept between builds, so a rebuild after an edit decodes and
// resizes only photos that changed. Keyed by the SHA-256 of the source file's bytes and
// the recipe (size, quality, libvips version); one JPEG per key in
//   <folder>/site-photos-<recipe>/<sha256>.jpg
// (a second name of the output file it was written to, when they share a filesystem).
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

  struct Photo {
    std::string jpeg;
    std::string key;      // the source's SHA-256 in hex
    bool cached = false;  // from the cache; else made, and keep() stores it
  };

  // The cached JPEG for `source`, else make(source). Exceptions from make() (a photo that
  // cannot be decoded) pass through.
  Photo get(const std::string& source,
            const std::function<std::string(const std::string&)>& make) const;

  // Stores a photo that get() made, once the caller has written it to `written` (its
  // output file): that file becomes the entry under a second name (a hard link), so the
  // cache costs no second copy; a copy where linking fails (another filesystem). Safe
  // because hgj never rewrites a file with other names in place (publish.h). Nothing
  // for a photo that came from the cache.
  void keep(const Photo& photo, const std::filesystem::path& written) const;

 private:
  // The entry's file for a key (a SHA-256 in hex); empty without a folder.
  std::filesystem::path entry(const std::string& key) const;
  std::optional<std::string> read_entry(const std::string& key) const;
  // A fresh name beside the entries, for an entry being put in place.
  std::filesystem::path temporary() const;
  void write_entry(const std::string& key, const std::string& jpeg) const;

  std::filesystem::path folder_;  // <folder>/site-photos-<recipe>, or empty
};

}  // namespace hgj
