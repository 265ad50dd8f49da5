// A small HTTP/1.1 server for `hgj serve`: 127.0.0.1 only, GET and HEAD, persistent
// connections, one thread per connection (a preview has a handful of clients, and a
// long-polling page needs its connection to block). Not for the public internet. A
// request must arrive whole within a deadline, and with every slot taken the longest-
// waiting connection makes room, so slow clients cannot lock the preview out.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace hgj::serve {

struct HttpRequest {
  std::string method;  // GET or HEAD (others are refused before the handler)
  std::string target;  // as sent: /building/dpb-03/?x=1
  std::string path;    // target without the query, still percent-encoded
  std::string query;   // after '?', may be empty
};

struct HttpResponse {
  int status = 200;
  std::string content_type;
  std::string body;  // HEAD responses send its length but not the bytes
  std::vector<std::pair<std::string, std::string>> headers;  // extra: Location, Allow …
};

class HttpServer {
 public:
  // May be called from several connection threads at once, and may block (long polls):
  // it must return soon once the server is stopping.
  using Handler = std::function<HttpResponse(const HttpRequest&)>;

  // How long a client has to send a whole request (head and body), counted from when the
  // server starts waiting for it; then the connection is closed.
  static constexpr int default_request_timeout_ms = 15'000;

  // Binds 127.0.0.1:port (0: a free port the system picks) and listens; accepts nothing
  // until start(). Throws std::system_error (e.g. the port is taken).
  HttpServer(int port, Handler handler, int request_timeout_ms = default_request_timeout_ms);
  ~HttpServer();  // stop()
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const { return port_; }
  void start();
  // Stops accepting, shuts every open connection down and joins their threads.
  void stop();

 private:
  struct Connection {
    int fd;
    std::atomic<bool> done{false};
    std::atomic<bool> waiting{true};            // for its next request, not in the handler
    std::atomic<std::int64_t> waiting_since{0};  // steady clock, ms
    std::atomic<bool> evicted{false};           // shut down by make_room()
    std::thread thread;
  };

  void accept_loop();
  bool make_room();
  void serve_connection(Connection& c);
  void reap_finished();

  Handler handler_;
  int request_timeout_ms_;
  int listen_fd_ = -1;
  int wake_fd_ = -1;  // an eventfd that interrupts accept_loop's poll
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  std::mutex connections_mutex_;
  std::list<Connection> connections_;
};

// "Not Found" for 404 and so on.
const char* status_text(int status);

}  // namespace hgj::serve
