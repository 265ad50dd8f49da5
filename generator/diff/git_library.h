// libgit2 as hgj uses it: the one rule for its global state, and owning handles for the
// objects it hands out. Internal to the generator (git_tree.cpp, studio/content_repo*).
#pragma once

#include <git2.h>

#include <memory>
#include <string>

namespace hgj::git {

// libgit2 keeps global state between init and shutdown, counted: every user holds one
// Library for as long as it holds any libgit2 object, so the state is scoped to its use.
struct Library {
  Library() { git_libgit2_init(); }
  ~Library() { git_libgit2_shutdown(); }
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;
};

template <class T, void (*Free)(T*)>
struct Freer {
  void operator()(T* p) const { Free(p); }
};
using Repository = std::unique_ptr<git_repository, Freer<git_repository, git_repository_free>>;
using Object = std::unique_ptr<git_object, Freer<git_object, git_object_free>>;
using Commit = std::unique_ptr<git_commit, Freer<git_commit, git_commit_free>>;
using Tree = std::unique_ptr<git_tree, Freer<git_tree, git_tree_free>>;
using TreeEntry = std::unique_ptr<git_tree_entry, Freer<git_tree_entry, git_tree_entry_free>>;
using Blob = std::unique_ptr<git_blob, Freer<git_blob, git_blob_free>>;
using Index = std::unique_ptr<git_index, Freer<git_index, git_index_free>>;
using Signature = std::unique_ptr<git_signature, Freer<git_signature, git_signature_free>>;
using Diff = std::unique_ptr<git_diff, Freer<git_diff, git_diff_free>>;
using Revwalk = std::unique_ptr<git_revwalk, Freer<git_revwalk, git_revwalk_free>>;

// 40 hex digits.
inline std::string hex(const git_oid* oid) {
  char text[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(text, sizeof text, oid);
  return text;
}

// What libgit2 said about its last failure ("" when it said nothing).
inline std::string last_error() {
  const git_error* e = git_error_last();
  return e != nullptr && e->message != nullptr ? e->message : "";
}

}  // namespace hgj::git
