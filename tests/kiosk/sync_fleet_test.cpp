// Syncing as one of many screens on a street's server (issue #24 item 5): backoff after
// failures, a refused bundle not fetched again, one connection per sync, nothing
// half-downloaded left behind, a deleted state folder made again, a journal that is not
// flooded, and requests that say which screen asks and what it shows.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "hgj/language.h"
#include "sync_server.h"

namespace hgj::kiosk {
namespace {

namespace fs = std::filesystem;
using testing::count_lines;
using testing::Server;
using testing::Setup;
using namespace std::chrono_literals;

int failure_lines(Setup& s) {
  std::lock_guard<std::mutex> lock(s.log_mutex);
  int n = 0;
  for (const std::string& line : s.logged)
    n += line.rfind("bundle update failed, keeping what is shown: ", 0) == 0;
  return n;
}

TEST_CASE(
    "kiosk sync: the wait after failures grows, and is the normal poll again after a success") {
  Setup s;
  Server server(s.www);
  const fs::path away = s.www / "away";
  fs::rename(s.served, away);  // 404 until it is put back
  auto sync = s.syncer(server.url("kiosk/"), SyncTiming{3, 300, 30, 30, 1000});
  std::vector<std::chrono::milliseconds> top;
  for (int n = 1; n <= 6; ++n) {
    CHECK(sync->sync_once() == SyncOutcome::failed);
    CHECK(sync->failures_in_a_row() == n);
    const auto wait = sync->next_wait();
    const auto ceiling = std::chrono::milliseconds(std::min(300, 30 << (n - 1)) * 1000);
    CHECK(wait >= ceiling / 2);
    CHECK(wait <= ceiling);
  }
  fs::rename(away, s.served);
  CHECK(sync->sync_once() == SyncOutcome::updated);
  CHECK(sync->failures_in_a_row() == 0);
  for (int i = 0; i < 20; ++i) {
    const auto wait = sync->next_wait();
    CHECK(wait >= 300s);
    CHECK(wait <= 330s);
  }
  // A new outage starts again from the first wait.
  fs::rename(s.served, away);
  CHECK(sync->sync_once() == SyncOutcome::failed);
  CHECK(sync->next_wait() <= 30s);
}

TEST_CASE(
    "kiosk sync: backoff is on unless bench/fleet_sim turns it off, then every retry is the first "
    "wait") {
  CHECK(SyncTiming{}.backoff);  // no setting reaches the switch: a screen always backs off
  Setup s;
  Server server(s.www);
  fs::rename(s.served, s.www / "away");  // 404
  SyncTiming timing{3, 300, 30, 30, 1000};
  timing.backoff = false;  // before issue #24: a fixed 30 s, the comparison fleet_sim measures
  auto sync = s.syncer(server.url("kiosk/"), timing);
  for (int n = 1; n <= 6; ++n) {
    CHECK(sync->sync_once() == SyncOutcome::failed);
    CHECK(sync->next_wait() == 30s);
  }
}

TEST_CASE("kiosk sync worker: a failing server is asked less and less often") {
  Setup s;
  Server server(s.www);
  // One "second" of the schedule is 50 ms: 30 s first wait = 1.5 s here would be slow, so
  // the first wait is 1 unit and the cap (the poll) 300 units.
  auto sync = s.syncer(server.url("down/kiosk/"), SyncTiming{1, 300, 0, 1, 50});
  sync->start();
  std::this_thread::sleep_for(1500ms);
  const int first_half = count_lines(server.log(), "503 /down/kiosk/manifest.json");
  std::this_thread::sleep_for(1500ms);
  sync->stop();
  const int all = count_lines(server.log(), "503 /down/kiosk/manifest.json");
  MESSAGE(first_half << " requests in the first 1.5 s, " << all - first_half
                     << " in the next 1.5 s");
  // Every unit without backoff: 60 requests in 3 s. With it: 1 + at most 7 (waits of at least 0.5,
  // 1, 2, 4 … units).
  CHECK(all >= 3);
  CHECK(all <= 8);
  CHECK(all - first_half < first_half);
  CHECK(failure_lines(s) == 1);  // the same 503 every time: said once
}

TEST_CASE(
    "kiosk sync over HTTP: a refused bundle is not downloaded again until its ETag changes, also "
    "after a restart") {
  Setup s;
  Server server(s.www);
  auto sync = s.syncer(server.url("kiosk/"));
  REQUIRE(sync->sync_once() == SyncOutcome::updated);
  // The publisher forgot to sign: refused, and remembered.
  testing::write_bundle(s.served, testing::fixture_bundle(testing::fixture_generated_at + 60),
                        nullptr);
  const std::string refused =
      server.url("kiosk/manifest.json") +
      ": manifest.json is not signed (refused; --insecure-unsigned accepts it)";
  CHECK(sync->sync_once() == SyncOutcome::failed);
  CHECK(sync->last_problem() == refused);
  CHECK(fs::exists(s.dir.path() / "state/rejected"));
  CHECK(count_lines(server.log(), "200 /kiosk/manifest.json") == 2);
  for (int i = 0; i < 3; ++i) {
    CHECK(sync->sync_once() == SyncOutcome::failed);
    CHECK(sync->last_problem() == refused);
  }
  CHECK(count_lines(server.log(), "200 /kiosk/manifest.json") == 2);
  CHECK(count_lines(server.log(), "304 /kiosk/manifest.json") == 3);
  CHECK(failure_lines(s) == 1);
  {
    // A restart: a new store and syncer on the same state folder.
    BundleStore again(s.dir.path() / "state");
    again.set_trust(testing::test_trust());
    std::string why;
    REQUIRE(again.prepare(why));
    Syncer restarted(server.url("kiosk/"), again, SyncTiming{}, 0);
    restarted.set_log([](const std::string&) {});
    CHECK(restarted.sync_once() == SyncOutcome::failed);
    CHECK(restarted.last_problem() == refused);
    CHECK(count_lines(server.log(), "200 /kiosk/manifest.json") == 2);
    // The same kiosk told to accept unsigned bundles looks at it again: the refusal was
    // under another trust.
    BundleTrust lenient = testing::test_trust();
    lenient.allow_unsigned = true;
    again.set_trust(lenient);
    CHECK(restarted.sync_once() == SyncOutcome::updated);
    CHECK(count_lines(server.log(), "200 /kiosk/manifest.json") == 3);
  }
  // A new (signed) bundle is a new ETag: fetched and shown, the refusal forgotten.
  testing::write_bundle(s.served, testing::fixture_bundle(testing::fixture_generated_at + 120));
  CHECK(sync->sync_once() == SyncOutcome::updated);
  CHECK(s.current_generated_at() == testing::fixture_generated_at + 120);
  CHECK_FALSE(fs::exists(s.dir.path() / "state/rejected"));
}

TEST_CASE("kiosk sync over HTTP: a refusal over the kiosk's caps is remembered too") {
  Setup s;
  Server server(s.www);
  BundleTrust small = testing::test_trust();
  small.limits.max_total_bytes = 1000;
  s.store.set_trust(small);
  auto sync = s.syncer(server.url("kiosk/"));
  CHECK(sync->sync_once() == SyncOutcome::failed);
  CHECK(sync->sync_once() == SyncOutcome::failed);
  CHECK(sync->last_problem().find("manifest.json: the bundle is ") != std::string::npos);
  CHECK(count_lines(server.log(), "200 /kiosk/manifest.json") == 1);
  CHECK(count_lines(server.log(), "304 /kiosk/manifest.json") == 1);
  // A failure of the server is not a refusal: asked again in full.
  s.store.set_trust(testing::test_trust());
  auto other = s.syncer(server.url("down/kiosk/"));
  CHECK(other->sync_once() == SyncOutcome::failed);
  CHECK(other->sync_once() == SyncOutcome::failed);
  CHECK(count_lines(server.log(), "503 /down/kiosk/manifest.json") == 2);
}

TEST_CASE("kiosk sync over HTTP: one sync's files share one kept-alive connection") {
  Setup s;
  Server server(s.www);
  auto sync = s.syncer(server.url("kiosk/"));
  REQUIRE(sync->sync_once() == SyncOutcome::updated);
  const std::string log = server.log();
  const int requests = count_lines(log, "hdr ");
  MESSAGE(requests << " requests over " << count_lines(log, "conn") << " connection(s)");
  CHECK(requests >= 3);  // manifest.json, bundle.json and the photo
  CHECK(count_lines(log, "conn") == 1);
  // The next sync opens its own (the last one was closed, not left idle on the server).
  CHECK(sync->sync_once() == SyncOutcome::unchanged);
  CHECK(count_lines(server.log(), "conn") == 2);
}

TEST_CASE("kiosk sync over HTTP: a download cut mid-file leaves nothing in the state folder") {
  Setup s;
  Server server(s.www);
  REQUIRE(s.syncer(server.url("kiosk/"))->sync_once() == SyncOutcome::updated);
  testing::write_bundle(s.served, testing::fixture_bundle(testing::fixture_generated_at + 60));
  auto sync = s.syncer(server.url("die/kiosk/"));
  CHECK(sync->sync_once() == SyncOutcome::failed);
  CHECK_FALSE(fs::exists(s.dir.path() / "state/staging"));
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(s.dir.path() / "state"))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"bundles", "current", "last_sync"});
}

TEST_CASE(
    "kiosk sync: a kiosk killed mid-download leaves a staging folder that the next start removes") {
  Setup s;
  Server server(s.www);
  REQUIRE(s.syncer(server.url("kiosk/"))->sync_once() == SyncOutcome::updated);
  testing::write_bundle(s.served, testing::fixture_bundle(testing::fixture_generated_at + 60));
  const fs::path state = s.dir.path() / "state";
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The kiosk: syncing, stuck halfway through bundle.json, when it is killed.
    Syncer sync(server.url("slow/kiosk/"), s.store, SyncTiming{}, 0);
    sync.set_log([](const std::string&) {});
    sync.sync_once();
    _exit(0);
  }
  for (int i = 0; i < 100 && count_lines(server.log(), "half /slow/kiosk/") == 0; ++i)
    std::this_thread::sleep_for(100ms);
  CHECK(count_lines(server.log(), "half /slow/kiosk/") == 1);
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  CHECK(fs::exists(state / "staging/manifest.json"));  // what the kill left
  BundleStore again(state);
  again.set_trust(testing::test_trust());
  std::string why;
  REQUIRE(again.prepare(why));
  CHECK_FALSE(fs::exists(state / "staging"));
  const auto kept = again.load_current(why);
  REQUIRE(kept);
  CHECK(kept->bundle.generated_at == testing::fixture_generated_at);
}

TEST_CASE("kiosk store: what a kiosk killed mid-sync left is removed at start, nothing else") {
  Setup s;
  REQUIRE(s.syncer(s.served.string())->sync_once() == SyncOutcome::updated);
  const fs::path state = s.dir.path() / "state";
  // As a SIGKILL between writing staged files and the swap leaves them.
  fs::create_directories(state / "staging/images");
  std::ofstream(state / "staging/manifest.json") << "{";
  std::ofstream(state / "staging/images/steward-HF-001.jpg") << "half a photo";
  fs::create_directory_symlink("bundles/123", state / "current.new");
  std::ofstream(state / "attempts.new") << "123";
  std::ofstream(state / "notes.txt") << "an operator's note";
  BundleStore again(state);
  again.set_trust(testing::test_trust());
  std::string why;
  REQUIRE(again.prepare(why));
  CHECK_FALSE(fs::exists(state / "staging"));
  CHECK_FALSE(fs::exists(fs::symlink_status(state / "current.new")));
  CHECK_FALSE(fs::exists(state / "attempts.new"));
  CHECK(fs::exists(state / "notes.txt"));
  CHECK(again.load_current(why));
}

TEST_CASE("kiosk sync: a state folder deleted while running is made again at the next sync") {
  for (const bool over_http : {true, false}) {
    CAPTURE(over_http);
    Setup s;
    Server server(s.www);
    auto sync = s.syncer(over_http ? server.url("kiosk/") : s.served.string());
    REQUIRE(sync->sync_once() == SyncOutcome::updated);
    CHECK(sync->take());
    fs::remove_all(s.dir.path() / "state");
    // Fetched whole again (no 304 for a bundle this screen no longer keeps) and shown.
    CHECK(sync->sync_once() == SyncOutcome::updated);
    INFO(sync->last_problem());
    CHECK(sync->take());
    CHECK(s.current_generated_at() == testing::fixture_generated_at);
    CHECK(s.store.last_synced() > 0);
    CHECK(sync->sync_once() == SyncOutcome::unchanged);
  }
}

TEST_CASE("kiosk sync: the same problem naming other files each time is logged once") {
  Setup s;
  auto sync = s.syncer(s.served.string());
  REQUIRE(sync->sync_once() == SyncOutcome::updated);
  for (int n = 1; n <= 3; ++n) {
    Bundle next = testing::fixture_bundle(testing::fixture_generated_at + 60 * n);
    next.stewards[0].photo = "images/new-" + std::to_string(n) + ".jpg";
    testing::write_bundle(s.served, next);
    fs::remove(s.served / next.stewards[0].photo);  // the publisher's copy lost a photo
    CHECK(sync->sync_once() == SyncOutcome::failed);
    CHECK(sync->last_problem().find("new-" + std::to_string(n) + ".jpg") != std::string::npos);
  }
  CHECK(failure_lines(s) == 1);
  // Fixed: one line says so.
  testing::write_bundle(s.served, testing::fixture_bundle(testing::fixture_generated_at + 600));
  CHECK(sync->sync_once() == SyncOutcome::updated);
  CHECK(s.logged.back() == "bundle source " + s.served.string() + " works again");
}

TEST_CASE("kiosk sync over HTTP: every request names the screen and the bundle it shows") {
  Setup s;
  Server server(s.www);
  auto sync = s.syncer(server.url("kiosk/"));
  sync->set_screen("0123456789abcdef0123456789abcdef", "dpb-03 二号楼");
  REQUIRE(sync->sync_once() == SyncOutcome::updated);
  const std::string log = server.log();
  CHECK(count_lines(log,
                    "hdr /kiosk/manifest.json 0123456789abcdef0123456789abcdef "
                    "dpb-03%20%E4%BA%8C%E5%8F%B7%E6%A5%BC none") == 1);
  CHECK(count_lines(log, "hdr ") == count_lines(log, "hdr /kiosk/"));
  CHECK(count_lines(log, "hdr /kiosk/bundle.json 0123456789abcdef0123456789abcdef") == 1);
  CHECK(sync->sync_once() == SyncOutcome::unchanged);
  CHECK(count_lines(server.log(),
                    "hdr /kiosk/manifest.json 0123456789abcdef0123456789abcdef "
                    "dpb-03%20%E4%BA%8C%E5%8F%B7%E6%A5%BC 2026-11-20T00:00:00Z") == 1);
}

TEST_CASE("kiosk start line: the bundle shown, where it came from and where it is kept") {
  Setup s;
  REQUIRE(s.syncer(s.served.string())->sync_once() == SyncOutcome::updated);
  std::string why;
  const auto shown = s.store.load_current(why);
  REQUIRE(shown);
  const std::string dir = shown->dir.string();
  const Language before = current_language();
  set_language(Language::zh);
  CHECK(
      shown_at_start(*shown, "https://jd.example.cn/kiosk/") ==
      "开机显示的数据包：生成于 2026-11-20T00:00:00Z，来源 https://jd.example.cn/kiosk/（保存在 " +
          dir + "）");
  set_language(Language::en);
  CHECK(shown_at_start(*shown, "https://jd.example.cn/kiosk/") ==
        "at start showing the bundle generated 2026-11-20T00:00:00Z from "
        "https://jd.example.cn/kiosk/ (kept in " +
            dir + ")");
  set_language(before);
}

TEST_CASE("kiosk screen id: stable, 32 hex digits, not the machine id itself") {
  std::ifstream in("/etc/machine-id");
  std::string machine;
  std::getline(in, machine);
  const std::string id = screen_id();
  if (machine.empty()) {
    CHECK(id.empty());
    return;
  }
  CHECK(id.size() == 32);
  CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(id != machine);
  CHECK(screen_id() == id);
}

}  // namespace
}  // namespace hgj::kiosk
