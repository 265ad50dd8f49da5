// What content_repo.cpp, content_history.cpp and content_restore.cpp share: the libgit2
// handles a ContentRepo holds, and the steps more than one of them takes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "diff/git_library.h"
#include "studio/content_repo.h"

namespace hgj::studio {

struct ContentRepo::Git {
  git::Library library;  // first: libgit2 stays initialised until the repository is freed
  git::Repository repo;
};

// GitProblem with the staff message and what libgit2 said about its last failure.
GitProblem git_failure(std::string_view zh, std::string_view en);

// The commit `id` names (40 hex digits, or at least 4 of them). Throws GitProblem with
// 「内容的历史里没有版本 "…"」 when it names none.
git::Commit find_commit(git_repository* repo, const std::string& id);

// HEAD's commit; null before the first commit.
git::Commit head_commit(git_repository* repo);

git::Tree commit_tree(const git_commit* commit);

// A commit of `tree` on top of HEAD by `who` (author and committer), HEAD moved to it.
std::string make_commit(git_repository* repo, const git_oid& tree, const Author& who,
                        const std::string& message, std::optional<Instant> at);

// `who` at `at` (now when absent) in the machine's time zone. Throws GitProblem for a
// name git cannot record.
git::Signature signature(const Author& who, std::optional<Instant> at);

// The first line of a commit's message.
std::string first_line(const git_commit* commit);

}  // namespace hgj::studio
