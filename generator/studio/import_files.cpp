#include "studio/import_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <random>

#include "hgj/language.h"

namespace hgj::studio {

namespace fs = std::filesystem;

namespace {

bool skipped(const std::string& name) { return name.starts_with(".") || name.starts_with("~$"); }

bool inside(const fs::path& real, const fs::path& real_root) {
  const fs::path relative = real.lexically_relative(real_root);
  return !relative.empty() && *relative.begin() != ".." && *relative.begin() != ".";
}

void place(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::create_hard_link(from, to, ec);
  if (ec) fs::copy_file(from, to, fs::copy_options::overwrite_existing);
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

std::string import_token() {
  std::random_device random;  // /dev/urandom (or getrandom) on Linux
  static constexpr char hex[] = "0123456789abcdef";
  std::string token;
  for (int i = 0; i < 4; ++i) {
    const unsigned value = random();
    for (int shift = 28; shift >= 0; shift -= 4) token += hex[(value >> shift) & 0xF];
  }
  return token;
}

bool is_import_token(std::string_view token) {
  return token.size() == 32 && std::all_of(token.begin(), token.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

void stage_content_copy(const fs::path& content_dir, const fs::path& to) {
  const fs::path real_root = fs::canonical(content_dir);
  fs::create_directories(to);
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(content_dir);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) throw fs::filesystem_error("cannot list the content folder", content_dir, ec);
    const fs::path relative = it->path().lexically_relative(content_dir);
    if (skipped(it->path().filename().string())) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    const fs::path target = to / relative;
    if (it->is_symlink(ec)) {
      it.disable_recursion_pending();  // a linked folder is not walked: it may lead anywhere
      const fs::path real = fs::weakly_canonical(it->path(), ec);
      if (!ec && inside(real, real_root) && fs::is_regular_file(real, ec)) place(real, target);
    } else if (it->is_directory(ec)) {
      fs::create_directories(target);
    } else if (it->is_regular_file(ec)) {
      place(it->path(), target);
    }
  }
}

std::string replace_file_atomically(const fs::path& file, std::string_view bytes) {
  const std::string shown = file.filename().string();
  struct stat st {};
  mode_t mode = 0644;
  if (::lstat(file.c_str(), &st) == 0) {
    if (S_ISLNK(st.st_mode))
      return say(
          shown + " 是快捷方式（符号链接），没有替换它：请把真正的文件放进内容文件夹",
          shown +
              " is a symbolic link and was not replaced; put the real file in the content folder");
    if (!S_ISREG(st.st_mode))
      return say(shown + " 不是普通文件，没有替换它",
                 shown + " is not a regular file; not replaced");
    mode = st.st_mode & 07777;
  }
  const fs::path folder = file.parent_path();
  fs::path temp;
  int fd = -1;
  for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
    temp = folder / ("." + shown + ".hgj-import-" + import_token().substr(0, 8));
    fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  }
  const std::string failed = say("写不了 " + shown + "：", "cannot write " + shown + ": ");
  if (fd < 0) return failed + std::strerror(errno);
  const bool written = write_all(fd, bytes) && ::fchmod(fd, mode) == 0 && ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  if (!written || ::rename(temp.c_str(), file.c_str()) != 0) {
    const int why = written ? errno : saved;
    ::unlink(temp.c_str());
    return failed + std::strerror(why);
  }
  // The rename itself made durable: without it a power cut can bring the old name back.
  const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return {};
}

}  // namespace hgj::studio
