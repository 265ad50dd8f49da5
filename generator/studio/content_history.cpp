// ContentRepo::log: the versions the 历史 page lists, with their tags and changed files.
#include <algorithm>
#include <map>

#include "studio/content_repo.h"
#include "studio/content_repo_git.h"

namespace hgj::studio {

namespace {

using TagsByCommit = std::map<std::string, std::vector<std::string>>;

struct TagWalk {
  git_repository* repo;
  TagsByCommit* tags;
};

int add_tag(const char* ref_name, git_oid* oid, void* payload) {
  const TagWalk& walk = *static_cast<TagWalk*>(payload);
  git_object* object = nullptr;
  if (git_object_lookup(&object, walk.repo, oid, GIT_OBJECT_ANY) != 0) return 0;
  const git::Object owned(object);
  git_object* peeled = nullptr;
  // Annotated tags name a tag object; what the page wants is the commit it points at.
  if (git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) != 0) return 0;
  const git::Object commit(peeled);
  std::string name = ref_name;
  const std::string prefix = "refs/tags/";
  if (name.rfind(prefix, 0) == 0) name.erase(0, prefix.size());
  (*walk.tags)[git::hex(git_object_id(peeled))].push_back(name);
  return 0;
}

TagsByCommit tags_by_commit(git_repository* repo) {
  TagsByCommit tags;
  TagWalk walk{repo, &tags};
  git_tag_foreach(repo, add_tag, &walk);
  for (auto& entry : tags) std::sort(entry.second.begin(), entry.second.end());
  return tags;
}

std::vector<ChangedFile> changed_files(git_repository* repo, const git_commit* commit) {
  const git::Tree after = commit_tree(commit);
  git::Tree before;
  git_commit* parent = nullptr;
  if (git_commit_parentcount(commit) > 0 && git_commit_parent(&parent, commit, 0) == 0) {
    const git::Commit owned(parent);
    before = commit_tree(parent);
  }
  git_diff* raw = nullptr;
  if (git_diff_tree_to_tree(&raw, repo, before.get(), after.get(), nullptr) != 0)
    throw git_failure("读不出一个版本改了哪些文件", "cannot read which files a version changed");
  const git::Diff diff(raw);
  std::vector<ChangedFile> files;
  for (std::size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
    switch (delta->status) {
      case GIT_DELTA_ADDED:
        files.push_back({ChangedFile::Kind::added, delta->new_file.path});
        break;
      case GIT_DELTA_DELETED:
        files.push_back({ChangedFile::Kind::deleted, delta->old_file.path});
        break;
      default:
        files.push_back({ChangedFile::Kind::modified, delta->new_file.path});
        break;
    }
  }
  return files;
}

}  // namespace

std::vector<Version> ContentRepo::log(std::size_t limit) const {
  git_repository* repo = git_->repo.get();
  std::vector<Version> versions;
  git_revwalk* raw = nullptr;
  if (git_revwalk_new(&raw, repo) != 0)
    throw git_failure("读不出内容的历史", "cannot read the content's history");
  const git::Revwalk walk(raw);
  git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
  if (git_revwalk_push_head(walk.get()) != 0) return versions;  // no commit yet
  const TagsByCommit tags = tags_by_commit(repo);
  git_oid oid;
  while (versions.size() < limit && git_revwalk_next(&oid, walk.get()) == 0) {
    git_commit* found = nullptr;
    if (git_commit_lookup(&found, repo, &oid) != 0)
      throw git_failure("读不出内容的历史", "cannot read the content's history");
    const git::Commit commit(found);
    Version v;
    v.commit = git::hex(&oid);
    v.short_id = v.commit.substr(0, 10);
    v.message = first_line(found);
    v.author = git_commit_author(found)->name;
    v.time = static_cast<Instant>(git_commit_time(found));
    if (const auto t = tags.find(v.commit); t != tags.end()) v.tags = t->second;
    v.files = changed_files(repo, found);
    versions.push_back(std::move(v));
  }
  return versions;
}

}  // namespace hgj::studio
