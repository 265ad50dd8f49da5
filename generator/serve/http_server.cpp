#include "serve/http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <system_error>

namespace hgj::serve {

namespace {

constexpr std::size_t max_header_bytes = 16 * 1024;
constexpr std::size_t max_body_bytes = 64 * 1024;  // GET and HEAD carry none; be lenient
constexpr std::size_t max_connections = 128;

using Clock = std::chrono::steady_clock;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch()).count();
}

std::system_error os_error(const char* what) { return {errno, std::generic_category(), what}; }

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(" \t") - first + 1));
}

bool send_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Appends what arrives before `deadline` (steady clock, ms); false once it has passed, and
// on close or error. A deadline, not a timeout per read: a client sending a byte now and
// then does not keep its connection any longer.
bool receive_more(int fd, std::string& buffer, std::int64_t deadline) {
  pollfd p{fd, POLLIN, 0};
  int ready;
  do {
    const std::int64_t left = deadline - now_ms();
    if (left <= 0) return false;
    ready = ::poll(&p, 1, static_cast<int>(left));
  } while (ready < 0 && errno == EINTR);
  if (ready <= 0) return false;
  char chunk[8192];
  ssize_t n;
  do n = ::recv(fd, chunk, sizeof chunk, 0);
  while (n < 0 && errno == EINTR);
  if (n <= 0) return false;
  buffer.append(chunk, static_cast<std::size_t>(n));
  return true;
}

struct Head {
  std::string method, target, version;
  std::map<std::string, std::string> headers;  // names lower-cased
};

std::optional<Head> parse_head(std::string_view text) {
  Head head;
  const auto line_end = text.find("\r\n");
  const std::string_view request_line = text.substr(0, line_end);
  const auto sp1 = request_line.find(' ');
  const auto sp2 = request_line.rfind(' ');
  if (sp1 == std::string_view::npos || sp2 == sp1) return std::nullopt;
  head.method = request_line.substr(0, sp1);
  head.target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
  head.version = request_line.substr(sp2 + 1);
  if (!head.version.starts_with("HTTP/1.") || head.target.empty()) return std::nullopt;
  std::size_t at = line_end == std::string_view::npos ? text.size() : line_end + 2;
  while (at < text.size()) {
    auto end = text.find("\r\n", at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(at, end - at);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    head.headers[lower(std::string(line.substr(0, colon)))] = trim(line.substr(colon + 1));
    at = end + 2;
  }
  return head;
}

std::string header(const Head& head, const std::string& name) {
  auto found = head.headers.find(name);
  return found == head.headers.end() ? std::string() : found->second;
}

// Only names that point at this machine: a page from elsewhere that resolves its own
// host name to 127.0.0.1 (DNS rebinding) gets nothing.
bool local_host(const std::string& host) {
  std::string name = lower(host);
  if (const auto colon = name.rfind(':'); colon != std::string::npos) name.erase(colon);  // the port
  return name.empty() || name == "127.0.0.1" || name == "localhost";
}

std::string serialize(const HttpResponse& r, bool head_only, bool keep_alive) {
  std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + status_text(r.status) + "\r\n";
  if (!r.content_type.empty()) out += "Content-Type: " + r.content_type + "\r\n";
  out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
  out += "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n";
  for (const auto& [name, value] : r.headers) out += name + ": " + value + "\r\n";
  out += keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
  if (!head_only) out += r.body;
  return out;
}

HttpResponse plain(int status, std::string text) {
  return {status, "text/plain; charset=utf-8", std::move(text) + "\n", {}};
}

}  // namespace

const char* status_text(int status) {
  switch (status) {
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

HttpServer::HttpServer(int port, Handler handler, int request_timeout_ms)
    : handler_(std::move(handler)), request_timeout_ms_(request_timeout_ms) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw os_error("socket");
  const int on = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listen_fd_, 64) != 0) {
    const auto error = os_error(("127.0.0.1:" + std::to_string(port)).c_str());
    ::close(listen_fd_);
    throw error;
  }
  socklen_t length = sizeof address;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wake_fd_ < 0) {
    const auto error = os_error("eventfd");
    ::close(listen_fd_);
    throw error;
  }
}

HttpServer::~HttpServer() {
  stop();
  ::close(listen_fd_);
  ::close(wake_fd_);
}

void HttpServer::start() { acceptor_ = std::thread([this] { accept_loop(); }); }

void HttpServer::stop() {
  if (stopping_.exchange(true)) return;
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto written = ::write(wake_fd_, &one, sizeof one);
  if (acceptor_.joinable()) acceptor_.join();
  {
    std::lock_guard lock(connections_mutex_);
    for (Connection& c : connections_) ::shutdown(c.fd, SHUT_RDWR);
  }
  for (Connection& c : connections_) {
    if (c.thread.joinable()) c.thread.join();
    ::close(c.fd);
  }
  connections_.clear();
}

void HttpServer::reap_finished() {
  std::lock_guard lock(connections_mutex_);
  for (auto it = connections_.begin(); it != connections_.end();) {
    if (!it->done) {
      ++it;
      continue;
    }
    it->thread.join();
    ::close(it->fd);
    it = connections_.erase(it);
  }
}

void HttpServer::accept_loop() {
  pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
  while (!stopping_) {
    // Wakes at least once a second to join finished connection threads.
    if (::poll(fds, 2, 1000) < 0 && errno != EINTR) break;
    reap_finished();
    if (stopping_ || (fds[0].revents & POLLIN) == 0) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    std::lock_guard lock(connections_mutex_);
    if (!make_room()) {
      send_all(fd, serialize(plain(503, "too many connections"), false, false));
      ::close(fd);
      continue;
    }
    Connection& c = connections_.emplace_back();
    c.fd = fd;
    c.waiting_since = now_ms();
    c.thread = std::thread([this, &c] {
      serve_connection(c);
      c.done = true;
    });
  }
}

// With every slot taken, the connection that has waited longest for its request is
// closed: 128 slow or idle clients then cannot keep a new one out. Connections inside
// the handler (a long poll) are never closed this way. False when none can go.
// REQUIRES: connections_mutex_ held.
bool HttpServer::make_room() {
  std::size_t open = 0;
  Connection* oldest = nullptr;
  for (Connection& c : connections_) {
    if (c.done || c.evicted) continue;
    ++open;
    if (c.waiting && (!oldest || c.waiting_since < oldest->waiting_since)) oldest = &c;
  }
  if (open < max_connections) return true;
  if (!oldest) return false;
  oldest->evicted = true;
  ::shutdown(oldest->fd, SHUT_RDWR);  // its thread sees the close and ends; reaped later
  return true;
}

void HttpServer::serve_connection(Connection& c) {
  std::string buffer;
  while (!stopping_) {
    // The whole request, head and body, must arrive within the deadline, counted from
    // when the server starts waiting for it (also between kept-alive requests).
    const std::int64_t deadline = now_ms() + request_timeout_ms_;
    c.waiting_since = now_ms();
    c.waiting = true;
    const auto give_up = [&] {
      // Part of a request and then too slow: say so; an idle connection just closes.
      if (!buffer.empty() && !c.evicted) send_all(c.fd, serialize(plain(408, "request timeout"), false, false));
    };
    std::size_t end;
    while ((end = buffer.find("\r\n\r\n")) == std::string::npos) {
      if (buffer.size() > max_header_bytes) {
        send_all(c.fd, serialize(plain(431, "request header too large"), false, false));
        return;
      }
      if (!receive_more(c.fd, buffer, deadline)) return give_up();
    }
    const std::optional<Head> head = parse_head(std::string_view(buffer).substr(0, end));
    buffer.erase(0, end + 4);
    if (!head) {
      send_all(c.fd, serialize(plain(400, "bad request"), false, false));
      return;
    }
    if (!header(*head, "transfer-encoding").empty()) {
      send_all(c.fd, serialize(plain(501, "request bodies are not supported"), false, false));
      return;
    }
    // Skip a body nobody asked for, so the next request on the connection parses.
    const std::string length_text = header(*head, "content-length");
    const std::size_t length = length_text.empty() ? 0 : std::strtoull(length_text.c_str(), nullptr, 10);
    if (length > max_body_bytes) {
      send_all(c.fd, serialize(plain(413, "request body too large"), false, false));
      return;
    }
    while (buffer.size() < length) {
      if (!receive_more(c.fd, buffer, deadline)) return give_up();
    }
    buffer.erase(0, length);
    c.waiting = false;

    const std::string connection = lower(header(*head, "connection"));
    const bool keep_alive = head->version == "HTTP/1.1" ? connection != "close" : connection == "keep-alive";
    const bool head_only = head->method == "HEAD";
    HttpResponse response;
    if (head->method != "GET" && head->method != "HEAD") {
      response = plain(405, "only GET and HEAD");
      response.headers.emplace_back("Allow", "GET, HEAD");
    } else if (head->target.front() != '/') {
      response = plain(400, "bad request target");
    } else if (!local_host(header(*head, "host"))) {
      response = plain(403, "hgj serve answers only to 127.0.0.1 and localhost");
    } else {
      HttpRequest request{head->method, head->target, head->target, {}};
      if (const auto q = request.path.find('?'); q != std::string::npos) {
        request.query = request.path.substr(q + 1);
        request.path.erase(q);
      }
      if (const auto hash = request.path.find('#'); hash != std::string::npos) request.path.erase(hash);
      try {
        response = handler_(request);
      } catch (const std::exception& e) {
        response = plain(500, std::string("internal error: ") + e.what());
      }
    }
    if (!send_all(c.fd, serialize(response, head_only, keep_alive)) || !keep_alive) return;
  }
}

}  // namespace hgj::serve
