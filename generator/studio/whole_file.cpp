#include "studio/whole_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace hgj::studio {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const char* what, const fs::path& path, int error) {
  throw fs::filesystem_error(what, path, std::error_code(error, std::generic_category()));
}

fs::path temporary_for(const fs::path& path) {
  fs::path temporary = path;
  temporary += whole_file_suffix;
  return temporary;
}

// A temporary left by a crash (or planted as a link) goes first: O_EXCL then never opens
// anything but a fresh file of ours.
void clear(const fs::path& temporary) {
  if (::unlink(temporary.c_str()) != 0 && errno != ENOENT) fail("cannot remove", temporary, errno);
}

void rename_into_place(const fs::path& temporary, const fs::path& path) {
  // rename(2) replaces the directory entry: a link at `path` is replaced, not followed.
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    fail("cannot replace", path, error);
  }
}

}  // namespace

void write_whole_file(const fs::path& path, std::string_view bytes, mode_t mode) {
  const fs::path temporary = temporary_for(path);
  clear(temporary);
  const int fd =
      ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) fail("cannot write", temporary, errno);
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  // fchmod sets the mode exactly (the umask does not narrow it); fsync before the rename,
  // or a power cut could leave the new name on an empty file.
  const bool ok = done == bytes.size() && ::fchmod(fd, mode) == 0 && ::fsync(fd) == 0;
  const int error = errno;
  ::close(fd);
  if (!ok) {
    ::unlink(temporary.c_str());
    fail("cannot write", temporary, error == 0 ? EIO : error);
  }
  rename_into_place(temporary, path);
}

void write_whole_link(const fs::path& path, const std::string& target) {
  const fs::path temporary = temporary_for(path);
  clear(temporary);
  if (::symlink(target.c_str(), temporary.c_str()) != 0)
    fail("cannot make the link", temporary, errno);
  rename_into_place(temporary, path);
}

}  // namespace hgj::studio
