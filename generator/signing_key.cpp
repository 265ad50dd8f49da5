// Key files are written whole before they get their name (link(2) refuses to replace
// one), so a reader never sees half a key and two first builds at once agree on one.
#include "signing_key.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ostream>
#include <random>
#include <stdexcept>

#include "hgj/language.h"

namespace hgj {

namespace fs = std::filesystem;

namespace {

std::runtime_error io_error(const fs::path& file, const std::string& what) {
  return std::runtime_error(file.string() + ": " + what + " (" + std::strerror(errno) + ")");
}

// A temporary file beside `target` holding `text`, flushed to disk, with `mode`.
fs::path write_temp(const fs::path& target, const std::string& text, mode_t mode) {
  std::random_device random;
  const fs::path temp =
      target.string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(random());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) throw io_error(temp, "cannot create");
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                  ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  if (!ok) {
    ::unlink(temp.c_str());
    errno = saved;
    throw io_error(temp, "cannot write");
  }
  return temp;
}

void sync_folder(const fs::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) ::fsync(fd), ::close(fd);
}

// The folder keys live in: private to the user when we make it.
void make_key_folder(const fs::path& dir) {
  if (dir.empty()) return;
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return;
  make_key_folder(dir.parent_path());
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
    throw io_error(dir, "cannot create the key folder");
}

}  // namespace

SigningKey create_signing_key(const fs::path& file, bool& made) {
  make_key_folder(file.parent_path());
  SigningKey key = generate_signing_key();
  const fs::path temp = write_temp(file, secret_key_text(key), 0600);
  made = ::link(temp.c_str(), file.c_str()) == 0;
  const int link_errno = errno;
  ::unlink(temp.c_str());
  if (!made) {
    errno = link_errno;
    if (link_errno != EEXIST) throw io_error(file, "cannot create");
    std::string why;
    std::optional<SigningKey> theirs = read_secret_key(file, why);
    if (!theirs) throw std::runtime_error(why);
    key = *theirs;
  }
  // The public key follows from the secret one: whoever renames last writes the same bytes.
  const fs::path pub = public_key_path_for(file);
  const fs::path pub_temp = write_temp(pub, public_key_text(key.public_key), 0644);
  if (::rename(pub_temp.c_str(), pub.c_str()) != 0) {
    ::unlink(pub_temp.c_str());
    throw io_error(pub, "cannot write");
  }
  sync_folder(file.parent_path());
  return key;
}

std::optional<SigningKey> signing_key_for_build(const std::string& file, std::ostream& out,
                                                std::string& why) {
  const fs::path path = file.empty() ? default_signing_key_path() : fs::path(file);
  std::error_code ec;
  const bool exists = fs::exists(fs::symlink_status(path, ec));
  if (!exists && !file.empty())
    return why = path.string() + ": no such key (hgj keygen --key " + path.string() + " makes one)",
           std::nullopt;
  if (exists) return read_secret_key(path, why);
  try {
    bool made = false;
    SigningKey key = create_signing_key(path, made);
    if (made)
      out << "hgj: "
          << say("已在 " + path.string() + " 生成触摸屏数据的签名密钥 " + key.public_key.id +
                     "；请把 " + public_key_path_for(path).string() +
                     " 装到每台触摸屏上（见 docs/kiosk.md）",
                 "made the bundle signing key " + key.public_key.id + " in " + path.string() +
                     "; install " + public_key_path_for(path).string() +
                     " on every kiosk (docs/kiosk.md)")
          << '\n';
    return key;
  } catch (const std::exception& e) {
    return why = e.what(), std::nullopt;
  }
}

}  // namespace hgj
