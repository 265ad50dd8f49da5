#include "output_folder.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <system_error>

#include "hgj/bundle.h"
#include "hgj/language.h"

namespace hgj {

namespace fs = std::filesystem;

namespace {

// A kiosk manifest far larger than any real one is not read just to tell whose it is.
constexpr std::uintmax_t largest_manifest = 64u << 20;

bool holds_marker(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / output_marker, ec);
}

bool is_kiosk_bundle(const fs::path& dir) {
  const fs::path manifest = dir / bundle_manifest_file;
  std::error_code ec;
  if (!fs::is_regular_file(manifest, ec) || fs::file_size(manifest, ec) > largest_manifest || ec)
    return false;
  std::ifstream in(manifest, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  BundleError error;
  return parse_manifest(bytes.str(), error).has_value();
}

// Whether `inner` is `outer` or a folder under it (both canonical).
bool within(const fs::path& inner, const fs::path& outer) {
  const auto [o, i] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  return o == outer.end();
}

fs::path canonical_or_not(const fs::path& p) {
  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(fs::absolute(p), ec);
  return ec ? fs::absolute(p).lexically_normal() : resolved;
}

fs::path without_trailing_slash(fs::path p) {
  while (!p.empty() && !p.has_filename() && p.has_relative_path()) p = p.parent_path();
  return p;
}

// The locks this process holds, by resolved folder: serve holds its output's for the
// whole session, and each of its builds takes it again.
struct Held {
  int fd = -1;
  int count = 0;
  fs::path file;
};
std::mutex held_mutex;
std::map<std::string, Held>& held() {
  static std::map<std::string, Held> locks;
  return locks;
}

std::string holder_pid(int fd) {
  char buffer[32] = {};
  const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
  std::string pid(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
  pid.erase(std::remove_if(pid.begin(), pid.end(), [](char c) { return c < '0' || c > '9'; }),
            pid.end());
  return pid;
}

// Takes the lock file's flock without waiting; returns its descriptor. A holder removes
// the file while it still holds the lock, so a lock taken on a file that is no longer
// at its path is stale: open the new one.
int take_lock(const fs::path& file, const std::string& shown) {
  for (;;) {
    const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) {
      throw fs::filesystem_error("cannot create the lock file", file,
                                 std::error_code(errno, std::generic_category()));
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      const std::string pid = holder_pid(fd);
      ::close(fd);
      if (error != EWOULDBLOCK) {
        throw fs::filesystem_error("cannot lock", file,
                                   std::error_code(error, std::generic_category()));
      }
      throw OutputRefused(
          say("另一个 hgj 正在写 " + shown + (pid.empty() ? "" : "（进程 " + pid + "）") +
                  "：请等它结束后再运行",
              "another hgj is writing " + shown + (pid.empty() ? "" : " (pid " + pid + ")") +
                  "; try again when it has finished"));
    }
    struct stat open_file {
    }, at_path{};
    if (::fstat(fd, &open_file) == 0 && ::stat(file.c_str(), &at_path) == 0 &&
        open_file.st_dev == at_path.st_dev && open_file.st_ino == at_path.st_ino) {
      const std::string pid = std::to_string(::getpid()) + "\n";
      // Only for the message a second run prints: a failure here costs nothing else.
      if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) errno = 0;
      return fd;
    }
    ::close(fd);
  }
}

}  // namespace

bool is_hgj_output(const fs::path& dir) {
  const fs::path resolved = canonical_or_not(dir);
  if (holds_marker(resolved) || is_kiosk_bundle(resolved)) return true;
  for (fs::path up = resolved.parent_path(); !up.empty(); up = up.parent_path()) {
    if (holds_marker(up)) return true;
    if (up == up.parent_path()) break;
  }
  return false;
}

fs::path resolve_output(const fs::path& out) {
  const fs::path given = without_trailing_slash(fs::absolute(out).lexically_normal());
  std::error_code ec;
  if (fs::is_symlink(given, ec)) {
    const fs::path target = fs::canonical(given, ec);
    if (ec || !fs::is_directory(target, ec)) {
      const std::string link = without_trailing_slash(out).string();
      const std::string to = fs::read_symlink(given, ec).string();
      throw OutputRefused(say(link + " 是指向 " + to +
                                  " 的链接，但那不是文件夹：请让它指向一个文件夹"
                                  "（hgj 替换的是文件夹，从不动链接本身）",
                              link + " is a symbolic link to " + to +
                                  ", which is not a folder; point it at a folder (hgj swaps the "
                                  "folder, never the link)"));
    }
    return target;
  }
  return without_trailing_slash(canonical_or_not(given));
}

OutputLock::OutputLock(const fs::path& resolved, const std::string& shown)
    : key_(resolved.string()) {
  std::lock_guard lock(held_mutex);
  Held& h = held()[key_];
  if (h.count == 0) {
    h.file = resolved.parent_path() / ("." + resolved.filename().string() + ".hgj-lock");
    try {
      h.fd = take_lock(h.file, shown);
    } catch (...) {
      held().erase(key_);
      throw;
    }
  }
  ++h.count;
}

OutputLock::~OutputLock() {
  std::lock_guard lock(held_mutex);
  auto it = held().find(key_);
  if (it == held().end() || --it->second.count > 0) return;
  // Removed while still held: whoever opened it meanwhile sees it is stale (take_lock).
  ::unlink(it->second.file.c_str());
  ::close(it->second.fd);
  held().erase(it);
}

std::unique_ptr<OutputLock> lock_early(const std::string& out) {
  const fs::path target = resolve_output(out);
  std::error_code ec;
  if (!fs::is_directory(target.parent_path(), ec)) return nullptr;
  return std::make_unique<OutputLock>(target, without_trailing_slash(out).string());
}

std::unique_ptr<OutputLock> claim_output(const OutputClaim& claim) {
  const std::string shown = without_trailing_slash(claim.out).string();
  const fs::path target = resolve_output(claim.out);
  std::error_code ec;
  const bool exists = fs::exists(fs::symlink_status(target, ec));
  if (exists && !fs::is_directory(target, ec))
    throw OutputRefused(say(shown + " 不是文件夹：没有改动任何东西，请换一个输出文件夹",
                            shown + " is not a folder; nothing was changed"));

  for (const auto& [folder, what] : claim.keep_out) {
    if (folder.empty()) continue;
    const fs::path kept = canonical_or_not(folder);
    const std::string where = target == kept         ? " is " + what
                              : within(target, kept) ? " is inside " + what + " " + folder.string()
                              : within(kept, target) ? " holds " + what + " " + folder.string()
                                                     : "";
    const std::string zh = target == kept         ? "就是" + what
                           : within(target, kept) ? "在" + what + " " + folder.string() + " 里面"
                           : within(kept, target) ? "包含了" + what + " " + folder.string()
                                                  : "";
    if (!where.empty()) {
      throw OutputRefused(say(
          "--out " + shown + " " + zh + "：请选它以外的输出文件夹（没有改动任何东西）",
          "--out " + shown + where + "; choose an output folder outside it (nothing was changed)"));
    }
  }

  // A folder that cannot be listed counts as not empty.
  const bool empty = exists && fs::is_empty(target, ec) && !ec;
  if (exists && !claim.force && !empty && !is_hgj_output(target)) {
    const bool linked =
        fs::is_symlink(without_trailing_slash(fs::absolute(claim.out).lexically_normal()), ec);
    const std::string kept = (linked ? target.string() : shown) + adopted_suffix;
    throw OutputRefused(say(
        shown + " 不是空的，也不是 hgj 写的（里面没有 " + std::string(output_marker) +
            " 文件）：没有改动任何东西。确实要替换它，就加上 --force 再运行一次，"
            "它现在的内容会挪到 " +
            kept,
        shown + " is not empty and hgj did not write it (it has no " + std::string(output_marker) +
            " file); nothing was changed. To replace it, run again with --force: "
            "what it holds now is then moved to " +
            kept));
  }

  fs::create_directories(target.parent_path());
  auto lock = std::make_unique<OutputLock>(target, shown);
  for (fs::path up = target.parent_path(); !up.empty() && up != up.parent_path();
       up = up.parent_path()) {
    if (holds_marker(up)) {
      lock->enclosing_ = std::make_unique<OutputLock>(up, up.string());
      break;
    }
  }
  return lock;
}

}  // namespace hgj
