#include "diff/git_tree.h"

#include <fstream>

#include "diff/git_library.h"
#include "hgj/language.h"

namespace hgj {

namespace {

namespace fs = std::filesystem;

using git::Blob;
using git::Library;
using git::Object;
using git::Repository;
using git::Tree;
using git::TreeEntry;

Repository open_repository(const fs::path& content_dir) {
  git_repository* repo = nullptr;
  if (git_repository_open_ext(&repo, content_dir.c_str(), 0, nullptr) != 0) return nullptr;
  return Repository(repo);
}

// The content folder's path inside the repository's working tree ("" for its top).
std::string path_in_repository(git_repository* repo, const fs::path& content_dir) {
  const char* workdir = git_repository_workdir(repo);
  if (workdir == nullptr)
    throw GitProblem(say("这个 git 仓库没有工作目录", "the git repository has no working tree"));
  const fs::path relative = fs::canonical(content_dir).lexically_relative(fs::canonical(workdir));
  const std::string s = relative.generic_string();
  return s == "." ? std::string() : s;
}

// A tree entry's name as a file name: git allows nothing with '/', but a crafted
// repository might hold "..": refused so nothing lands outside `into`.
bool safe_name(const char* name) {
  const std::string_view n(name);
  return !n.empty() && n != "." && n != ".." && n.find('/') == std::string_view::npos;
}

void write_tree(git_repository* repo, const git_tree* tree, const fs::path& into) {
  fs::create_directories(into);
  const std::size_t count = git_tree_entrycount(tree);
  for (std::size_t i = 0; i < count; ++i) {
    const git_tree_entry* entry = git_tree_entry_byindex(tree, i);
    const char* name = git_tree_entry_name(entry);
    if (!safe_name(name)) continue;
    const git_object_t type = git_tree_entry_type(entry);
    // Links and submodules are not content the loader reads as such: left out.
    if (git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK) continue;
    if (type == GIT_OBJECT_TREE) {
      git_tree* sub = nullptr;
      if (git_tree_lookup(&sub, repo, git_tree_entry_id(entry)) != 0) continue;
      const Tree owned(sub);
      write_tree(repo, sub, into / name);
    } else if (type == GIT_OBJECT_BLOB) {
      git_blob* blob = nullptr;
      if (git_blob_lookup(&blob, repo, git_tree_entry_id(entry)) != 0) continue;
      const Blob owned(blob);
      std::ofstream out(into / name, std::ios::binary);
      out.write(static_cast<const char*>(git_blob_rawcontent(blob)),
                static_cast<std::streamsize>(git_blob_rawsize(blob)));
      if (!out)
        throw std::runtime_error((into / name).string() + ": " + say("无法写入", "cannot write"));
    }
  }
}

}  // namespace

std::optional<GitVersion> git_head(const fs::path& content_dir) {
  const Library library;
  const Repository repo = open_repository(content_dir);
  if (!repo) return std::nullopt;
  git_oid oid;
  if (git_reference_name_to_id(&oid, repo.get(), "HEAD") != 0) return std::nullopt;
  const char* workdir = git_repository_workdir(repo.get());
  return GitVersion{workdir ? workdir : "", git::hex(&oid)};
}

GitVersion export_git_version(const fs::path& content_dir, const std::string& rev,
                              const fs::path& into) {
  const Library library;
  const Repository repo = open_repository(content_dir);
  if (!repo)
    throw GitProblem(
        say("内容文件夹 " + content_dir.string() + " 不在 git 仓库里",
            "the content folder " + content_dir.string() + " is in no git repository"));
  git_object* found = nullptr;
  if (git_revparse_single(&found, repo.get(), rev.c_str()) != 0)
    throw GitProblem(say("git 仓库里找不到版本 \"" + rev + "\"",
                         "no revision \"" + rev + "\" in the git repository"));
  const Object object(found);
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) != 0)
    throw GitProblem(say("\"" + rev + "\" 不是一次提交", "\"" + rev + "\" is not a commit"));
  const Object commit(peeled);
  git_object* root = nullptr;
  if (git_object_peel(&root, commit.get(), GIT_OBJECT_TREE) != 0)
    throw GitProblem(
        say("读不出版本 \"" + rev + "\" 的文件", "cannot read the files of \"" + rev + "\""));
  const Object root_tree(root);

  const std::string inside = path_in_repository(repo.get(), content_dir);
  const git_tree* tree = reinterpret_cast<const git_tree*>(root_tree.get());
  Tree sub;
  if (!inside.empty()) {
    git_tree_entry* entry = nullptr;
    if (git_tree_entry_bypath(&entry, tree, inside.c_str()) != 0)
      throw GitProblem(say("版本 \"" + rev + "\" 里还没有内容文件夹 " + inside,
                           "the content folder " + inside + " does not exist at \"" + rev + "\""));
    const TreeEntry owned(entry);
    git_tree* found_tree = nullptr;
    if (git_tree_entry_type(entry) != GIT_OBJECT_TREE ||
        git_tree_lookup(&found_tree, repo.get(), git_tree_entry_id(entry)) != 0)
      throw GitProblem(say("版本 \"" + rev + "\" 里的 " + inside + " 不是文件夹",
                           inside + " is not a folder at \"" + rev + "\""));
    sub.reset(found_tree);
    tree = sub.get();
  }
  write_tree(repo.get(), tree, into);
  const char* workdir = git_repository_workdir(repo.get());
  return {workdir ? workdir : "", git::hex(git_object_id(commit.get()))};
}

}  // namespace hgj
