// The HTTP/1.1 server of generator/http/, on Boost.Beast and Boost.Asio: `hgj serve` uses
// it now, and it is built for a workbench facing a LAN (logins, uploads). Every limit is
// enforced before a handler sees anything:
// - a request head over Limits::header_bytes is 431, a body over Limits::body_bytes 413,
//   a malformed request 400, and then the connection closes;
// - a request must arrive whole within Limits::request_time, counted from when the server
//   starts waiting for it (a client sending a byte now and then gains nothing): 408 if
//   part of it came, else the idle connection just closes; a response must be taken
//   within Limits::response_time;
// - at most Limits::connections are open; with every slot taken, the connection that has
//   waited longest for its request (idle or slow) makes room, and one inside its handler
//   (a long poll) never does: slow clients cannot lock the others out;
// - a Host header outside ServerOptions::hosts is 403 (DNS rebinding).
// Connections stay open between requests (keep-alive); HEAD gets the GET answer's headers.
// Reading and writing happen on one thread; handlers run on Workers threads, so one that
// blocks holds up only its own connection.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "http/message.h"
#include "http/routes.h"

namespace hgj::http {

struct Limits {
  std::size_t header_bytes = 16 * 1024;
  std::size_t body_bytes = 64 * 1024;  // uploads raise it for their own server
  std::chrono::milliseconds request_time{15'000};
  std::chrono::milliseconds response_time{15'000};
  std::size_t connections = 128;
};

struct ServerOptions {
  std::string address = "127.0.0.1";  // an IPv4 or IPv6 address to listen on
  int port = 0;                       // 0: a free port the system picks
  Limits limits;
  // Host header names answered (any port; lower case); empty: any. A request without
  // Host (HTTP/1.0) is answered.
  std::vector<std::string> hosts;
};

class Server {
 public:
  // Binds and listens; accepts nothing until start(). Throws std::system_error (e.g. the
  // port is taken: std::errc::address_in_use).
  Server(ServerOptions options, Handler handler);
  ~Server();  // stop()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const;
  void start();
  // Stops accepting, closes every connection, waits for running handlers (which must
  // return soon: release long polls first) and joins every thread.
  void stop();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace hgj::http
