// Syncing against a real HTTP server on 127.0.0.1 (a small Python server written by
// the test: ETags, 304s, 404s, a hanging path) and against local folders: good,
// truncated, corrupt and changed bundles. A bad bundle never replaces the good one.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include "app.h"
#include "kiosk_fixture.h"

namespace hgj::kiosk {
namespace {

namespace fs = std::filesystem;
using testing::TempFolder;

// Serves `root` with strong ETags and If-None-Match → 304; /hang/ never answers.
// /die/<path>: <path>, except that the server kills itself with SIGKILL halfway through
// any file but manifest.json. /swap/<path>: <path>, and once manifest.json has been
// sent, bundle.json.next (if any) is renamed over bundle.json, as a publisher would.
// Logs "<status> <path>" per request to log.txt; prints its port on stdout.
constexpr const char* server_py = R"PY(
import hashlib, http.server, os, signal, sys, time
root, log = sys.argv[1], sys.argv[2]
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def note(self, status):
        with open(log, "a") as f: f.write("%d %s\n" % (status, self.path))
    def do_GET(self):
        if self.path.startswith("/hang/"):
            time.sleep(30); return
        mode = self.path.split("/")[1]
        rel = self.path.lstrip("/")
        if mode in ("die", "swap"): rel = rel[len(mode) + 1:]
        path = os.path.join(root, rel)
        if mode == "die" and os.path.isfile(path) and not rel.endswith("manifest.json"):
            body = open(path, "rb").read()
            self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers()
            self.wfile.write(body[:len(body) // 2]); self.wfile.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        if mode == "swap" and rel.endswith("manifest.json"):
            self.send_file(path)
            nxt = os.path.join(os.path.dirname(path), "bundle.json.next")
            if os.path.exists(nxt): os.replace(nxt, os.path.join(os.path.dirname(path), "bundle.json"))
            return
        self.send_file(path)
    def send_file(self, path):
        if not os.path.isfile(path):
            self.note(404); self.send_error(404); return
        body = open(path, "rb").read()
        tag = '"%s"' % hashlib.sha256(body).hexdigest()[:16]
        if self.headers.get("If-None-Match") == tag:
            self.note(304); self.send_response(304); self.send_header("ETag", tag); self.end_headers(); return
        self.note(200)
        self.send_response(200); self.send_header("ETag", tag)
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
http.server.ThreadingHTTPServer.daemon_threads = True
s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
)PY";

class Server {
 public:
  explicit Server(const fs::path& root) : log_(root.parent_path() / "log.txt") {
    const fs::path script = root.parent_path() / "server.py";
    std::ofstream(script) << server_py;
    int out[2];
    REQUIRE(pipe(out) == 0);
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      dup2(out[1], 1);
      close(out[0]);
      execlp("python3", "python3", script.c_str(), root.c_str(), log_.c_str(), nullptr);
      _exit(127);  // python3 missing: the port read below fails loudly
    }
    close(out[1]);
    // The read end stays open while the server runs: closing it would kill the server
    // with SIGPIPE on its next write to stdout.
    pipe_ = out[0];
    char buf[32] = {};
    ssize_t n = 0;
    while (n < static_cast<ssize_t>(sizeof buf) - 1 && (n == 0 || buf[n - 1] != '\n')) {
      const ssize_t got = read(pipe_, buf + n, sizeof buf - 1 - static_cast<std::size_t>(n));
      if (got <= 0) break;
      n += got;
    }
    REQUIRE_MESSAGE(n > 0, "python3 is needed for the sync tests");
    port_ = std::atoi(buf);
    REQUIRE(port_ > 0);
  }
  ~Server() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    close(pipe_);
  }
  std::string url(const std::string& path = "") const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/" + path;
  }
  std::string log() const {
    std::ifstream in(log_);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

 private:
  fs::path log_;
  pid_t pid_ = -1;
  int pipe_ = -1;
  int port_ = 0;
};

struct Setup {
  TempFolder dir;
  fs::path www = dir.path() / "www";
  fs::path served = www / "kiosk";
  BundleStore store{dir.path() / "state"};
  std::vector<std::string> logged;
  Setup() {
    std::string why;
    REQUIRE(store.prepare(why));
    testing::write_bundle(served, testing::fixture_bundle());
  }
  std::unique_ptr<Syncer> syncer(const std::string& source) {
    auto s = std::make_unique<Syncer>(source, store, SyncTiming{}, 0);
    s->set_log([this](const std::string& line) { logged.push_back(line); });
    HttpLimits fast;
    fast.connect_seconds = 2;
    fast.total_seconds = 2;
    s->set_http_limits(fast);
    return s;
  }
  Instant current_generated_at() {
    std::string why;
    auto b = store.load_current(why);
    return b ? b->bundle.generated_at : 0;
  }
};

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
  CHECK(log.find("200 /kiosk/images/steward-HF-001.jpg") == log.rfind("200 /kiosk/images/steward-HF-001.jpg"));
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

TEST_CASE("kiosk sync over HTTP: the server killed mid-download keeps the good bundle and says why") {
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
    CHECK(sync->last_problem().find((s.dir.path() / "state/staging").string()) != std::string::npos);
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
  // The publisher rewrites the folder in place, file by file, as fast as it can.
  std::atomic<bool> stop{false};
  std::thread publisher([&] {
    for (Instant n = 1; !stop; ++n) {
      testing::write_bundle(s.served, testing::fixture_bundle(testing::fixture_generated_at + 60 * (n % 3)));
    }
  });
  int updated = 0, failed = 0;
  for (int i = 0; i < 40; ++i) {
    const SyncOutcome o = sync->sync_once();
    updated += o == SyncOutcome::updated;
    failed += o == SyncOutcome::failed;
    std::string why;
    const auto current = s.store.load_current(why);
    CHECK_MESSAGE(current, why);  // not REQUIRE: the publisher thread must be joined
    if (!current) continue;
    const Instant age = current->bundle.generated_at - testing::fixture_generated_at;
    CHECK((age == 0 || age == 60 || age == 120));
  }
  stop = true;
  publisher.join();
  MESSAGE(updated << " swaps, " << failed << " refused mid-rewrite");
  CHECK(updated + failed > 0);
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
  std::string why;
  auto kept = again.load_current(why);
  REQUIRE(kept);
  CHECK(kept->bundle.generated_at == testing::fixture_generated_at);
  std::ofstream(again.current_dir() / "bundle.json", std::ios::app) << " ";
  CHECK_FALSE(again.load_current(why));
  CHECK(why.find("bundle.json") != std::string::npos);
}

}  // namespace
}  // namespace hgj::kiosk
