// The atomic output (publish.h): write_file() and a Staging that starts a rebuild from
// the output before last.
#include "publish.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "../temp_folder.h"

namespace hgj {

namespace fs = std::filesystem;
using testing::TempFolder;

using testing::slurp;

namespace {

ino_t inode(const fs::path& file) {
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  return st.st_ino;
}

// Every file and folder under `dir`, relative, folders ending in '/'; the marker files
// that say a folder is hgj's left out (they have tests of their own below).
std::set<std::string> listing(const fs::path& dir) {
  std::set<std::string> found;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().filename() == output_marker) continue;
    found.insert(e.path().lexically_relative(dir).generic_string() + (e.is_directory() ? "/" : ""));
  }
  return found;
}

// One build: writes `files` (path → bytes) through a reusing Staging and commits.
void build(const fs::path& target, const std::map<std::string, std::string>& files) {
  Staging staging(target, Staging::Reuse::previous);
  for (const auto& [path, bytes] : files) write_file(staging.dir() / path, bytes);
  staging.commit();
}

}  // namespace

TEST_CASE("write_file leaves a file that holds the bytes alone and overwrites another in place") {
  TempFolder dir;
  const fs::path file = dir.path() / "a/b/page.html";
  write_file(file, "first");
  CHECK(slurp(file) == "first");
  const ino_t first = inode(file);
  const auto time = fs::last_write_time(file) - std::chrono::hours(1);
  fs::last_write_time(file, time);

  write_file(file, "first");
  CHECK(fs::last_write_time(file) == time);  // not written at all

  write_file(file, "longer second");
  CHECK(slurp(file) == "longer second");
  write_file(file, "2nd");
  CHECK(slurp(file) == "2nd");  // truncated, not left with the old tail
  CHECK(inode(file) == first);
}

TEST_CASE("write_file does not write through another name of the file or into a read-only one") {
  TempFolder dir;
  const fs::path file = dir.path() / "page.html", backup = dir.path() / "backup.html";
  write_file(file, "old");
  fs::create_hard_link(file, backup);  // as `cp -al public backup` makes
  write_file(file, "new");
  CHECK(slurp(file) == "new");
  CHECK(slurp(backup) == "old");
  CHECK(inode(file) != inode(backup));

  fs::permissions(file, fs::perms::owner_read);
  write_file(file, "newer");
  CHECK(slurp(file) == "newer");
}

TEST_CASE("a rebuild starts from the output before last and ends with only what it wrote") {
  TempFolder dir;
  const fs::path target = dir.path() / "public";
  build(target,
        {{"index.html", "v1"}, {"steward/A/index.html", "A"}, {"steward/B/index.html", "B"}});
  CHECK(!fs::exists(dir.path() / "public.previous"));  // the first build replaced nothing
  build(target,
        {{"index.html", "v2"}, {"steward/A/index.html", "A"}, {"steward/B/index.html", "B"}});
  CHECK(listing(dir.path()) ==
        std::set<std::string>{
            "public/", "public/index.html", "public/steward/", "public/steward/A/",
            "public/steward/A/index.html", "public/steward/B/", "public/steward/B/index.html",
            "public.previous/", "public.previous/index.html", "public.previous/steward/",
            "public.previous/steward/A/", "public.previous/steward/A/index.html",
            "public.previous/steward/B/", "public.previous/steward/B/index.html"});
  const ino_t unchanged = inode(dir.path() / "public.previous/steward/A/index.html");

  // Steward B is gone, C is new: the third build reuses the first one's folder.
  build(target,
        {{"index.html", "v3"}, {"steward/A/index.html", "A"}, {"steward/C/index.html", "C"}});
  CHECK(listing(target) == std::set<std::string>{"index.html", "steward/", "steward/A/",
                                                 "steward/A/index.html", "steward/C/",
                                                 "steward/C/index.html"});
  CHECK(slurp(target / "index.html") == "v3");
  CHECK(inode(target / "steward/A/index.html") == unchanged);  // the same file, left alone
  CHECK(slurp(dir.path() / "public.previous/index.html") == "v2");
}

TEST_CASE("a staging counts the files and bytes written, into an empty folder or a reused one") {
  TempFolder dir;
  const fs::path target = dir.path() / "public";
  const std::map<std::string, std::string> files = {
      {"index.html", "v1"}, {"steward/A/index.html", "AAA"}, {"steward/B/index.html", "B"}};
  {
    Staging first(target, Staging::Reuse::previous);
    for (const auto& [path, bytes] : files) write_file(first.dir() / path, bytes);
    write_file(dir.path() / "elsewhere.txt", "not under the staged folder");
    CHECK(first.files_written() == 3);
    CHECK(first.bytes_written() == 6);
    first.commit();
  }
  build(target, files);  // public.previous now holds the first build
  Staging third(target, Staging::Reuse::previous);
  write_file(third.dir() / "index.html", "v3v3");
  write_file(third.dir() / "index.html", "v3");  // written twice: one file
  write_file(third.dir() / "steward/A/index.html", "AAA");
  CHECK(third.files_written() == 2);
  CHECK(third.bytes_written() == 5);
}

TEST_CASE("a failed rebuild leaves the output as it was and its folder for the next build") {
  TempFolder dir;
  const fs::path target = dir.path() / "public";
  build(target, {{"index.html", "v1"}, {"old.html", "old"}});
  build(target, {{"index.html", "v2"}, {"old.html", "old"}});
  {
    Staging staging(target, Staging::Reuse::previous);
    write_file(staging.dir() / "index.html", "half");
  }  // no commit: the build failed
  CHECK(listing(target) == std::set<std::string>{"index.html", "old.html"});
  CHECK(slurp(target / "index.html") == "v2");
  CHECK(slurp(dir.path() / "public.previous/index.html") == "half");

  build(target, {{"index.html", "v3"}});
  CHECK(listing(target) == std::set<std::string>{"index.html"});
  CHECK(slurp(target / "index.html") == "v3");
}

TEST_CASE("files stale in a reused folder are gone before a stage lists its folder") {
  TempFolder dir;
  const fs::path target = dir.path() / "public";
  build(target, {{"kiosk/img/A.jpg", "A"}, {"kiosk/img/B.jpg", "B"}});
  build(target, {{"kiosk/img/A.jpg", "A"}, {"kiosk/img/B.jpg", "B"}});
  Staging staging(target, Staging::Reuse::previous);
  write_file(staging.dir() / "index.html", "site");
  fs::create_directories(staging.dir() / "print");  // a stage's folder, empty on purpose
  staging.remove_unwritten();
  // The folders that emptied go with their files; the one nothing was removed from stays.
  CHECK(listing(staging.dir()) == std::set<std::string>{"index.html", "print/"});
  write_file(staging.dir() / "kiosk/img/A.jpg", "A");
  staging.commit();
  CHECK(listing(target) ==
        std::set<std::string>{"index.html", "kiosk/", "kiosk/img/", "kiosk/img/A.jpg", "print/"});
}

TEST_CASE("the previous output is listed while the build writes, and only its unwritten files go") {
  TempFolder dir;
  const fs::path target = dir.path() / "public";
  std::map<std::string, std::string> files;
  for (int i = 0; i < 3000; ++i)
    files["page/" + std::to_string(i % 300) + "/" + std::to_string(i) + ".html"] = "old";
  build(target, files);
  build(target, files);
  // Written at once, beside the listing of the folder they are written into: every third
  // old file again (some with other bytes), and new files in old and new folders.
  std::set<std::string> want;
  Staging staging(target, Staging::Reuse::previous);
  for (int i = 0; i < 3000; i += 3) {
    const std::string path = "page/" + std::to_string(i % 300) + "/" + std::to_string(i) + ".html";
    write_file(staging.dir() / path, i % 2 ? "old" : "new");
    want.insert(path);
    const std::string added =
        "page/" + std::to_string(i % 350) + "/new-" + std::to_string(i) + ".html";
    write_file(staging.dir() / added, "added");
    want.insert(added);
  }
  staging.commit();
  std::set<std::string> got;
  for (const std::string& path : listing(target)) {
    if (!path.ends_with("/")) got.insert(path);
  }
  CHECK(got == want);
}

TEST_CASE(
    "into a folder that started empty, files are created at any depth and a second write wins") {
  TempFolder dir;
  for (const auto reuse : {Staging::Reuse::no, Staging::Reuse::previous}) {
    const fs::path target = dir.path() / (reuse == Staging::Reuse::no ? "print" : "public");
    Staging staging(target, reuse);
    write_file(staging.dir() / "a/b/c/index.html", "first");
    write_file(staging.dir() / "a/b/c/index.html", "second, longer");
    write_file(staging.dir() / "a/b/d/index.html", "sibling");  // only the last folder is new
    write_file(staging.dir() / "top.txt", "top");
    staging.commit();
    CHECK(slurp(target / "a/b/c/index.html") == "second, longer");
    CHECK(slurp(target / "a/b/d/index.html") == "sibling");
    CHECK(slurp(target / "top.txt") == "top");
    CHECK(listing(target) == std::set<std::string>{"a/", "a/b/", "a/b/c/", "a/b/c/index.html",
                                                   "a/b/d/", "a/b/d/index.html", "top.txt"});
  }
}

TEST_CASE("without reuse the replaced output is removed") {
  TempFolder dir;
  const fs::path target = dir.path() / "print";
  for (const char* version : {"v1", "v2"}) {
    Staging staging(target);
    write_file(staging.dir() / "board.pdf", version);
    staging.commit();
  }
  CHECK(listing(dir.path()) == std::set<std::string>{"print/", "print/board.pdf"});
}

TEST_CASE("a staged folder is marked as hgj's from the start; a bundle's by an empty manifest") {
  TempFolder dir;
  {
    Staging staging(dir.path() / "public");
    CHECK(fs::is_regular_file(staging.dir() / output_marker));
    CHECK(is_hgj_output(staging.dir()));
    CHECK(staging.files_written() == 0);  // the mark is not part of what a build reports
  }
  Staging bundle(dir.path() / "kiosk", Staging::Reuse::no, Staging::Mark::manifest);
  CHECK(!fs::exists(bundle.dir() / output_marker));
  CHECK(slurp(bundle.dir() / "manifest.json").find("\"files\": []") != std::string::npos);
  CHECK(is_hgj_output(bundle.dir()));
}

TEST_CASE("a folder hgj did not write is kept beside the output, never removed") {
  TempFolder dir;
  const fs::path target = dir.path() / "victim";
  dir.write("victim/thesis.txt", "three years");
  dir.write("victim.before-hgj/older.txt", "kept from an earlier adoption");
  build(target, {{"index.html", "site"}});
  CHECK(listing(target) == std::set<std::string>{"index.html"});
  CHECK(fs::is_regular_file(target / output_marker));
  CHECK(slurp(dir.path() / "victim.before-hgj-2/thesis.txt") == "three years");
  CHECK(slurp(dir.path() / "victim.before-hgj/older.txt") == "kept from an earlier adoption");
  build(target, {{"index.html", "site 2"}});
  build(target, {{"index.html", "site 3"}});
  CHECK(slurp(dir.path() / "victim.before-hgj-2/thesis.txt") == "three years");
  CHECK(slurp(dir.path() / "victim.previous/index.html") == "site 2");
}

TEST_CASE("what is beside the output is reused or removed only when it is hgj's") {
  TempFolder dir;
  const fs::path target = dir.path() / "public";
  dir.write("public.previous/notes.txt", "the user's");
  dir.write("public.staging-1/draft.txt", "the user's too");
  fs::create_directories(dir.path() / "public.staging-2");  // a run killed as it began
  build(target, {{"index.html", "v1"}});
  build(target, {{"index.html", "v2"}});
  CHECK(listing(dir.path() / "public.previous") == std::set<std::string>{"notes.txt"});
  CHECK(slurp(dir.path() / "public.staging-1/draft.txt") == "the user's too");
  CHECK(!fs::exists(dir.path() / "public.staging-2"));
  CHECK(listing(target) == std::set<std::string>{"index.html"});

  // A killed run's staged folder is hgj's: the next run removes it.
  fs::remove_all(dir.path() / "public.previous");
  build(target, {{"index.html", "v3"}});
  fs::rename(dir.path() / "public.previous", dir.path() / "public.staging-99");
  build(target, {{"index.html", "v4"}});
  CHECK(!fs::exists(dir.path() / "public.staging-99"));
  CHECK(fs::exists(dir.path() / "public.staging-1/draft.txt"));
}

TEST_CASE("a second writer of one output is refused while the first holds its lock") {
  TempFolder dir;
  const fs::path target = dir.path() / "public";
  const fs::path lock_file = dir.path() / ".public.hgj-lock";
  const int fd = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::write(fd, "4242\n", 5) == 5);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);  // another process would hold it so
  std::string message;
  try {
    Staging staging(target);
  } catch (const OutputRefused& e) {
    message = e.what();
  }
  CHECK(message == "another hgj is writing " + target.string() +
                       " (pid 4242); try again when it has finished");
  CHECK(!fs::exists(target));
  ::close(fd);

  // Released: the lock is taken (and shared by a second staging in this process, as
  // hgj serve's builds share its session's), and its file is gone once all let go.
  fs::remove(lock_file);
  {
    const OutputLock session(target, "public");
    build(target, {{"index.html", "v1"}});
    CHECK(fs::exists(lock_file));
  }
  CHECK(!fs::exists(lock_file));
}

TEST_CASE("a symlinked output: the folder it points at is swapped, the link stays") {
  TempFolder dir;
  fs::create_directories(dir.path() / "srv/webroot");
  dir.write("srv/sibling.txt", "sibling");
  fs::create_directory_symlink("srv/webroot", dir.path() / "public");
  for (const char* version : {"v1", "v2", "v3"})
    build(dir.path() / "public", {{"index.html", version}});
  CHECK(fs::is_symlink(dir.path() / "public"));
  CHECK(fs::read_symlink(dir.path() / "public") == "srv/webroot");
  CHECK(slurp(dir.path() / "public/index.html") == "v3");
  CHECK(listing(dir.path() / "srv") ==
        std::set<std::string>{"sibling.txt", "webroot/", "webroot/index.html", "webroot.previous/",
                              "webroot.previous/index.html"});
  CHECK(slurp(dir.path() / "srv/webroot.previous/index.html") == "v2");
}

TEST_CASE("link_file takes a file of the output replaced; a later build never writes through it") {
  TempFolder dir;
  const fs::path target = dir.path() / "public";
  build(target, {{"print/a.pdf", "A1"}, {"print/b.pdf", "B1"}});
  build(target, {{"print/a.pdf", "A1"}, {"print/b.pdf", "B1"}});  // a .previous to start from
  {
    // Reused: the staged folder starts from .previous, whose a.pdf is another inode.
    Staging staging(target, Staging::Reuse::previous);
    std::size_t size = 0;
    CHECK(link_file(staging.dir() / "print/a.pdf", target / "print/a.pdf", &size));
    CHECK(size == 2);
    CHECK(link_file(staging.dir() / "print/new/c.pdf", target / "print/b.pdf"));  // folder made
    CHECK(!link_file(staging.dir() / "print/d.pdf", target / "print/gone.pdf"));
    CHECK(!fs::exists(staging.dir() / "print/d.pdf"));
    CHECK(inode(staging.dir() / "print/a.pdf") == inode(target / "print/a.pdf"));
    CHECK(staging.files_written() == 2);  // b.pdf was not written: it goes at commit
    staging.commit();
  }
  CHECK(listing(target) ==
        std::set<std::string>{"print/", "print/a.pdf", "print/new/", "print/new/c.pdf"});
  CHECK(slurp(target / "print/new/c.pdf") == "B1");
  // The next build writes other bytes where .previous shares a.pdf with the output: a
  // new file, the served one untouched.
  Staging staging(target, Staging::Reuse::previous);
  CHECK(inode(staging.dir() / "print/a.pdf") == inode(target / "print/a.pdf"));
  write_file(staging.dir() / "print/a.pdf", "A2");
  CHECK(slurp(target / "print/a.pdf") == "A1");
  CHECK(slurp(staging.dir() / "print/a.pdf") == "A2");
}

}  // namespace hgj
