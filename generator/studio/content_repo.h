// The content folder's version history (issue #23, "nothing is ever lost"): the folder is
// a git repository of its own, `<content>/.git`, written through libgit2. Every change the
// workbench makes is one commit under the staff member's name; publications are annotated
// tags; a restore is a new commit, so history is never rewritten.
//
// Not thread-safe: one ContentRepo is used from one thread at a time (the workbench server
// serialises its writes with its own mutex). A form and its write follow this order:
//   render: lock; form.head = repo.commit_outside_changes(); unlock; render the page.
//   write:  lock; repo.commit_outside_changes();
//           if (repo.changed_since(form.head)) answer 409;  // changed since it was shown
//           write the content; repo.commit_all(who, "导入 …"); unlock.
// (Rendering from head() alone would make every form 409 while a hand edit is pending.)
//
// Killed or powered off: git's objects, index and refs are each replaced whole (libgit2's
// lock files, fsync on), so HEAD names the last finished commit. A restore writes each file
// whole (temporary file, fsync, rename in the same folder) before it commits: stopped
// midway, HEAD is still the earlier commit and every file is either its old or its new
// version, and the next commit_outside_changes() records that mix — nothing is lost.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diff/git_tree.h"   // GitProblem
#include "hgj/recurrence.h"  // Instant

namespace hgj::studio {

// Who made a version: a staff member. An empty email becomes "<name>@hgj.invalid".
struct Author {
  std::string name;
  std::string email;
};

// The author of commit_outside_changes(), and its message.
inline constexpr const char* outside_author = "hgj 工作台";
inline constexpr const char* outside_message = "工作台外的改动";

struct ChangedFile {
  enum class Kind { added, modified, deleted };
  Kind kind = Kind::modified;
  std::string path;  // relative to the content folder, '/'-separated
};

// One version of the content, as the 历史 page lists it.
struct Version {
  std::string commit;              // 40 hex digits
  std::string short_id;            // its first 10
  std::string message;             // the first line
  std::string author;              // the author's name
  Instant time = 0;                // when it was committed, Unix seconds
  std::vector<std::string> tags;   // tag names pointing at it, sorted
  std::vector<ChangedFile> files;  // against its parent (all files for the first), by path
};

class ContentRepo {
 public:
  // Opens `<content_dir>/.git`, or makes it (`git init`) when the folder is not the top
  // of a git working tree; an outer repository the folder sits in is never touched.
  // Keeps `.hgj/`, editors' lock files and hgj's temporary files out of the history
  // (.git/info/exclude). Throws GitProblem when the folder is missing or its .git is not
  // a repository libgit2 can open.
  explicit ContentRepo(const std::filesystem::path& content_dir);
  ~ContentRepo();
  ContentRepo(ContentRepo&&) noexcept;
  ContentRepo& operator=(ContentRepo&&) noexcept;

  const std::filesystem::path& folder() const { return folder_; }

  // The commit HEAD names (40 hex digits); "" before the first commit.
  std::string head() const;
  // True when HEAD is no longer `commit` (the HEAD a form was rendered from): the
  // server's 409. Outside edits count once commit_outside_changes() has recorded them.
  bool changed_since(const std::string& commit) const { return head() != commit; }

  // Records every file of the working tree — added, changed, deleted; excluded ones left
  // out — as one commit by `who` (committer the same). Commits only when the files differ
  // from HEAD, and returns HEAD unchanged otherwise; the first call in a repository without
  // commits always makes one. `at` replaces the clock (tests). Throws GitProblem.
  std::string commit_all(const Author& who, const std::string& message,
                         std::optional<Instant> at = std::nullopt);
  // commit_all by outside_author with outside_message: called before the workbench
  // writes anything, so hand edits are a version of their own.
  std::string commit_outside_changes(std::optional<Instant> at = std::nullopt);

  // An annotated tag `name` on `commit` (publications: "publication-20261207T050000Z").
  // Throws GitProblem for an unknown commit, a name git does not allow, or one taken.
  void tag(const std::string& commit, const std::string& name, const std::string& message,
           const Author& who, std::optional<Instant> at = std::nullopt);

  // The newest `limit` versions, newest first.
  std::vector<Version> log(std::size_t limit) const;

  // Makes the content folder's tracked files those of `commit` (a full or abbreviated
  // hash) and records that as a new commit by `who`: 「恢复到 <short id>（<its message>）」.
  // Commits outside changes first, so a file added by hand is a version of its own before
  // the restore removes it; excluded files (.hgj/, lock files) are never touched. Never
  // writes through a symbolic link: a link in a file's place is replaced (a tracked link
  // in its folder path too); any other link in its folder path is refused. Returns the
  // new HEAD (HEAD unchanged when the files already are those of `commit`). Throws
  // GitProblem for an unknown commit (before anything) or a path it refuses (before any
  // file is written; outside changes are recorded by then).
  std::string restore(const std::string& commit, const Author& who,
                      std::optional<Instant> at = std::nullopt);

 private:
  struct Git;  // libgit2's handles (content_repo_git.h)

  std::filesystem::path folder_;
  std::unique_ptr<Git> git_;
};

}  // namespace hgj::studio
