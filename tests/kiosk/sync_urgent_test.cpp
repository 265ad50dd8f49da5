// An urgent notice on every screen within a minute while the normal poll stays at 300 s
// (issue #24 item 4): screens poll the small urgent.json with its ETag between manifest
// polls and sync at once when the urgent notices it names are not the shown bundle's.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "config.h"
#include "sync_server.h"

namespace hgj::kiosk {
namespace {

namespace fs = std::filesystem;
using testing::count_lines;
using testing::Server;
using testing::Setup;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// The fixture bundle a publisher made later, carrying an urgent notice.
Bundle with_urgent_notice() {
  Bundle b = testing::fixture_bundle(testing::fixture_generated_at + 600);
  BundleNotice n;
  n.id = "2026-11-24-tingshui";
  n.title = "德平坝小区今晨紧急停水";
  n.date = Date{2026, 11, 24};
  n.urgent = true;
  n.start = DateTime{Date{2026, 11, 24}, 4 * 60};
  n.expires = Date{2026, 11, 24};
  n.text = "水管爆裂，正在抢修。";
  b.notices.insert(b.notices.begin(), n);
  return b;
}

// Publishes as `hgj publish` does: the bundle and its manifest, then urgent.json.
void publish(const fs::path& served, const Bundle& b) {
  testing::write_bundle(served, b);
  std::ofstream(served / bundle_urgent_file, std::ios::binary) << urgent_to_json(b);
}

// The server log's lines after the first `from` bytes.
std::string log_since(const Server& server, std::size_t from) { return server.log().substr(from); }

bool wait_for(const std::function<bool()>& done, std::chrono::milliseconds limit) {
  const auto until = Clock::now() + limit;
  while (Clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return done();
}

TEST_CASE(
    "kiosk sync: an urgent notice is on screen within seconds of urgent.json changing, with 304s "
    "between") {
  Setup s;
  Server server(s.www);
  // poll 300 s, urgent poll 1 s (of 1000 ms): only urgent.json can bring the new bundle in time.
  auto sync = s.syncer(server.url("kiosk/"), SyncTiming{3, 300, 0, 30, 1000, 1});
  sync->start();
  REQUIRE(wait_for([&] { return s.current_generated_at() == testing::fixture_generated_at; }, 10s));

  // An older publisher: no urgent.json. Normal, and not a line in the journal.
  REQUIRE(wait_for([&] { return count_lines(server.log(), "404 /kiosk/urgent.json") >= 2; }, 5s));
  {
    std::lock_guard<std::mutex> lock(s.log_mutex);
    for (const std::string& line : s.logged) CHECK(line.find("urgent") == std::string::npos);
  }

  // The same bundle's urgent.json: fetched once, then only 304s, and no manifest request.
  publish(s.served, testing::fixture_bundle());
  REQUIRE(wait_for([&] { return count_lines(server.log(), "304 /kiosk/urgent.json") >= 1; }, 5s));
  const std::size_t steady_from = server.log().size();
  std::this_thread::sleep_for(3500ms);
  const std::string steady = log_since(server, steady_from);
  CHECK(count_lines(steady, "304 /kiosk/urgent.json") >= 3);
  CHECK(count_lines(steady, "200 ") == 0);
  CHECK(steady.find("/kiosk/manifest.json") == std::string::npos);
  CHECK(count_lines(steady, "conn") == 0);  // the urgent polls keep their connection
  CHECK(s.current_generated_at() == testing::fixture_generated_at);

  // Published: on screen within a few seconds, not at the next poll 300 s away.
  const Bundle urgent = with_urgent_notice();
  const auto published = Clock::now();
  publish(s.served, urgent);
  REQUIRE(wait_for([&] { return s.current_generated_at() == urgent.generated_at; }, 10s));
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - published);
  CHECK(took < 3s);
  std::string why;
  const auto shown = s.store.load_current(why);
  REQUIRE(shown);
  CHECK(urgent_marks(shown->bundle) == urgent_marks(urgent));

  // And quiet again: urgent.json matches what is shown.
  std::this_thread::sleep_for(1500ms);
  const std::size_t after_from = server.log().size();
  std::this_thread::sleep_for(2500ms);
  const std::string after = log_since(server, after_from);
  CHECK(count_lines(after, "304 /kiosk/urgent.json") >= 2);
  CHECK(count_lines(after, "200 ") == 0);
  sync->stop();
}

TEST_CASE("kiosk sync: without the urgent poll the same change waits for the normal poll") {
  Setup s;
  Server server(s.www);
  publish(s.served, testing::fixture_bundle());
  auto sync = s.syncer(server.url("kiosk/"), SyncTiming{3, 300, 0, 30, 1000, 0});
  sync->start();
  REQUIRE(wait_for([&] { return s.current_generated_at() == testing::fixture_generated_at; }, 10s));
  publish(s.served, with_urgent_notice());
  std::this_thread::sleep_for(3s);
  CHECK(s.current_generated_at() == testing::fixture_generated_at);
  CHECK(server.log().find("urgent.json") == std::string::npos);
  sync->stop();
}

TEST_CASE(
    "kiosk sync: a folder's urgent.json naming other notices syncs though the manifest looks the "
    "same") {
  Setup s;
  publish(s.served, testing::fixture_bundle());
  auto sync = s.syncer(s.served.string(), SyncTiming{1, 300, 0, 30, 1000, 1});
  sync->start();
  REQUIRE(wait_for([&] { return s.current_generated_at() == testing::fixture_generated_at; }, 10s));
  // A publisher that keeps the manifest's time and size (a copy with -p): only urgent.json tells.
  const fs::path manifest = s.served / bundle_manifest_file;
  const auto mtime = fs::last_write_time(manifest);
  const auto size = fs::file_size(manifest);
  const Bundle urgent = with_urgent_notice();
  publish(s.served, urgent);
  fs::last_write_time(manifest, mtime);
  REQUIRE(fs::file_size(manifest) == size);  // else the manifest watch alone would see it
  REQUIRE(wait_for([&] { return s.current_generated_at() == urgent.generated_at; }, 5s));
  sync->stop();
}

TEST_CASE(
    "urgent poll settings: [sync] urgent_poll_seconds, 30 by default, 0 turns it off, checked like "
    "the rest") {
  KioskConfig c;
  std::vector<std::string> problems;
  CHECK(c.urgent_poll_seconds == 30);
  apply_config_text("[sync]\nurgent_poll_seconds = 0\n", "kiosk.toml", c, problems);
  CHECK(problems.empty());
  CHECK(c.urgent_poll_seconds == 0);
  apply_config_text("[sync]\nurgent_poll_seconds = 3601\n", "kiosk.toml", c, problems);
  CHECK(problems ==
        std::vector<std::string>{
            "kiosk.toml: sync.urgent_poll_seconds: expected a whole number from 0 to 3600"});
  CHECK(c.urgent_poll_seconds == 0);  // the bad value is skipped
}

}  // namespace
}  // namespace hgj::kiosk
