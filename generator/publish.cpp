#include "publish.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <optional>
#include <system_error>
#include <vector>

#include "hgj/bundle.h"
#include "hgj/files.h"

namespace hgj {

namespace fs = std::filesystem;

namespace {

// Removes a folder of hgj's, its marks last: a run killed halfway through leaves a folder
// that is still recognisably hgj's, for the next run to finish removing.
void remove_marked(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const fs::path name = entry.path().filename();
    if (name != output_marker && name != bundle_manifest_file) fs::remove_all(entry.path(), ec);
  }
  fs::remove_all(dir, ec);
}

// Folders left beside the target by runs that were killed: `<name>.staging-*` that are
// hgj's (a staging is marked as it is made) or empty. Anything else by that name is
// someone's folder and stays.
void remove_leftovers(const fs::path& target) {
  std::error_code ec;
  const fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  const std::string prefix = target.filename().string() + ".staging-";
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    if (!entry.path().filename().string().starts_with(prefix) || entry.is_symlink(ec) ||
        !entry.is_directory(ec)) {
      continue;
    }
    if (fs::is_empty(entry.path(), ec) || is_hgj_output(entry.path())) remove_marked(entry.path());
  }
}

// Every staging, so write_file() can tell them what it wrote and learn whether a file
// goes into a folder that started empty.
std::mutex stagings_mutex;
std::vector<Staging*> stagings;

[[noreturn]] void fail_write(const fs::path& path, int error) {
  throw fs::filesystem_error("cannot write", path, std::error_code(error, std::generic_category()));
}

void write_all(int fd, const fs::path& path, std::string_view bytes) {
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      fail_write(path, error);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) fail_write(path, errno);
}

// Whether the open file, of status `st`, holds exactly `bytes`.
bool holds(int fd, const struct stat& st, std::string_view bytes) {
  if (!S_ISREG(st.st_mode) || static_cast<std::size_t>(st.st_size) != bytes.size()) return false;
  thread_local std::string old;
  old.resize(bytes.size());
  std::size_t done = 0;
  while (done < old.size()) {
    const ssize_t n = ::read(fd, old.data() + done, old.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return std::memcmp(old.data(), bytes.data(), bytes.size()) == 0;
}

// What is at `path`: nothing, a file that already holds `bytes`, or something else
// (then `st` is its status when it could be opened, zeroed when not).
enum class Existing { none, same, other };
Existing existing(const fs::path& path, std::string_view bytes, struct stat& st) {
  st = {};
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT ? Existing::none : Existing::other;
  const bool same = ::fstat(fd, &st) == 0 && holds(fd, st, bytes);
  ::close(fd);
  return same ? Existing::same : Existing::other;
}

// An existing file (a reused output): left alone when it holds `bytes`, else overwritten
// in place, which costs the filesystem far less than a new file. `gone` when the file is
// not there, or must be replaced by a new one: when it has other names (a backup made
// with `cp -al` must keep its bytes) or cannot be written (then it is unlinked here).
enum class Kept { same, overwritten, gone };
Kept kept_or_overwritten(const fs::path& path, std::string_view bytes) {
  struct stat st {};
  const Existing found = existing(path, bytes, st);
  if (found == Existing::same) return Kept::same;
  if (found == Existing::none) return Kept::gone;
  if (S_ISREG(st.st_mode) && st.st_nlink == 1) {
    if (int out = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC); out >= 0) {
      write_all(out, path, bytes);
      return Kept::overwritten;
    }
  }
  ::unlink(path.c_str());
  return Kept::gone;
}

// What the marker file says to whoever finds it.
constexpr std::string_view marker_text =
    "This folder is an output of hgj (红管家): every build replaces it as a whole.\n"
    "Keep nothing of your own in it. hgj only replaces a folder that holds this file.\n";

void write_new_file(const fs::path& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) fail_write(path, errno);
  write_all(fd, path, bytes);
}

// The staged folder carries its mark from the start, so that what a killed run leaves is
// recognisably hgj's.
void mark(const fs::path& dir, Staging::Mark how) {
  if (how == Staging::Mark::marker) {
    write_new_file(dir / output_marker, marker_text);
  } else {
    write_new_file(dir / bundle_manifest_file, manifest_to_json(Manifest{}));
  }
}

// Calls `sync` (syncfs or fsync) on the folder `dir`; throws with `what` when it fails.
void sync_dir(const fs::path& dir, int (*sync)(int), const char* what) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || sync(fd) != 0) {
    const int error = errno;
    if (fd >= 0) ::close(fd);
    throw fs::filesystem_error(what, dir, std::error_code(error, std::generic_category()));
  }
  ::close(fd);
}

// Writes every dirty page of the file system `dir` is on to disk: one call, where an
// fsync per file would cost minutes at city scale.
void sync_file_system(const fs::path& dir) {
  sync_dir(dir, ::syncfs, "cannot write the new output to disk");
}

// `<target>.before-hgj`, or the first of `-2`, `-3`… that is free.
fs::path free_adopted_name(const fs::path& target) {
  fs::path name = target;
  name += adopted_suffix;
  std::error_code ec;
  for (int n = 2; fs::exists(fs::symlink_status(name, ec)); ++n) {
    name = target;
    name += std::string(adopted_suffix) + "-" + std::to_string(n);
  }
  return name;
}

}  // namespace

void sync_folder(const fs::path& dir) { sync_dir(dir, ::fsync, "cannot make the swap durable"); }

void make_durable(const std::vector<fs::path>& files, const std::vector<fs::path>& folders,
                  const fs::path& dir) {
  if (files.size() + folders.size() > durable_one_by_one) return sync_file_system(dir);
  for (const fs::path& file : files) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
      const int error = errno;
      if (fd >= 0) ::close(fd);
      throw fs::filesystem_error("cannot write the new output to disk", file,
                                 std::error_code(error, std::generic_category()));
    }
    ::close(fd);
  }
  for (const fs::path& folder : folders) {
    sync_dir(folder, ::fsync, "cannot write the new output to disk");
  }
}

Staging::Staging(fs::path target, Reuse reuse, Mark how) : target_(resolve_output(target)) {
  // Before anything beside the target is touched: a second run must not remove this
  // one's staged folder as a leftover.
  lock_ = std::make_unique<OutputLock>(target_, target.string());
  remove_leftovers(target_);
  staged_ = target_;
  staged_ += ".staging-" + std::to_string(::getpid());
  prefix_ = staged_.string() + "/";
  if (reuse == Reuse::previous) {
    previous_ = target_;
    previous_ += ".previous";
    std::error_code ec;
    if (fs::is_directory(fs::symlink_status(previous_, ec)) && is_hgj_output(previous_)) {
      fs::rename(previous_, staged_);
      started_empty_ = false;
      previous_files_ = std::async(std::launch::async, [dir = staged_, skip = prefix_.size()] {
        std::vector<std::string> files;
        for (auto it = fs::recursive_directory_iterator(dir);
             it != fs::recursive_directory_iterator(); ++it) {
          if (!it->is_directory()) files.push_back(it->path().native().substr(skip));
        }
        return files;
      });
    }
  }
  fs::create_directories(staged_);
  if (started_empty_) mark(staged_, how);
  std::lock_guard lock(stagings_mutex);
  stagings.push_back(this);
}

Staging::~Staging() {
  if (previous_files_.valid()) previous_files_.wait();  // before the folder is renamed
  {
    std::lock_guard lock(stagings_mutex);
    stagings.erase(std::remove(stagings.begin(), stagings.end(), this), stagings.end());
  }
  if (committed_) return;
  std::error_code ec;
  // A failed build's folder is as good a start for the next build as any — once what it
  // wrote is on disk: the next build makes durable only what it writes itself.
  if (!previous_.empty()) {
    try {
      make_changes_durable();
      if (fs::rename(staged_, previous_, ec), !ec) return;
    } catch (const fs::filesystem_error&) {
    }
  }
  remove_marked(staged_);
}

Staging::Into Staging::note_written(const fs::path& path, std::size_t size) {
  const std::string& text = path.native();
  if (!text.starts_with(prefix_)) return {};
  if (!started_empty_) {
    written_[text.substr(prefix_.size())] = size;
    return {};
  }
  // Nothing to prune after a build into an empty folder: counts are all that is needed.
  ++files_;
  bytes_ += size;
  const std::size_t slash = text.rfind('/');
  if (slash < prefix_.size()) return {true, false};
  const std::size_t folder = std::hash<std::string_view>()(std::string_view(text).substr(0, slash));
  return {true, folders_.insert(folder).second};
}

void Staging::note_changed(const fs::path& path, bool new_entry) {
  const std::string& text = path.native();
  if (started_empty_ || !text.starts_with(prefix_)) return;
  changed_files_.push_back(text.substr(prefix_.size()));
  if (new_entry) {
    const std::size_t slash = text.rfind('/');
    changed_folders_.insert(slash <= prefix_.size()
                                ? std::string()
                                : text.substr(prefix_.size(), slash - prefix_.size()));
  }
}

void note_changed(const fs::path& path, bool new_entry) {
  std::lock_guard lock(stagings_mutex);
  for (Staging* staging : stagings) staging->note_changed(path, new_entry);
}

void Staging::make_changes_durable() {
  if (started_empty_) return sync_file_system(staged_);
  std::vector<fs::path> files, folders;
  std::unordered_set<std::string> seen;
  {
    std::lock_guard lock(stagings_mutex);
    for (const std::string& file : changed_files_) files.push_back(staged_ / file);
    // A folder with a new entry may itself be new (made by mkdir), and so its parent's
    // entries changed too: every folder up to the staged one.
    for (std::string folder : changed_folders_) {
      while (seen.insert(folder).second && !folder.empty()) {
        const std::size_t slash = folder.rfind('/');
        folder = slash == std::string::npos ? std::string() : folder.substr(0, slash);
      }
    }
  }
  seen.insert("");
  for (const std::string& folder : seen) {
    // A folder emptied and removed is gone from its parent, which is listed too.
    const fs::path path = folder.empty() ? staged_ : staged_ / folder;
    if (struct stat st{}; ::lstat(path.c_str(), &st) == 0 || errno != ENOENT)
      folders.push_back(path);
  }
  make_durable(files, folders, staged_);
}

std::size_t Staging::files_written() const {
  std::lock_guard lock(stagings_mutex);
  return files_ + written_.size();
}

std::size_t Staging::bytes_written() const {
  std::lock_guard lock(stagings_mutex);
  std::size_t bytes = bytes_;
  for (const auto& [path, size] : written_) bytes += size;
  return bytes;
}

void Staging::remove_unwritten(const std::vector<std::string>& spare) {
  if (previous_.empty() || pruned_) return;
  // Every file is either in the previous output or written by write_file() since.
  const std::vector<std::string> before =
      previous_files_.valid() ? previous_files_.get() : std::vector<std::string>();
  std::lock_guard lock(stagings_mutex);
  std::vector<fs::path> stale;
  for (const std::string& file : before) {
    if (!written_.count(file) && file != output_marker &&
        std::find(spare.begin(), spare.end(), file) == spare.end()) {
      stale.push_back(staged_ / file);
    }
  }
  // The folders that removing leaves empty go too, deepest first; a folder a stage made
  // and left empty on purpose stays.
  // Each folder an entry went from is noted changed, for commit() to make durable.
  const auto changed = [this](const fs::path& gone) {
    const std::string up = gone.parent_path().native();
    changed_folders_.insert(up.size() < prefix_.size() ? std::string() : up.substr(prefix_.size()));
  };
  std::vector<fs::path> emptied;
  for (const fs::path& file : stale) {
    fs::remove(file);
    changed(file);
    for (fs::path up = file.parent_path(); up != staged_ && up.native().starts_with(prefix_);
         up = up.parent_path()) {
      emptied.push_back(up);
    }
  }
  std::sort(emptied.begin(), emptied.end());
  emptied.erase(std::unique(emptied.begin(), emptied.end()), emptied.end());
  std::error_code ec;
  for (auto it = emptied.rbegin(); it != emptied.rend(); ++it) {
    if (fs::is_empty(*it, ec) && fs::remove(*it, ec)) changed(*it);
  }
  pruned_ = true;
}

void Staging::commit() {
  remove_unwritten();
  // Durable before it is visible: a power cut after the swap must not leave empty
  // files behind a complete-looking rename. What this build did not write was made
  // durable by the build that wrote it (or, failed, by this class's destructor).
  make_changes_durable();
  const fs::path parent = target_.parent_path();
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(target_, ec))) {
    fs::rename(staged_, target_);
    committed_ = true;
    sync_folder(parent);
    return;
  }
  // The new folder takes the old one's permissions: a web root's mode is the server's
  // business, not the umask's.
  if (struct stat st{}; ::stat(target_.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    ::chmod(staged_.c_str(), st.st_mode & 07777);
  }
  // A folder hgj did not write (adopted with --force) is kept, never removed.
  const bool adopted =
      !(fs::is_directory(target_, ec) && fs::is_empty(target_, ec)) && !is_hgj_output(target_);
  // Exchanging the two names is atomic: readers see the old tree or the new one.
  if (::renameat2(AT_FDCWD, staged_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) != 0) {
    throw fs::filesystem_error("cannot swap in the new output", staged_, target_,
                               std::error_code(errno, std::generic_category()));
  }
  committed_ = true;
  // staged_ now holds the previous output: kept aside, kept for the next build, or removed.
  if (adopted) {
    fs::rename(staged_, free_adopted_name(target_));
  } else if (previous_.empty() || (fs::rename(staged_, previous_, ec), ec)) {
    remove_marked(staged_);
  }
  sync_folder(parent);
}

bool write_file(const fs::path& path, std::string_view bytes) {
  Staging::Into into;
  {
    std::lock_guard lock(stagings_mutex);
    for (Staging* staging : stagings) {
      const Staging::Into here = staging->note_written(path, bytes.size());
      into.empty_folder |= here.empty_folder;
      into.new_folder |= here.new_folder;
    }
  }
  // Plain system calls: an ofstream per file costs a locale and a buffer, and a build
  // writes tens of thousands of files from several threads.
  // A staged folder that started empty holds only what this build wrote: nothing to
  // compare with (a first build or `hgj print` would pay an open() per file for it).
  if (!into.empty_folder) {
    const Kept kept = kept_or_overwritten(path, bytes);
    if (kept == Kept::overwritten) note_changed(path, false);
    if (kept != Kept::gone) return kept == Kept::overwritten;
  }
  // Mostly only the last folder is missing (a page's own folder): one mkdir, not
  // create_directories' status call for every level.
  const auto make_folder = [&path] {
    if (::mkdir(path.parent_path().c_str(), 0777) != 0 && errno != EEXIST) {
      fs::create_directories(path.parent_path());
    }
  };
  // The first file into a new folder makes it first: an open() that fails costs a path
  // walk, and a first build has 70,000 such folders.
  if (into.new_folder) make_folder();
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0 && errno == ENOENT && path.has_parent_path()) {
    make_folder();  // not noted as new, or made by another thread a moment from now
    fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  }
  if (fd < 0) fail_write(path, errno);
  write_all(fd, path, bytes);
  if (!into.empty_folder) note_changed(path, true);
  return true;
}

bool link_file(const fs::path& path, const fs::path& from, std::size_t* size) {
  struct stat source {};
  if (::stat(from.c_str(), &source) != 0 || !S_ISREG(source.st_mode)) return false;
  if (size) *size = static_cast<std::size_t>(source.st_size);
  {
    std::lock_guard lock(stagings_mutex);
    for (Staging* staging : stagings)
      staging->note_written(path, static_cast<std::size_t>(source.st_size));
  }
  // The output before last, reused as the staged folder, may hold it already.
  if (struct stat here{}; ::lstat(path.c_str(), &here) == 0) {
    if (here.st_dev == source.st_dev && here.st_ino == source.st_ino) return true;
    if (::unlink(path.c_str()) != 0) fail_write(path, errno);
  }
  note_changed(path, true);
  if (::link(from.c_str(), path.c_str()) == 0) return true;
  if (errno == ENOENT) {
    fs::create_directories(path.parent_path());
    if (::link(from.c_str(), path.c_str()) == 0) return true;
  }
  // Another file system, or one without hard links: the bytes.
  const std::optional<std::string> bytes = read_whole_file(from);
  if (!bytes) fail_write(from, errno ? errno : EIO);
  write_new_file(path, *bytes);
  return true;
}

bool keep_file(const fs::path& path, std::uint64_t size) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
      static_cast<std::uint64_t>(st.st_size) != size) {
    return false;
  }
  std::lock_guard lock(stagings_mutex);
  for (Staging* staging : stagings) staging->note_written(path, size);
  return true;
}

bool replace_file(const fs::path& path, std::string_view bytes) {
  struct stat st {};
  if (existing(path, bytes, st) == Existing::same) return false;
  fs::path temporary = path;
  temporary += ".hgj-new";
  write_file(temporary, bytes);
  fs::rename(temporary, path);
  return true;
}

}  // namespace hgj
