// What `hgj build` published, kept so that `hgj diff` can compare with it: a copy of the
// content folder as built, in `<out>.hgj-publication/` beside the output folder — never
// inside it, since the output is served to the public and the content holds private
// fields (`private_`, `_`). Readable by its owner only (0700).
//   <out>.hgj-publication/publication.json  {"published_at", "content_version", "git_commit"}
//   <out>.hgj-publication/content/          the content folder's files as built
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "hgj/recurrence.h"

namespace hgj {

// The record folder of an output folder (resolved: a symlinked output's target).
std::filesystem::path publication_folder(const std::filesystem::path& resolved_out);

// 12 hex digits over every file of a content folder (names and bytes; hidden files and
// folders such as .git left out): the same files, the same version.
class FileDigests;
std::string content_version(const std::filesystem::path& content_dir);
std::string content_version(const std::filesystem::path& content_dir, FileDigests& digests);

struct Publication {
  std::filesystem::path content;  // the copy of the content folder
  std::string published_at;       // 2026-12-07T05:00:00Z
  std::string content_version;
  std::string git_commit;  // empty when the content was in no git repository
};

// The publication recorded beside `out` (followed if a symlink), or nullopt when there is
// none. Throws std::runtime_error for a record that cannot be read.
std::optional<Publication> last_publication(const std::filesystem::path& out);

// Records a build while it is being published: the constructor copies the content into
// `<record>.staging-<pid>` (the caller holds the output's lock); commit() swaps it in for
// the previous record, after the output itself was swapped in — so a crash in between
// leaves the record before, and `hgj diff` shows more changes, never fewer.
class PublicationRecord {
 public:
  PublicationRecord(const std::filesystem::path& resolved_out,
                    const std::filesystem::path& content_dir, Instant now);
  ~PublicationRecord();  // removes the staged copy unless committed
  PublicationRecord(const PublicationRecord&) = delete;
  PublicationRecord& operator=(const PublicationRecord&) = delete;
  void commit();  // throws std::filesystem::filesystem_error

 private:
  std::filesystem::path folder_, staged_;
  bool committed_ = false;
  // What the constructor wrote (linked copies were on disk already) and the folders it
  // made: made durable by commit() (publish.h make_durable()).
  std::vector<std::filesystem::path> files_;
  std::set<std::filesystem::path> folders_;
};

}  // namespace hgj
