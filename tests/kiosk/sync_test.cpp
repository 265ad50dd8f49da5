// Syncing against a real HTTP server on 127.0.0.1 (a small Python server written by
// the test: ETags, 304s, 404s, a hanging path) and against local folders: good,
// truncated, corrupt and changed bundles. A bad bundle never replaces the good one.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "app.h"
#include "kiosk_fixture.h"
#include "sync_server.h"

namespace hgj::kiosk {
namespace {

namespace fs = std::filesystem;
using testing::Server;
using testing::Setup;

TEST_CASE("kiosk sync over HTTP: good bundle, then 304, then a changed bundle") {
  Setup s;
  Server server(s.www);
  auto sync = s.syncer(server.url("kiosk/"));
  CHECK(sync->sync_once() == SyncOutcome::updated);
  auto first = sync->take();
  REQUIRE(first);
  CHECK(first->bundle.stewards.size() == 4);
  CHECK(s.current_generated_at() == testing::fixture_generated_at);
  CHECK(fs::exists(s.store.current_dir() / "images/steward-HF-001.jpg"));

  CHECK(sync->sync_once() == SyncOutcome::unchanged);
  CHECK(server.log().find("304 /kiosk/manifest.json") != std::string::npos);
  CHECK_FALSE(sync->take());

  Bundle changed = testing::fixture_bundle(testing::fixture_generated_at + 3600);
  changed.stewards[0].name = "王建国";
  testing::write_bundle(s.served, changed);
  CHECK(sync->sync_once() == SyncOutcome::updated);
  auto second = sync->take();
  REQUIRE(second);
  CHECK(second->bundle.stewards[0].name == "王建国");
  CHECK(s.current_generated_at() == testing::fixture_generated_at + 3600);
  // The unchanged photo was reused from the current bundle, not downloaded again.
  const std::string log = server.log();
  CHECK(log.find("200 /kiosk/images/steward-HF-001.jpg") ==
        log.rfind("200 /kiosk/images/steward-HF-001.jpg"));
}

TEST_CASE("kiosk sync over HTTP: truncated, corrupt and missing bundles keep the last good one") {
  Setup s;
  Server server(s.www);
  auto sync = s.syncer(server.url("kiosk"));
  const SyncOutcome first = sync->sync_once();
  INFO(sync->last_problem());
  REQUIRE(first == SyncOutcome::updated);
  const Instant good = s.current_generated_at();

  SUBCASE("bundle.json truncated after the manifest was written") {
    std::string json;
    {
      std::ifstream in(s.served / "bundle.json");
      json.assign(std::istreambuf_iterator<char>(in), {});
    }
    Bundle next = testing::fixture_bundle(good + 60);
    testing::write_bundle(s.served, next);
    std::ofstream(s.served / "bundle.json", std::ios::trunc) << json.substr(0, json.size() / 2);
    CHECK(sync->sync_once() == SyncOutcome::failed);
    CHECK(sync->last_problem().find("bundle.json") != std::string::npos);
  }
  SUBCASE("manifest.json is not JSON") {
    std::ofstream(s.served / "manifest.json", std::ios::trunc) << "<html>502 Bad Gateway</html>";
    CHECK(sync->sync_once() == SyncOutcome::failed);
    CHECK(sync->last_problem().find("manifest.json") != std::string::npos);
  }
  SUBCASE("a photo corrupted on the server") {
    Bundle next = testing::fixture_bundle(good + 60);
    next.stewards[0].photo = "images/steward-HF-001-new.jpg";  // a new photo, so it is downloaded
    testing::write_bundle(s.served, next);
    std::ofstream(s.served / "images/steward-HF-001-new.jpg", std::ios::trunc) << "not a jpeg";
    CHECK(sync->sync_once() == SyncOutcome::failed);
    CHECK(sync->last_problem().find("steward-HF-001-new.jpg") != std::string::npos);
  }
  SUBCASE("the server answers 404") {
    fs::remove_all(s.served);
    CHECK(sync->sync_once() == SyncOutcome::failed);
    CHECK(sync->last_problem().find("404") != std::string::npos);
  }
  CHECK(s.current_generated_at() == good);
  std::string why;
  CHECK(s.store.load_current(why));
  REQUIRE(s.logged.size() >= 2);
  CHECK(s.logged.back().rfind("bundle update failed, keeping what is shown: ", 0) == 0);
}

TEST_CASE(
    "kiosk sync over HTTP: the server killed mid-download keeps the good bundle and says why") {
  Setup s;
  Server server(s.www);
  REQUIRE(s.syncer(server.url("kiosk/"))->sync_once() == SyncOutcome::updated);
  testing::write_bundle(s.served, testing::fixture_bundle(testing::fixture_generated_at + 60));
  auto sync = s.syncer(server.url("die/kiosk/"));
  CHECK(sync->sync_once() == SyncOutcome::failed);
  INFO(sync->last_problem());
  CHECK(sync->last_problem().rfind(server.url("die/kiosk/bundle.json: "), 0) == 0);
  CHECK(s.current_generated_at() == testing::fixture_generated_at);
  REQUIRE(!s.logged.empty());
  CHECK(s.logged.back() == "bundle update failed, keeping what is shown: " + sync->last_problem());
  std::string why;
  CHECK(s.store.load_current(why));
}

TEST_CASE("kiosk sync over HTTP: bundle.json replaced after the manifest was read is refused") {
  Setup s;
  Server server(s.www);
  REQUIRE(s.syncer(server.url("kiosk/"))->sync_once() == SyncOutcome::updated);
  testing::write_bundle(s.served, testing::fixture_bundle(testing::fixture_generated_at + 60));
  // The publisher's next bundle.json lands between the kiosk's manifest and data requests.
  std::ofstream(s.served / "bundle.json.next")
      << bundle_to_json(testing::fixture_bundle(testing::fixture_generated_at + 120));
  auto sync = s.syncer(server.url("swap/kiosk/"));
  CHECK(sync->sync_once() == SyncOutcome::failed);
  INFO(sync->last_problem());
  CHECK(sync->last_problem().find("bundle.json: ") != std::string::npos);
  CHECK(s.current_generated_at() == testing::fixture_generated_at);
  // Once the publisher's manifest catches up, the next poll takes the new bundle.
  testing::write_bundle(s.served, testing::fixture_bundle(testing::fixture_generated_at + 120));
  CHECK(sync->sync_once() == SyncOutcome::updated);
  CHECK(s.current_generated_at() == testing::fixture_generated_at + 120);
}

TEST_CASE("kiosk sync: a full disk under the staging folder keeps the good bundle and says why") {
  Setup s;
  REQUIRE(s.syncer(s.served.string())->sync_once() == SyncOutcome::updated);
  const fs::path kept = s.store.current_dir();
  Server server(s.www);  // started before the limit, which children inherit
  Bundle next = testing::fixture_bundle(testing::fixture_generated_at + 60);
  next.stewards[0].photo = "images/steward-HF-001-new.jpg";  // not in the current bundle
  testing::write_bundle(s.served, next);
  // Every write past 1 KiB fails (EFBIG), as on a full disk; SIGXFSZ would kill the test.
  rlimit before{};
  REQUIRE(getrlimit(RLIMIT_FSIZE, &before) == 0);
  signal(SIGXFSZ, SIG_IGN);
  rlimit small = before;
  small.rlim_cur = 1024;
  REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
  auto from_folder = s.syncer(s.served.string());
  const SyncOutcome folder = from_folder->sync_once();
  auto from_url = s.syncer(server.url("kiosk/"));
  const SyncOutcome url = from_url->sync_once();
  REQUIRE(setrlimit(RLIMIT_FSIZE, &before) == 0);
  signal(SIGXFSZ, SIG_DFL);

  for (const auto* sync : {from_folder.get(), from_url.get()}) {
    INFO(sync->last_problem());
    CHECK(sync->last_problem().find((s.dir.path() / "state/staging").string()) !=
          std::string::npos);
    // "File too large" from a write, "Input/output error" from copy_file's sendfile.
    CHECK(sync->last_problem().find(": cannot write (") != std::string::npos);
  }
  CHECK(folder == SyncOutcome::failed);
  CHECK(url == SyncOutcome::failed);
  CHECK(s.store.current_dir() == kept);
  CHECK(s.current_generated_at() == testing::fixture_generated_at);
  REQUIRE(s.logged.size() >= 2);
  CHECK(s.logged.back().rfind("bundle update failed, keeping what is shown: ", 0) == 0);
  // Space again: the next attempt goes through.
  CHECK(from_folder->sync_once() == SyncOutcome::updated);
  CHECK(s.current_generated_at() == testing::fixture_generated_at + 60);
}

TEST_CASE("kiosk sync from a folder being republished: every swap is a whole bundle") {
  Setup s;
  auto sync = s.syncer(s.served.string());
  REQUIRE(sync->sync_once() == SyncOutcome::updated);
  // The folder as a publisher copying file by file leaves it between two bundles, each
  // state made on purpose (a thread racing the syncer may never hit one): the next
  // bundle's manifest over the old data, over half of the new data, over the new data
  // with a picture half copied. Each is refused and the whole old bundle stays; once the
  // copy is done the new one is taken.
  testing::TempFolder next_dir;
  const fs::path next = next_dir.path() / "kiosk";
  const Instant later = testing::fixture_generated_at + 60;
  testing::write_bundle(next, testing::fixture_bundle(later));
  std::ifstream in(next / bundle_data_file, std::ios::binary);
  const std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const auto refused_keeping_old = [&](const std::string& state) {
    CAPTURE(state);
    CHECK(sync->sync_once() == SyncOutcome::failed);
    std::string why;
    const auto current = s.store.load_current(why);
    REQUIRE_MESSAGE(current, why);
    CHECK(current->bundle.generated_at == testing::fixture_generated_at);
  };
  fs::copy_file(next / bundle_manifest_file, s.served / bundle_manifest_file,
                fs::copy_options::overwrite_existing);
  refused_keeping_old("new manifest, old bundle.json");
  std::ofstream(s.served / bundle_data_file, std::ios::binary) << data.substr(0, data.size() / 2);
  refused_keeping_old("new manifest, half of the new bundle.json");
  std::ofstream(s.served / bundle_data_file, std::ios::binary) << data;
  // The pictures come last: one cut short, which only its SHA-256 tells.
  fs::path photo;
  for (const auto& entry : fs::directory_iterator(s.served / "images")) photo = entry.path();
  REQUIRE(!photo.empty());
  const auto photo_bytes = fs::file_size(photo);
  fs::resize_file(photo, photo_bytes - 100);
  refused_keeping_old("new manifest and bundle.json, a picture cut short");
  fs::copy_file(next / "images" / photo.filename(), photo, fs::copy_options::overwrite_existing);
  CHECK(sync->sync_once() == SyncOutcome::updated);
  CHECK(s.current_generated_at() == later);
  for (const std::string& line : s.logged) {
    CHECK((line.rfind("new bundle from ", 0) == 0 ||
           line.rfind("bundle update failed, keeping what is shown: ", 0) == 0 ||
           line.rfind("bundle source ", 0) == 0));
  }
}

TEST_CASE("kiosk sync over HTTP: a hanging server times out and keeps the good bundle") {
  Setup s;
  Server server(s.www);
  REQUIRE(s.syncer(server.url("kiosk/"))->sync_once() == SyncOutcome::updated);
  auto sync = s.syncer(server.url("hang/"));
  const auto start = std::chrono::steady_clock::now();
  CHECK(sync->sync_once() == SyncOutcome::failed);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
  CHECK(sync->last_problem().find("hang/manifest.json") != std::string::npos);
  CHECK(s.current_generated_at() == testing::fixture_generated_at);
}

TEST_CASE("kiosk sync from a folder: copies, verifies, swaps; a broken folder changes nothing") {
  Setup s;
  auto sync = s.syncer(s.served.string());
  REQUIRE(sync->sync_once() == SyncOutcome::updated);
  CHECK(sync->sync_once() == SyncOutcome::unchanged);
  const fs::path kept = s.store.current_dir();
  // The publisher breaks the folder: the kiosk's copy is untouched.
  Bundle next = testing::fixture_bundle(testing::fixture_generated_at + 60);
  testing::write_bundle(s.served, next);
  fs::remove(s.served / "images/steward-HF-001.jpg");
  CHECK(sync->sync_once() == SyncOutcome::failed);
  CHECK(s.store.current_dir() == kept);
  CHECK(fs::exists(kept / "images/steward-HF-001.jpg"));
  // Wrong format version.
  testing::write_bundle(s.served, next);
  {
    std::ifstream in(s.served / "manifest.json");
    std::string m((std::istreambuf_iterator<char>(in)), {});
    const std::size_t at = m.find("\"format_version\": 1");
    REQUIRE(at != std::string::npos);
    m.replace(at, 19, "\"format_version\": 99");
    std::ofstream(s.served / "manifest.json", std::ios::trunc) << m;
  }
  CHECK(sync->sync_once() == SyncOutcome::failed);
  CHECK(s.store.current_dir() == kept);
  // Repaired: swapped in.
  testing::write_bundle(s.served, next);
  CHECK(sync->sync_once() == SyncOutcome::updated);
  CHECK(s.current_generated_at() == testing::fixture_generated_at + 60);
}

TEST_CASE("kiosk sync worker hands a new bundle to the UI thread through an SDL event") {
  Setup s;
  REQUIRE(SDL_Init(SDL_INIT_EVENTS) == 0);
  const Uint32 type = SDL_RegisterEvents(1);
  {
    Syncer sync(s.served.string(), s.store, SyncTiming{1, 300, 0, 1}, type);
    sync.set_log([](const std::string&) {});
    sync.start();
    SDL_Event e;
    bool got = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!got && std::chrono::steady_clock::now() < deadline) {
      if (SDL_WaitEventTimeout(&e, 200) && e.type == type && e.user.code == 1) got = true;
    }
    CHECK(got);
    CHECK(sync.take());
    sync.stop();
  }
  SDL_Quit();
}

TEST_CASE("kiosk store: the last good bundle survives a restart and a damaged copy is refused") {
  Setup s;
  REQUIRE(s.syncer(s.served.string())->sync_once() == SyncOutcome::updated);
  BundleStore again(s.dir.path() / "state");
  again.set_trust(testing::test_trust());
  std::string why;
  auto kept = again.load_current(why);
  REQUIRE(kept);
  CHECK(kept->bundle.generated_at == testing::fixture_generated_at);
  std::ofstream(again.current_dir() / "bundle.json", std::ios::app) << " ";
  CHECK_FALSE(again.load_current(why));
  CHECK(why.find("bundle.json") != std::string::npos);
}

// The served bundle with a fake steward phone and the manifest re-hashed to match, then
// `sign`ed: the attack of issue #28 (nullptr: left unsigned).
void forge(const fs::path& served, const SigningKey* sign) {
  Bundle fake = testing::fixture_bundle(testing::fixture_generated_at + 600);
  fake.stewards[0].phone = testing::phone("139 6666 6666");
  testing::write_bundle(served, fake, sign);
}

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

TEST_CASE(
    "kiosk sync: forged, unsigned, wrongly signed and older bundles are refused, over HTTP and "
    "from a folder") {
  Setup s;
  Server server(s.www);
  const SigningKey stranger = signing_key_from_seed({42});
  for (const bool over_http : {true, false}) {
    CAPTURE(over_http);
    testing::write_bundle(s.served, testing::fixture_bundle());
    auto sync = s.syncer(over_http ? server.url("kiosk/") : s.served.string());
    const std::string where = over_http ? server.url("kiosk/manifest.json") : s.served.string();
    if (s.current_generated_at() == 0) REQUIRE(sync->sync_once() == SyncOutcome::updated);
    const fs::path kept = s.store.current_dir();

    forge(s.served, nullptr);
    CHECK(sync->sync_once() == SyncOutcome::failed);
    CHECK(sync->last_problem() ==
          where + ": manifest.json is not signed (refused; --insecure-unsigned accepts it)");

    forge(s.served, &stranger);
    CHECK(sync->sync_once() == SyncOutcome::failed);
    CHECK(sync->last_problem() == where + ": manifest.json is signed by key " +
                                      stranger.public_key.id + ", which this kiosk does not trust");

    // The real signature of the good bundle pasted onto the forged manifest.
    testing::write_bundle(s.served, testing::fixture_bundle(testing::fixture_generated_at + 600));
    const auto signature = nlohmann::json::parse(slurp(s.served / "manifest.json"))["signature"];
    forge(s.served, nullptr);
    auto doc = nlohmann::json::parse(slurp(s.served / "manifest.json"));
    doc["signature"] = signature;
    std::ofstream(s.served / "manifest.json", std::ios::trunc) << doc.dump(2);
    CHECK(sync->sync_once() == SyncOutcome::failed);
    CHECK(sync->last_problem() == where + ": manifest.json: the signature by key " +
                                      testing::test_signing_key().public_key.id +
                                      " does not match its content");

    // Rollback: a genuinely signed bundle older than the one on screen.
    testing::write_bundle(s.served, testing::fixture_bundle(testing::fixture_generated_at - 3600));
    CHECK(sync->sync_once() == SyncOutcome::failed);
    CHECK(sync->last_problem() ==
          where +
              ": manifest.json: generated 2026-11-19T23:00:00Z, older than the bundle "
              "on screen (2026-11-20T00:00:00Z): refused as a rollback");

    CHECK(s.store.current_dir() == kept);
    std::string why;
    auto shown = s.store.load_current(why);
    REQUIRE(shown);
    CHECK(shown->bundle.stewards[0].phone->display == "138 0000 0001");
    // The same bundle again (a reproducible rebuild) is fine.
    testing::write_bundle(s.served, testing::fixture_bundle());
    CHECK(sync->sync_once() == SyncOutcome::unchanged);
  }
  // Over HTTP nothing but manifest.json was fetched for a refused bundle.
  CHECK(testing::count_lines(server.log(), "200 /kiosk/bundle.json") <= 1);
}

TEST_CASE("kiosk sync: a bundle signed by a key since removed does not hold newer ones back") {
  Setup s;
  const SigningKey leaked = signing_key_from_seed({13});
  BundleTrust both = testing::test_trust();
  both.keys.push_back(leaked.public_key);
  s.store.set_trust(both);
  // Signed with the leaked key, dated ten years ahead: every honest bundle looks older.
  testing::write_bundle(
      s.served, testing::fixture_bundle(testing::fixture_generated_at + 315360000), &leaked);
  auto sync = s.syncer(s.served.string());
  REQUIRE(sync->sync_once() == SyncOutcome::updated);
  testing::write_bundle(s.served, testing::fixture_bundle(testing::fixture_generated_at + 60));
  CHECK(sync->sync_once() == SyncOutcome::failed);  // a rollback while the key is trusted
  s.store.set_trust(testing::test_trust());         // the leaked key removed from the screen
  std::string why;
  CHECK_FALSE(s.store.load_current(why));
  CHECK(why.find("which this kiosk does not trust") != std::string::npos);
  CHECK(sync->sync_once() == SyncOutcome::updated);
  CHECK(s.current_generated_at() == testing::fixture_generated_at + 60);
}

TEST_CASE("kiosk sync: --insecure-unsigned takes an unsigned bundle and says so every time") {
  Setup s;
  BundleTrust trust = testing::test_trust();
  trust.allow_unsigned = true;
  s.store.set_trust(trust);
  testing::write_bundle(s.served, testing::fixture_bundle(), nullptr);
  auto sync = s.syncer(s.served.string());
  CHECK(sync->sync_once() == SyncOutcome::updated);
  REQUIRE(!s.logged.empty());
  CHECK(s.logged.back() ==
        "new bundle from " + s.served.string() +
            " (generated 2026-11-20T00:00:00Z; WARNING: unsigned, accepted only because of "
            "--insecure-unsigned) is on screen");
  CHECK(sync->sync_once() == SyncOutcome::unchanged);
  CHECK(s.logged.back() ==
        "WARNING: --insecure-unsigned: this kiosk accepts unsigned bundles from " +
            s.served.string());
  // A wrong signature is still refused.
  const SigningKey stranger = signing_key_from_seed({7});
  testing::write_bundle(s.served, testing::fixture_bundle(testing::fixture_generated_at + 60),
                        &stranger);
  CHECK(sync->sync_once() == SyncOutcome::failed);
  CHECK(sync->last_problem().find("which this kiosk does not trust") != std::string::npos);
}

TEST_CASE("kiosk sync over HTTP: caps stop an oversized bundle before or while downloading") {
  Setup s;
  Server server(s.www);
  {
    // The manifest's own sizes above the kiosk's caps: refused before any other request.
    BundleTrust small = testing::test_trust();
    small.limits.max_file_bytes = 1000;
    s.store.set_trust(small);
    auto sync = s.syncer(server.url("kiosk/"));
    CHECK(sync->sync_once() == SyncOutcome::failed);
    CHECK(sync->last_problem().rfind(server.url("kiosk/manifest.json") + ": bundle.json: ", 0) ==
          0);
    CHECK(sync->last_problem().find(" bytes, above this kiosk's cap of 1 MiB per file") !=
          std::string::npos);
    small.limits = {};
    small.limits.max_total_bytes = 1000;
    s.store.set_trust(small);
    CHECK(sync->sync_once() == SyncOutcome::failed);
    CHECK(sync->last_problem().find("manifest.json: the bundle is ") != std::string::npos);
    CHECK(server.log().find("bundle.json") == std::string::npos);
    s.store.set_trust(testing::test_trust());
  }
  // A server that sends more than the signed size: stopped at that size, not at its Content-Length.
  auto sync = s.syncer(server.url("big/kiosk/"));
  const auto start = std::chrono::steady_clock::now();
  CHECK(sync->sync_once() == SyncOutcome::failed);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  const std::uint64_t size = fs::file_size(s.served / "bundle.json");
  CHECK(sync->last_problem() ==
        server.url("big/kiosk/bundle.json") + ": larger than " + std::to_string(size) + " bytes");
  CHECK(s.current_generated_at() == 0);
  // The server got to write a few socket buffers at most, not its 64 MiB.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const std::string log = server.log();
  const std::size_t at = log.find("sent ");
  REQUIRE(at != std::string::npos);
  CHECK(std::stoull(log.substr(at + 5)) < (16u << 20));
}

TEST_CASE("kiosk sync over HTTP: redirects only within the origin or to https") {
  Setup s;
  Server server(s.www);
  auto away = s.syncer(server.url("away/kiosk/"));
  CHECK(away->sync_once() == SyncOutcome::failed);
  const std::string port = server.url().substr(std::string("http://127.0.0.1:").size());
  CHECK(away->last_problem() ==
        server.url("away/kiosk/manifest.json") + ": redirected to http://localhost:" + port +
            "kiosk/manifest.json, refused: only https or http://127.0.0.1:" +
            port.substr(0, port.size() - 1) + " is followed");
  CHECK(server.log().find("200 /kiosk/manifest.json") == std::string::npos);  // never asked
  auto here = s.syncer(server.url("here/kiosk/"));
  CHECK(here->sync_once() == SyncOutcome::updated);
  CHECK(s.current_generated_at() == testing::fixture_generated_at);
}

TEST_CASE(
    "kiosk sync over plain http: one warning at the first sync and one with each new bundle") {
  Setup s;
  Server server(s.www);
  auto sync = s.syncer(server.url("kiosk/"));
  REQUIRE(sync->sync_once() == SyncOutcome::updated);
  CHECK(sync->sync_once() == SyncOutcome::unchanged);
  REQUIRE(s.logged.size() == 2);
  CHECK(s.logged[0] ==
        "WARNING: syncing over plain http from " + server.url("kiosk/") +
            ": anyone on the way can read the data and hold updates back (the signature still "
            "stops changes); serve the bundle over https");
  CHECK(s.logged[1] == "new bundle from " + server.url("kiosk/") +
                           " (generated 2026-11-20T00:00:00Z, signed by key " +
                           testing::test_signing_key().public_key.id +
                           "; WARNING: fetched over plain http) is on screen");
}

TEST_CASE("kiosk store: pruning leaves a symlinked bundles/ and links inside it alone") {
  Setup s;
  const fs::path victim = s.dir.path() / "victim";
  fs::create_directories(victim / "123");
  std::ofstream(victim / "123/thesis.txt") << "years of work";
  fs::create_directories(s.dir.path() / "state");
  fs::remove_all(s.dir.path() / "state/bundles");
  fs::create_directory_symlink(victim, s.dir.path() / "state/bundles");
  auto sync = s.syncer(s.served.string());
  for (Instant n = 1; n <= 3; ++n) {
    testing::write_bundle(s.served,
                          testing::fixture_bundle(testing::fixture_generated_at + 60 * n));
    CHECK(sync->sync_once() == SyncOutcome::failed);
    CHECK(sync->last_problem() ==
          (s.dir.path() / "state/bundles").string() +
              ": a symlink, not a folder this kiosk made; refusing to write through it");
  }
  CHECK(slurp(victim / "123/thesis.txt") == "years of work");
  CHECK(std::distance(fs::directory_iterator(victim), fs::directory_iterator()) == 1);

  // A real bundles/ with a numbered link to someone else's folder in it.
  Setup t;
  fs::create_directory_symlink(victim / "123", t.dir.path() / "state/bundles/456");
  auto again = t.syncer(t.served.string());
  for (Instant n = 1; n <= 3; ++n) {
    testing::write_bundle(t.served,
                          testing::fixture_bundle(testing::fixture_generated_at + 60 * n));
    REQUIRE(again->sync_once() == SyncOutcome::updated);
  }
  CHECK(slurp(victim / "123/thesis.txt") == "years of work");
  // Its own folders are pruned to the current one and the one before it.
  int kept = 0;
  for (const auto& e : fs::directory_iterator(t.dir.path() / "state/bundles"))
    kept += !e.is_symlink();
  CHECK(kept == 2);
}

TEST_CASE(
    "kiosk store: a bundle that stopped the kiosk twice falls back to the one before, until a "
    "newer one") {
  Setup s;
  auto sync = s.syncer(s.served.string());
  REQUIRE(sync->sync_once() == SyncOutcome::updated);  // A
  testing::write_bundle(s.served, testing::fixture_bundle(testing::fixture_generated_at + 60));
  REQUIRE(sync->sync_once() == SyncOutcome::updated);  // B, the one that crashes
  const fs::path bad = s.store.current_dir();
  // Three starts of the real program's App on this state folder, none running long enough.
  std::vector<Instant> shown;
  REQUIRE(SDL_Init(SDL_INIT_EVENTS) == 0);
  for (int start = 0; start < 3; ++start) {
    Options o;
    o.bundle = s.served.string();
    o.building = "dpb-03";
    o.state_dir = (s.dir.path() / "state").string();
    o.trusted_keys = {testing::test_public_key_file()};
    App app(o);
    std::string why;
    REQUIRE(app.open(true, why));
    shown.push_back(app.scene().bundle() ? app.scene().bundle()->generated_at : 0);
    // …and the process dies here: no clean stop, no two minutes on screen.
  }
  SDL_Quit();
  CHECK(shown == std::vector<Instant>{testing::fixture_generated_at + 60,
                                      testing::fixture_generated_at + 60,
                                      testing::fixture_generated_at});
  CHECK(s.store.current_dir() != bad);
  // The bad bundle is not taken again; a newer one is.
  CHECK(sync->sync_once() == SyncOutcome::failed);
  CHECK(sync->last_problem() == s.served.string() +
                                    ": manifest.json: the bundle generated 2026-11-20T00:01:00Z "
                                    "crashed this kiosk twice; waiting for a newer one");
  testing::write_bundle(s.served, testing::fixture_bundle(testing::fixture_generated_at + 120));
  CHECK(sync->sync_once() == SyncOutcome::updated);
  CHECK(s.current_generated_at() == testing::fixture_generated_at + 120);
  // A bundle that has run cleans its count: restarts then never fall back.
  s.store.begin_attempt();
  s.store.end_attempt();
  CHECK(s.store.begin_attempt().empty());
  CHECK(s.store.begin_attempt().empty());
  s.store.end_attempt();
  CHECK(s.store.begin_attempt().empty());
}

}  // namespace
}  // namespace hgj::kiosk
