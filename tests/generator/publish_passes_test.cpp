#include "publish_passes.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "../language_scope.h"
#include "hgj/language.h"
#include "publish_target.h"

using namespace hgj;

namespace {

PublishTarget target(const std::string& text) {
  std::string why;
  const std::optional<PublishTarget> t = parse_publish_target(text, why);
  REQUIRE_MESSAGE(t.has_value(), why);
  return *t;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST_CASE("publish targets: a folder, rsync over SSH, an rclone remote") {
  CHECK(target("/srv/www/hgj/").kind == TargetKind::folder);
  CHECK(target("/srv/www/hgj/").location == "/srv/www/hgj");
  CHECK(target("./site").kind == TargetKind::folder);
  const PublishTarget ssh = target("hgj@10.0.0.5:/srv/www/hgj");
  CHECK(ssh.kind == TargetKind::ssh);
  CHECK(ssh.location == "hgj@10.0.0.5:/srv/www/hgj");
  const PublishTarget port = target("ssh://hgj@10.0.0.5:2222/srv/www/hgj");
  CHECK(port.kind == TargetKind::ssh);
  CHECK(port.location == "hgj@10.0.0.5:/srv/www/hgj");
  CHECK(port.ssh_port == "2222");
  const PublishTarget rclone = target("rclone:oss:bucket/hgj");
  CHECK(rclone.kind == TargetKind::rclone);
  CHECK(rclone.location == "oss:bucket/hgj");

  const LanguageScope chinese(Language::zh);
  std::string why;
  CHECK_FALSE(parse_publish_target("", why).has_value());
  CHECK(why == "没有给出发布目标：用 --to 或 site.toml 的 [publish] target");
  CHECK_FALSE(parse_publish_target("rclone:nocolon", why).has_value());
  CHECK(why == "rclone 目标要写成 rclone:远程名:路径，例如 rclone:oss:hgj-site");
  CHECK_FALSE(parse_publish_target("ssh://host:22x/srv", why).has_value());
  CHECK_FALSE(parse_publish_target("ssh://host", why).has_value());
}

TEST_CASE(
    "the passes: linked files, new pages, changed pages, the kiosk manifest, urgent.json, "
    "deletions") {
  const std::vector<PublishPass>& passes = publish_passes();
  REQUIRE(passes.size() == 6);
  // Pages are held back from the first pass and sent by the next two, new ones first.
  CHECK(has(passes[0].rules, "- *.html"));
  CHECK(passes[1].files == PublishPass::Files::new_only);
  CHECK(passes[2].files == PublishPass::Files::existing_only);
  for (int i : {1, 2}) {
    CHECK(passes[i].rules.front() == "- /kiosk/manifest.json");
    // urgent.json makes screens sync at once: never before the manifest it points to.
    CHECK(passes[i].rules[1] == "- /kiosk/urgent.json");
    CHECK(has(passes[i].rules, "+ *.html"));
    CHECK(passes[i].rules.back() == "- *");
  }
  CHECK(passes[3].rules == std::vector<std::string>{"+ /kiosk/manifest.json", "- *"});
  CHECK(passes[4].rules == std::vector<std::string>{"+ /kiosk/urgent.json", "- *"});
  // Only the last pass deletes.
  for (int i = 0; i < 5; ++i) CHECK_FALSE(passes[i].delete_extra);
  CHECK(passes[5].delete_extra);
  CHECK(passes[5].rules.empty());
}

TEST_CASE("a pass as rsync and as rclone run it") {
  const PublishPass& changed = publish_passes()[2];
  const std::vector<std::string> rsync =
      pass_command(changed, "/b/public", target("ssh://u@h:2222/srv/www"), {.dry_run = true});
  CHECK(rsync.front() == "rsync");
  CHECK(has(rsync, "--checksum"));
  CHECK(has(rsync, "--existing"));
  CHECK(has(rsync, "--dry-run"));
  CHECK(has(rsync, "--filter=+ */"));
  CHECK(has(rsync, "--filter=- /kiosk/manifest.json"));
  CHECK(rsync[rsync.size() - 2] == "/b/public/");
  CHECK(rsync.back() == "u@h:/srv/www/");
  const auto e = std::find(rsync.begin(), rsync.end(), "-e");
  REQUIRE(e != rsync.end());
  CHECK(std::next(e)->ends_with(" -o BatchMode=yes -o ConnectTimeout=20 -p 2222"));

  const PublishPass& deletions = publish_passes()[5];
  const std::vector<std::string> sync =
      pass_command(deletions, "/b/public", target("rclone:oss:site"), {.resend = true});
  CHECK(std::vector<std::string>(sync.begin(), sync.begin() + 4) ==
        std::vector<std::string>{"rclone", "sync", "/b/public", "oss:site"});
  CHECK_FALSE(has(sync, "--ignore-times"));  // everything was sent by the passes before
  const std::vector<std::string> copy =
      pass_command(publish_passes()[1], "/b/public", target("rclone:oss:site"), {.resend = true});
  CHECK(copy[1] == "copy");
  CHECK(has(copy, "--ignore-existing"));
  CHECK(has(copy, "--ignore-times"));
}

TEST_CASE("what the tools report is read as added, updated and deleted files") {
  const std::vector<FileChange> rsync = file_changes(
      target("/srv/www"),
      "cd+++++++++ notices/new/\n>f+++++++++ notices/new/index.html\n>fc........ index.html\n"
      "<f+++++++++ a b.html\n*deleting   old/index.html\n*deleting   old/\n");
  REQUIRE(rsync.size() == 4);
  CHECK((rsync[0].kind == FileChange::Kind::added && rsync[0].path == "notices/new/index.html"));
  CHECK((rsync[1].kind == FileChange::Kind::updated && rsync[1].path == "index.html"));
  CHECK((rsync[2].kind == FileChange::Kind::added && rsync[2].path == "a b.html"));
  CHECK((rsync[3].kind == FileChange::Kind::deleted && rsync[3].path == "old/index.html"));

  const std::vector<FileChange> rclone = file_changes(
      target("rclone:dav:site"),
      R"j({"level":"info","msg":"Copied (new)","object":"n.html"})j"
      "\n"
      R"j({"level":"info","msg":"Copied (replaced existing)","object":"index.html"})j"
      "\n"
      R"j({"level":"notice","msg":"Skipped copy as --dry-run is set (size 1Ki)","object":"x.css"})j"
      "\n"
      R"j({"level":"info","msg":"Deleted","object":"old.html"})j"
      "\nnot json\n");
  REQUIRE(rclone.size() == 4);
  CHECK(rclone[0].kind == FileChange::Kind::added);
  CHECK(rclone[1].kind == FileChange::Kind::updated);
  CHECK(rclone[2].kind == FileChange::Kind::uploaded);
  CHECK((rclone[3].kind == FileChange::Kind::deleted && rclone[3].path == "old.html"));
  CHECK(remote_keeps_hashes(R"({"Hashes":["md5"]})"));
  CHECK_FALSE(remote_keeps_hashes(R"({"Hashes":[]})"));
  CHECK_FALSE(remote_keeps_hashes("not json"));
}
