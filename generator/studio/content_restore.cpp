// ContentRepo::restore: the content folder's tracked files made those of an earlier
// version, each file replaced whole, then recorded as a new commit.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "hgj/language.h"
#include "publish.h"
#include "studio/content_repo.h"
#include "studio/content_repo_git.h"
#include "studio/whole_file.h"

namespace hgj::studio {

namespace fs = std::filesystem;

namespace {

struct Entry {
  git_oid id;
  git_filemode_t mode;
};
using Files = std::map<std::string, Entry>;  // '/'-separated path → blob

int collect(const char* root, const git_tree_entry* entry, void* payload) {
  // Folders are walked into; submodules (commits) are not files to write.
  if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) return 0;
  (*static_cast<Files*>(payload))[std::string(root) + git_tree_entry_name(entry)] =
      Entry{*git_tree_entry_id(entry), git_tree_entry_filemode(entry)};
  return 0;
}

Files files_of(const git_tree* tree) {
  Files files;
  if (tree != nullptr) git_tree_walk(tree, GIT_TREEWALK_PRE, collect, &files);
  return files;
}

// What a restore does: files to remove (tracked now, absent then) and files to write.
struct Plan {
  std::vector<std::string> removals;
  std::vector<std::pair<std::string, Entry>> writes;
};

Plan plan(const Files& now, const Files& then) {
  Plan p;
  for (const auto& item : now)
    if (then.find(item.first) == then.end()) p.removals.push_back(item.first);
  for (const auto& [path, entry] : then) {
    const auto current = now.find(path);
    if (current == now.end() || !git_oid_equal(&current->second.id, &entry.id) ||
        current->second.mode != entry.mode)
      p.writes.emplace_back(path, entry);
  }
  return p;
}

enum class Kind { none, folder, link, other };

Kind kind_of(const fs::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return Kind::none;
  if (S_ISLNK(st.st_mode)) return Kind::link;
  return S_ISDIR(st.st_mode) ? Kind::folder : Kind::other;
}

[[noreturn]] void refuse(const std::string& zh, const std::string& en) {
  throw GitProblem(say("恢复已拒绝：" + zh, "restore refused: " + en));
}

// A crafted history could name "../x" or ".git/config": nothing outside the working tree
// nor inside git's own folder is written.
void check_name(const std::string& path) {
  std::size_t start = 0;
  while (true) {
    const std::size_t end = path.find('/', start);
    std::string part = path.substr(start, end - start);
    std::transform(part.begin(), part.end(), part.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (part.empty() || part == "." || part == ".." || part == ".git")
      refuse("版本里的路径 \"" + path + "\" 不安全",
             "the version holds the unsafe path \"" + path + "\"");
    if (end == std::string::npos) return;
    start = end + 1;
  }
}

// Every folder on the way to `path` is a real folder (or missing, made later), never a
// link: writing through one could land outside the content folder. Links and files the
// restore removes first do not count.
void check_folders(const fs::path& root, const std::string& path,
                   const std::set<std::string>& removed) {
  for (std::size_t slash = path.find('/'); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    const std::string folder = path.substr(0, slash);
    const Kind kind = kind_of(root / folder);
    if (kind == Kind::none || kind == Kind::folder || removed.count(folder) > 0) continue;
    if (kind == Kind::link)
      refuse(folder + " 是符号链接，恢复不会经由它写 " + path + "；请先把它换成普通文件夹",
             folder + " is a symbolic link, and restore does not write " + path +
                 " through it; replace it with a folder first");
    refuse(folder + " 是文件，而要恢复的版本里它是文件夹",
           folder + " is a file, but a folder in the version restored");
  }
}

void check(const fs::path& root, const Plan& p) {
  const std::set<std::string> removed(p.removals.begin(), p.removals.end());
  for (const std::string& path : p.removals) {
    check_name(path);
    check_folders(root, path, removed);
  }
  for (const auto& write : p.writes) {
    const std::string& path = write.first;
    check_name(path);
    check_folders(root, path, removed);
    if (kind_of(root / path) == Kind::folder)
      refuse(path + " 是文件夹，而要恢复的版本里它是文件",
             path + " is a folder, but a file in the version restored");
  }
}

void remove_file(const fs::path& root, const std::string& path, std::set<fs::path>& touched) {
  const fs::path file = root / path;
  const Kind kind = kind_of(file);
  if (kind == Kind::none || kind == Kind::folder) return;
  if (::unlink(file.c_str()) != 0)
    throw fs::filesystem_error("cannot remove", file,
                               std::error_code(errno, std::generic_category()));
  // Folders the removal left empty go too, as git leaves them; one still holding
  // anything (untracked files included) stays.
  fs::path folder = file.parent_path();
  touched.insert(folder);
  while (folder != root && ::rmdir(folder.c_str()) == 0) {
    folder = folder.parent_path();
    touched.insert(folder);
  }
}

void make_folders(const fs::path& root, const std::string& path, std::set<fs::path>& touched) {
  for (std::size_t slash = path.find('/'); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    const fs::path folder = root / path.substr(0, slash);
    const Kind kind = kind_of(folder);
    if (kind == Kind::folder) continue;
    if (kind != Kind::none || ::mkdir(folder.c_str(), 0755) != 0)  // checked before; changed since
      throw fs::filesystem_error(
          "cannot make the folder", folder,
          std::error_code(kind == Kind::none ? errno : EEXIST, std::generic_category()));
    touched.insert(folder.parent_path());
  }
}

void write_file(git_repository* repo, const fs::path& root, const std::string& path,
                const Entry& entry, std::set<fs::path>& touched) {
  git_blob* raw = nullptr;
  if (git_blob_lookup(&raw, repo, &entry.id) != 0)
    throw git_failure("读不出版本里的 " + path, "cannot read " + path + " of the version");
  const git::Blob blob(raw);
  const std::string bytes(static_cast<const char*>(git_blob_rawcontent(raw)),
                          static_cast<std::size_t>(git_blob_rawsize(raw)));
  make_folders(root, path, touched);
  const fs::path file = root / path;
  if (entry.mode == GIT_FILEMODE_LINK)
    write_whole_link(file, bytes);
  else
    write_whole_file(file, bytes, entry.mode == GIT_FILEMODE_BLOB_EXECUTABLE ? 0755 : 0644);
  touched.insert(file.parent_path());
}

// The index follows the files, path by path, so the next commit_all re-reads only them.
void update_index(git_repository* repo, const Plan& p) {
  git_index* raw = nullptr;
  if (git_repository_index(&raw, repo) != 0)
    throw git_failure("读不出版本记录的索引", "cannot read the history's index");
  const git::Index index(raw);
  bool ok = git_index_read(index.get(), 0) == 0;
  for (const std::string& path : p.removals)
    ok = ok && git_index_remove_bypath(index.get(), path.c_str()) == 0;
  for (const auto& write : p.writes)
    ok = ok && git_index_add_bypath(index.get(), write.first.c_str()) == 0;
  if (!ok || git_index_write(index.get()) != 0)
    throw git_failure("无法把恢复的文件记入版本", "cannot record the restored files");
}

}  // namespace

std::string ContentRepo::restore(const std::string& commit, const Author& who,
                                 std::optional<Instant> at) {
  git_repository* repo = git_->repo.get();
  const git::Commit target = find_commit(repo, commit);  // refused before anything is written
  const std::string before = commit_outside_changes(at);
  const git::Commit current = head_commit(repo);
  const git::Tree then = commit_tree(target.get());
  const git::Tree now = commit_tree(current.get());
  const Plan p = plan(files_of(now.get()), files_of(then.get()));
  if (p.removals.empty() && p.writes.empty()) return before;
  check(folder_, p);

  std::set<fs::path> touched;
  for (auto it = p.removals.rbegin(); it != p.removals.rend(); ++it)
    remove_file(folder_, *it, touched);
  for (const auto& write : p.writes) write_file(repo, folder_, write.first, write.second, touched);
  // The renames on disk before the commit that names them: HEAD never runs ahead of the files.
  for (const fs::path& folder : touched)
    if (kind_of(folder) == Kind::folder) sync_folder(folder);
  update_index(repo, p);

  const std::string id = git::hex(git_commit_id(target.get()));
  return make_commit(repo, *git_commit_tree_id(target.get()), who,
                     "恢复到 " + id.substr(0, 10) + "（" + first_line(target.get()) + "）", at);
}

}  // namespace hgj::studio
