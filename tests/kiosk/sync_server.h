// The sync tests' HTTP server: a small Python server on 127.0.0.1 written by the test
// (ETags, 304s, 404s, 503s, a hanging path, a dying server, keep-alive), and a state
// folder with a served fixture bundle.
#pragma once

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "kiosk_fixture.h"
#include "syncer.h"

namespace hgj::testing {

namespace sync_fs = std::filesystem;

// Serves `root` with strong ETags and If-None-Match → 304; /hang/ never answers.
// /die/<path>: <path>, except that the server kills itself with SIGKILL halfway through
// any file but manifest.json. /swap/<path>: <path>, and once manifest.json has been
// sent, bundle.json.next (if any) is renamed over bundle.json, as a publisher would.
// /big/<path>: <path> followed by 64 MiB of zeros (a server sending more than the
// manifest says), logging "sent <bytes> <path>" when it stops. /away/<path>: a redirect
// to the same file at http://localhost (another origin); /here/<path>: a redirect to it
// on this origin.
// /down/<path>: 503 Service Unavailable, always. /slow/<path>: <path>, except that any
// file but manifest.json stops halfway for 30 s after logging "half <path>".
// Speaks HTTP/1.1 with keep-alive. Logs "conn" per accepted connection, "hdr <path>
// <X-HGJ-Screen> <X-HGJ-Building> <X-HGJ-Bundle>" and "<status> <path>" per request to
// log.txt; prints its port on stdout.
inline constexpr const char* server_py = R"PY(
import hashlib, http.server, os, signal, sys, time
root, log = sys.argv[1], sys.argv[2]
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def setup(self):
        super().setup()
        with open(log, "a") as f: f.write("conn\n")
    def note(self, status, path=None):
        with open(log, "a") as f: f.write("%s %s\n" % (status, path or self.path))
    def do_GET(self):
        with open(log, "a") as f:
            f.write("hdr %s %s %s %s\n" % (self.path, self.headers.get("X-HGJ-Screen"),
                                            self.headers.get("X-HGJ-Building"), self.headers.get("X-HGJ-Bundle")))
        if self.path.startswith("/down/"):
            self.note(503); self.send_response(503)
            self.send_header("Content-Length", "0"); self.end_headers(); return
        if self.path.startswith("/hang/"):
            time.sleep(30); return
        mode = self.path.split("/")[1]
        rel = self.path.lstrip("/")
        if mode in ("die", "swap", "big", "away", "here", "slow"): rel = rel[len(mode) + 1:]
        if mode in ("away", "here"):
            host = "localhost" if mode == "away" else "127.0.0.1"
            self.note(302); self.send_response(302)
            self.send_header("Location", "http://%s:%d/%s" % (host, self.server.server_address[1], rel))
            self.send_header("Content-Length", "0"); self.end_headers(); return
        path = os.path.join(root, rel)
        if mode == "big" and os.path.isfile(path) and not rel.endswith("manifest.json"):
            body = open(path, "rb").read()
            extra = 64 << 20
            self.send_response(200); self.send_header("Content-Length", str(len(body) + extra)); self.end_headers()
            sent = 0
            try:
                self.wfile.write(body); sent = len(body)
                chunk = b"\0" * 65536
                for _ in range(extra // len(chunk)):
                    self.wfile.write(chunk); sent += len(chunk)
            except OSError: pass
            self.note("sent %d" % sent); return
        path = os.path.join(root, rel)
        if mode == "die" and os.path.isfile(path) and not rel.endswith("manifest.json"):
            body = open(path, "rb").read()
            self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers()
            self.wfile.write(body[:len(body) // 2]); self.wfile.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        if mode == "slow" and os.path.isfile(path) and not rel.endswith("manifest.json"):
            body = open(path, "rb").read()
            self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers()
            self.wfile.write(body[:len(body) // 2]); self.wfile.flush()
            self.note("half"); time.sleep(30); return
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
  explicit Server(const sync_fs::path& root) : log_(root.parent_path() / "log.txt") {
    const sync_fs::path script = root.parent_path() / "server.py";
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
  sync_fs::path log_;
  pid_t pid_ = -1;
  int pipe_ = -1;
  int port_ = 0;
};

struct Setup {
  TempFolder dir;
  sync_fs::path www = dir.path() / "www";
  sync_fs::path served = www / "kiosk";
  kiosk::BundleStore store{dir.path() / "state"};
  std::vector<std::string> logged;
  std::mutex log_mutex;
  Setup() {
    std::string why;
    REQUIRE(store.prepare(why));
    store.set_trust(testing::test_trust());
    testing::write_bundle(served, testing::fixture_bundle());
  }
  std::unique_ptr<kiosk::Syncer> syncer(const std::string& source, kiosk::SyncTiming timing = {}) {
    auto s = std::make_unique<kiosk::Syncer>(source, store, timing, 0);
    // Not the journal: a test's own list (the worker thread appends while tests read).
    s->set_log([this](const std::string& line) {
      std::lock_guard<std::mutex> lock(log_mutex);
      logged.push_back(line);
    });
    kiosk::HttpLimits fast;
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

// Lines of the server's log starting with `prefix`.
inline int count_lines(const std::string& log, const std::string& prefix) {
  int n = 0;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) n += line.rfind(prefix, 0) == 0;
  return n;
}

}  // namespace hgj::testing
