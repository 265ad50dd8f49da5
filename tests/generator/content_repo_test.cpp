#include "studio/content_repo.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <tuple>

#include "../language_scope.h"
#include "../temp_folder.h"
#include "diff/git_library.h"

using namespace hgj;
using namespace hgj::studio;
using hgj::testing::slurp;
using hgj::testing::TempFolder;
namespace fs = std::filesystem;

namespace {

const Author wang{"王建华", ""};
const Author li{"李秀英", "li@example.org"};

// 2026-12-07 05:00 UTC and a minute apart after it.
constexpr Instant t0 = 1796619600;

// "A path" for each changed file, A/M/D first: what the 历史 page shows, compactly.
std::string files(const Version& v) {
  std::string out;
  for (const ChangedFile& f : v.files) {
    if (!out.empty()) out += ' ';
    out += f.kind == ChangedFile::Kind::added     ? "A:"
           : f.kind == ChangedFile::Kind::deleted ? "D:"
                                                  : "M:";
    out += f.path;
  }
  return out;
}

int count_lines(const std::string& text, const std::string& line) {
  std::istringstream in(text);
  int n = 0;
  for (std::string l; std::getline(in, l);) n += l == line;
  return n;
}

bool is_hex40(const std::string& s) {
  return s.size() == 40 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

TEST_CASE(
    "a fresh content folder gets a repository of its own, its excludes once, and a first commit") {
  const TempFolder dir;
  {
    const ContentRepo repo(dir.path());
    CHECK(fs::is_directory(dir.path() / ".git"));
    CHECK(repo.head() == "");
    CHECK(repo.log(10).empty());
  }
  // An operator's editor may drop the last newline.
  std::string kept = slurp(dir.path() / ".git/info/exclude");
  kept.pop_back();
  std::ofstream(dir.path() / ".git/info/exclude", std::ios::binary) << kept;
  const ContentRepo again(dir.path());  // opened, not made again: no line added twice
  const std::string exclude = slurp(dir.path() / ".git/info/exclude");
  for (const char* line : {".hgj/", "~$*.xlsx", ".~lock.*#", "*.hgj-new"})
    CHECK(count_lines(exclude, line) == 1);
}

TEST_CASE("the first commit is made even of an empty folder, so a form always has a HEAD") {
  const TempFolder dir;
  ContentRepo repo(dir.path());
  const std::string first = repo.commit_all(wang, "开始", t0);
  CHECK(is_hex40(first));
  CHECK(repo.head() == first);
  CHECK(repo.commit_all(wang, "again", t0 + 60) == first);
}

TEST_CASE("a content folder inside an outer repository: the outer HEAD and index are untouched") {
  const TempFolder dir;
  dir.write("README.md", "outer\n");
  dir.write("content/stewards.csv", "id,name\nw1,王建华\n");
  ContentRepo outer(dir.path());
  const std::string outer_head = outer.commit_all(li, "outer", t0);
  const std::string outer_index = slurp(dir.path() / ".git/index");

  ContentRepo inner(dir.path() / "content");
  CHECK(fs::is_directory(dir.path() / "content/.git"));
  dir.write("content/stewards.csv", "id,name\nw1,王建华\nw2,李秀英\n");
  const std::string inner_head = inner.commit_all(wang, "新增红管家", t0 + 60);

  CHECK(inner_head != outer_head);
  CHECK(outer.head() == outer_head);
  CHECK(slurp(dir.path() / ".git/index") == outer_index);
  const std::vector<Version> log = inner.log(10);
  REQUIRE(log.size() == 1);
  CHECK(files(log[0]) == "A:stewards.csv");  // relative to the content folder
}

TEST_CASE("commit_all records additions, changes and deletions; with nothing changed, HEAD stays") {
  const TempFolder dir;
  dir.write("stewards.csv", "a\n");
  dir.write("notices/n1.md", "one\n");
  ContentRepo repo(dir.path());
  const std::string first = repo.commit_all(wang, "导入 台账.xlsx", t0);

  dir.write("stewards.csv", "a\nb\n");
  dir.write("notices/n2.md", "two\n");
  fs::remove(dir.path() / "notices/n1.md");
  dir.write(".hgj/state.json", "{}");      // the workbench's own state: excluded
  dir.write("~$台账.xlsx", "lock");        // Excel's lock file: excluded
  dir.write(".~lock.台账.xlsx#", "lock");  // LibreOffice's: excluded
  const std::string second = repo.commit_all(li, "第二次导入\n\n细节", t0 + 60);
  CHECK(second != first);
  CHECK(repo.commit_all(li, "nothing", t0 + 120) == second);

  const std::vector<Version> log = repo.log(10);
  REQUIRE(log.size() == 2);
  CHECK(log[0].commit == second);
  CHECK(log[0].short_id == second.substr(0, 10));
  CHECK(log[0].message == "第二次导入");
  CHECK(log[0].author == "李秀英");
  CHECK(log[0].time == t0 + 60);
  CHECK(files(log[0]) == "D:notices/n1.md A:notices/n2.md M:stewards.csv");
  CHECK(log[1].commit == first);
  CHECK(log[1].author == "王建华");
  CHECK(files(log[1]) == "A:notices/n1.md A:stewards.csv");
  CHECK(repo.log(1).size() == 1);
}

TEST_CASE("changes made outside the workbench are a version by the workbench, and move HEAD") {
  const TempFolder dir;
  dir.write("stewards.csv", "a\n");
  ContentRepo repo(dir.path());
  const std::string rendered_from = repo.commit_all(wang, "导入", t0);
  CHECK_FALSE(repo.changed_since(rendered_from));
  CHECK(repo.commit_outside_changes(t0 + 30) == rendered_from);  // nothing outside yet

  dir.write("stewards.csv", "a\nedited in Excel\n");
  const std::string outside = repo.commit_outside_changes(t0 + 60);
  CHECK(outside != rendered_from);
  CHECK(repo.changed_since(rendered_from));
  CHECK_FALSE(repo.changed_since(outside));
  const Version v = repo.log(1).at(0);
  CHECK(v.author == "hgj 工作台");
  CHECK(v.message == "工作台外的改动");
  CHECK(files(v) == "M:stewards.csv");
}

TEST_CASE("publications are annotated tags the log lists; a taken or bad name is refused") {
  const LanguageScope chinese(Language::zh);
  const TempFolder dir;
  dir.write("stewards.csv", "a\n");
  ContentRepo repo(dir.path());
  const std::string published = repo.commit_all(wang, "导入", t0);
  repo.tag(published, "publication-20261207T050000Z", "发布", li, t0 + 60);
  repo.tag(published.substr(0, 10), "approved", "审核通过", li, t0 + 60);
  dir.write("stewards.csv", "a\nb\n");
  repo.commit_all(wang, "再导入", t0 + 120);

  const std::vector<Version> log = repo.log(10);
  REQUIRE(log.size() == 2);
  CHECK(log[0].tags.empty());
  CHECK(log[1].tags == std::vector<std::string>{"approved", "publication-20261207T050000Z"});

  CHECK_THROWS_WITH_AS(repo.tag(published, "approved", "x", li), "版本标签 \"approved\" 已经有了",
                       GitProblem);
  CHECK_THROWS_WITH_AS(repo.tag(published, "bad..name", "x", li), "\"bad..name\" 不能用作版本标签",
                       GitProblem);
  CHECK_THROWS_WITH_AS(repo.tag("0123456789", "other", "x", li),
                       "内容的历史里没有版本 \"0123456789\"", GitProblem);
}

TEST_CASE(
    "restore brings back an old file, removes a later one, leaves excluded files, and is a new "
    "commit") {
  const TempFolder dir;
  dir.write("stewards.csv", "王建华 138\n");
  dir.write("buildings/xl-01.md", "one\n");
  ContentRepo repo(dir.path());
  const std::string old = repo.commit_all(wang, "导入 台账.xlsx", t0);

  dir.write("stewards.csv", "王建华 139\n");
  dir.write("buildings/xl-10/index.md", "new building\n");
  repo.commit_all(li, "新增楼栋", t0 + 60);
  dir.write(".hgj/x", "workbench state");
  dir.write("notices/by-hand.md", "typed by hand\n");  // outside the workbench, never committed

  const std::string restored = repo.restore(old, wang, t0 + 120);
  CHECK(restored != old);
  CHECK(repo.head() == restored);
  CHECK(slurp(dir.path() / "stewards.csv") == "王建华 138\n");
  CHECK(slurp(dir.path() / "buildings/xl-01.md") == "one\n");
  CHECK_FALSE(fs::exists(dir.path() / "buildings/xl-10"));  // the folder it left empty too
  CHECK_FALSE(fs::exists(dir.path() / "notices"));
  CHECK(slurp(dir.path() / ".hgj/x") == "workbench state");

  const std::vector<Version> log = repo.log(10);
  REQUIRE(log.size() == 4);
  CHECK(log[0].message == "恢复到 " + old.substr(0, 10) + "（导入 台账.xlsx）");
  CHECK(log[0].author == "王建华");
  CHECK(files(log[0]) == "D:buildings/xl-10/index.md D:notices/by-hand.md M:stewards.csv");
  // The hand-typed notice is a version of its own before the restore removed it.
  CHECK(log[1].author == "hgj 工作台");
  CHECK(files(log[1]) == "A:notices/by-hand.md");
  // The restore left the files exactly as committed: nothing more to record.
  CHECK(repo.commit_outside_changes(t0 + 180) == restored);
  // Restoring what the files already are records nothing.
  CHECK(repo.restore(restored.substr(0, 12), wang, t0 + 240) == restored);
}

TEST_CASE("restore of an unknown version is refused with a message, and writes nothing") {
  const TempFolder dir;
  dir.write("stewards.csv", "a\n");
  ContentRepo repo(dir.path());
  const std::string head = repo.commit_all(wang, "导入", t0);
  dir.write("stewards.csv", "edited\n");
  {
    const LanguageScope chinese(Language::zh);
    CHECK_THROWS_WITH_AS(repo.restore("deadbeefdeadbeef", wang),
                         "内容的历史里没有版本 \"deadbeefdeadbeef\"", GitProblem);
    CHECK_THROWS_WITH_AS(repo.restore("HEAD~1", wang), "内容的历史里没有版本 \"HEAD~1\"",
                         GitProblem);
  }
  const LanguageScope english(Language::en);
  CHECK_THROWS_WITH_AS(repo.restore("deadbeef", wang),
                       "no version \"deadbeef\" in the content's history", GitProblem);
  CHECK(repo.head() == head);
  CHECK(slurp(dir.path() / "stewards.csv") == "edited\n");
}

TEST_CASE(
    "restore replaces a symbolic link that points outside the folder, never writing through it") {
  const TempFolder outside;
  outside.write("secret.csv", "outside file\n");
  outside.write("people/a.csv", "outside folder\n");
  const TempFolder dir;
  dir.write("stewards.csv", "inside\n");
  dir.write("people/a.csv", "people v1\n");
  ContentRepo repo(dir.path());
  const std::string v1 = repo.commit_all(wang, "v1", t0);

  // By hand: a file and a folder of the content become links out of it.
  fs::remove(dir.path() / "stewards.csv");
  fs::create_symlink(outside.path() / "secret.csv", dir.path() / "stewards.csv");
  fs::remove_all(dir.path() / "people");
  fs::create_directory_symlink(outside.path() / "people", dir.path() / "people");

  repo.restore(v1, wang, t0 + 60);
  CHECK(slurp(outside.path() / "secret.csv") == "outside file\n");
  CHECK(slurp(outside.path() / "people/a.csv") == "outside folder\n");
  CHECK_FALSE(fs::is_symlink(dir.path() / "stewards.csv"));
  CHECK_FALSE(fs::is_symlink(dir.path() / "people"));
  CHECK(slurp(dir.path() / "stewards.csv") == "inside\n");
  CHECK(slurp(dir.path() / "people/a.csv") == "people v1\n");
}

TEST_CASE(
    "restore refuses to write into a folder that is an untracked link, before writing anything") {
  const LanguageScope chinese(Language::zh);
  const TempFolder outside;
  const TempFolder dir;
  dir.write("stewards.csv", "v1\n");
  dir.write("linked/a.csv", "v1\n");
  ContentRepo repo(dir.path());
  const std::string v1 = repo.commit_all(wang, "v1", t0);
  fs::remove_all(dir.path() / "linked");
  dir.write("stewards.csv", "v2\n");
  const std::string v2 = repo.commit_all(wang, "v2", t0 + 60);

  // A link the history does not track (excluded here by the operator's own rule).
  std::ofstream(dir.path() / ".git/info/exclude", std::ios::app) << "linked\n";
  fs::create_directory_symlink(outside.path(), dir.path() / "linked");

  CHECK_THROWS_WITH_AS(
      repo.restore(v1, wang, t0 + 120),
      "恢复已拒绝：linked 是符号链接，恢复不会经由它写 linked/a.csv；请先把它换成普通文件夹",
      GitProblem);
  CHECK(fs::is_empty(outside.path()));
  CHECK(slurp(dir.path() / "stewards.csv") == "v2\n");
  CHECK(repo.head() == v2);
}

namespace {

// A raw tree object: git's tools refuse to make entries named ".." or ".git", a crafted
// repository need not. `entries`: mode, name, object, in git's tree encoding.
git_oid raw_tree(git_odb* odb,
                 const std::vector<std::tuple<std::string, std::string, git_oid>>& entries) {
  std::string bytes;
  for (const auto& entry : entries) {
    bytes += std::get<0>(entry) + " " + std::get<1>(entry) + '\0';
    bytes.append(reinterpret_cast<const char*>(std::get<2>(entry).id), GIT_OID_RAWSZ);
  }
  git_oid oid;
  REQUIRE(git_odb_write(&oid, odb, bytes.data(), bytes.size(), GIT_OBJECT_TREE) == 0);
  return oid;
}

// A commit in `dir`'s repository whose tree holds `name`/evil.csv, made behind the
// workbench's back; its id.
std::string crafted_commit(const fs::path& dir, const std::string& name) {
  git_libgit2_init();
  git_repository* repo = nullptr;
  REQUIRE(git_repository_open(&repo, dir.c_str()) == 0);
  git_odb* odb = nullptr;
  REQUIRE(git_repository_odb(&odb, repo) == 0);
  git_oid blob;
  REQUIRE(git_odb_write(&blob, odb, "evil\n", 5, GIT_OBJECT_BLOB) == 0);
  const git_oid inner = raw_tree(odb, {{"100644", "evil.csv", blob}});
  const git_oid root = raw_tree(odb, {{"40000", name, inner}});
  const std::string commit =
      "tree " + git::hex(&root) +
      "\nauthor x <x@x> 1796619600 +0000\ncommitter x <x@x> 1796619600 +0000\n\ncrafted\n";
  git_oid made;
  REQUIRE(git_odb_write(&made, odb, commit.data(), commit.size(), GIT_OBJECT_COMMIT) == 0);
  git_odb_free(odb);
  git_repository_free(repo);
  git_libgit2_shutdown();
  return git::hex(&made);
}

}  // namespace

TEST_CASE("restore refuses a version naming a path out of the folder or into .git") {
  const LanguageScope chinese(Language::zh);
  const TempFolder dir;
  dir.write("content/stewards.csv", "a\n");
  ContentRepo repo(dir.path() / "content");
  const std::string head = repo.commit_all(wang, "v1", t0);

  const std::string up = crafted_commit(dir.path() / "content", "..");
  CHECK_THROWS_WITH_AS(repo.restore(up, wang, t0 + 60),
                       "恢复已拒绝：版本里的路径 \"../evil.csv\" 不安全", GitProblem);
  const std::string dot_git = crafted_commit(dir.path() / "content", ".GIT");
  CHECK_THROWS_WITH_AS(repo.restore(dot_git, wang, t0 + 60),
                       "恢复已拒绝：版本里的路径 \".GIT/evil.csv\" 不安全", GitProblem);
  CHECK_FALSE(fs::exists(dir.path() / "evil.csv"));
  CHECK_FALSE(fs::exists(dir.path() / "content/.git/evil.csv"));
  CHECK(repo.head() == head);
}
