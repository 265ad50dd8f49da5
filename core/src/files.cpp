#include "hgj/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace hgj {

std::optional<std::string> read_whole_file(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  // The size is a hint (one byte more, to see the end in the first pass): a file that
  // grows meanwhile is still read to its end.
  const std::size_t hint =
      ::fstat(fd, &st) == 0 && st.st_size > 0 ? static_cast<std::size_t>(st.st_size) : 0;
  std::string bytes(hint + 1, '\0');
  std::size_t size = 0;
  bool ok = true;
  for (;;) {
    if (size == bytes.size()) bytes.resize(bytes.size() * 2 + 65536);
    const ssize_t got = ::read(fd, bytes.data() + size, bytes.size() - size);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      ok = got == 0;
      break;
    }
    size += static_cast<std::size_t>(got);
  }
  ::close(fd);
  if (!ok) return std::nullopt;
  bytes.resize(size);
  return bytes;
}

}  // namespace hgj
