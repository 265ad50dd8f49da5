// The content folder as a git repository holds it at some revision (libgit2): read from
// the repository's object store, never from or into the working tree.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace hgj {

// Why a revision could not be read; the message is for staff (hgj/language.h).
class GitProblem : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct GitVersion {
  std::string repository;  // the working tree's folder
  std::string commit;      // 40 hex digits
};

// The commit HEAD names in the repository holding `content_dir`; nullopt when the folder
// is in no repository or the repository has no commit yet.
std::optional<GitVersion> git_head(const std::filesystem::path& content_dir);

// Writes the files of `content_dir` as committed at `rev` (anything `git rev-parse`
// takes: HEAD~2, a tag, a hash) into the empty folder `into`. Throws GitProblem when the
// folder is in no repository, the revision does not resolve to a commit, or the folder
// did not exist at it.
GitVersion export_git_version(const std::filesystem::path& content_dir, const std::string& rev,
                              const std::filesystem::path& into);

}  // namespace hgj
