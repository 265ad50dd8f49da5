// Watches folder trees for changes with inotify, recursively: folders created later
// are watched as soon as they appear.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace hgj::serve {

class Watcher {
 public:
  // Watches every folder under each root (missing roots are skipped). Paths equal to
  // or under one of `ignored` are neither watched nor reported. Throws
  // std::system_error when inotify is unavailable.
  Watcher(const std::vector<std::filesystem::path>& roots,
          std::vector<std::filesystem::path> ignored);
  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  // Readable (poll) when events are pending.
  int fd() const { return fd_; }
  // Reads the pending events without blocking and returns the paths that changed,
  // leaving out editor swap and backup files. After an event-queue overflow the
  // trees are watched afresh and the roots themselves are reported.
  std::vector<std::filesystem::path> read_changes();
  std::size_t folder_count() const { return folders_.size(); }

 private:
  void watch_tree(const std::filesystem::path& dir);
  bool is_ignored(const std::filesystem::path& path) const;

  int fd_ = -1;
  std::vector<std::filesystem::path> roots_;
  std::vector<std::filesystem::path> ignored_;
  std::map<int, std::filesystem::path> folders_;  // watch descriptor → folder
};

}  // namespace hgj::serve
