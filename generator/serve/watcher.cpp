#include "serve/watcher.h"

#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

namespace hgj::serve {

namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t watched_events = IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE |
                                         IN_ATTRIB | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF |
                                         IN_MOVE_SELF | IN_ONLYDIR;

// Files editors write beside the one being edited: vim's .swp and 4913, emacs' #x# and
// .#x, backups ending in ~. Saving the real file raises its own event.
bool is_editor_noise(const std::string& name) {
  return name.empty() || name.front() == '.' || name.back() == '~' || name.ends_with(".swp") ||
         name.ends_with(".swx") || name == "4913" || (name.front() == '#' && name.back() == '#');
}

fs::path absolute_normal(const fs::path& p) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(p, ec);
  return (ec ? p : absolute).lexically_normal();
}

}  // namespace

Watcher::Watcher(const std::vector<fs::path>& roots, std::vector<fs::path> ignored) {
  fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "inotify_init1");
  for (const fs::path& p : ignored) ignored_.push_back(absolute_normal(p));
  for (const fs::path& root : roots) {
    roots_.push_back(absolute_normal(root));
    watch_tree(roots_.back());
  }
}

Watcher::~Watcher() { ::close(fd_); }

bool Watcher::is_ignored(const fs::path& path) const {
  return std::any_of(ignored_.begin(), ignored_.end(), [&](const fs::path& ignored) {
    const auto [end, unused] =
        std::mismatch(ignored.begin(), ignored.end(), path.begin(), path.end());
    return end == ignored.end();
  });
}

void Watcher::watch_tree(const fs::path& dir) {
  std::error_code ec;
  if (is_ignored(dir) || !fs::is_directory(dir, ec)) return;
  const int wd = ::inotify_add_watch(fd_, dir.c_str(), watched_events);
  if (wd < 0) return;  // vanished meanwhile, or no permission: nothing to watch there
  folders_[wd] = dir;
  for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    if (it->is_directory(ec) && !it->is_symlink(ec) &&
        !is_editor_noise(it->path().filename().string())) {
      watch_tree(it->path());
    }
  }
}

std::vector<fs::path> Watcher::read_changes() {
  std::vector<fs::path> changed;
  alignas(inotify_event) char buffer[16 * 1024];
  for (;;) {
    const ssize_t n = ::read(fd_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    for (ssize_t at = 0; at < n;) {
      const auto* e = reinterpret_cast<const inotify_event*>(buffer + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
      if ((e->mask & IN_Q_OVERFLOW) != 0) {
        for (const auto& [wd, dir] : folders_) ::inotify_rm_watch(fd_, wd);
        folders_.clear();
        for (const fs::path& root : roots_) {
          watch_tree(root);
          changed.push_back(root);
        }
        continue;
      }
      const auto folder = folders_.find(e->wd);
      if (folder == folders_.end()) continue;
      if ((e->mask & IN_IGNORED) != 0) {
        folders_.erase(folder);
        continue;
      }
      const std::string name = e->len > 0 ? std::string(e->name) : std::string();
      const fs::path path = name.empty() ? folder->second : folder->second / name;
      if ((!name.empty() && is_editor_noise(name)) || is_ignored(path)) continue;
      // A new (or moved-in) folder may already hold files: watch it and everything in it.
      if ((e->mask & IN_ISDIR) != 0 && (e->mask & (IN_CREATE | IN_MOVED_TO)) != 0) watch_tree(path);
      changed.push_back(path);
    }
  }
  std::sort(changed.begin(), changed.end());
  changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
  return changed;
}

}  // namespace hgj::serve
