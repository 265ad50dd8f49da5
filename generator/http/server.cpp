#include "http/server.h"

#include <algorithm>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <future>
#include <list>
#include <optional>
#include <system_error>
#include <thread>

#include "hgj/language.h"
#include "http/workers.h"

namespace hgj::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

// How long a connection closed after an error answer keeps reading what the client still
// sends, so that closing it does not reset the connection before the answer is read.
constexpr std::chrono::seconds linger{2};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// "127.0.0.1:1313" → "127.0.0.1", "[::1]:80" → "[::1]".
std::string host_name(std::string_view host) {
  std::string name = lower(host);
  const auto colon = name.rfind(':');
  if (colon != std::string::npos && name.find(']', colon) == std::string::npos) name.erase(colon);
  return name;
}

// Beast 1.74 speaks boost::string_view.
std::string str(beast::string_view text) { return {text.data(), text.size()}; }

std::system_error to_std(const boost::system::error_code& ec, const std::string& what) {
  return {ec.value(), std::generic_category(), what};
}

}  // namespace

class Connection;

struct Server::Impl {
  Impl(ServerOptions o, Handler h) : options(std::move(o)), handler(std::move(h)) {}

  void accept();
  void admit(tcp::socket socket);
  bool make_room();
  void forget(Connection* c);

  ServerOptions options;
  Handler handler;
  asio::io_context io{1};
  tcp::acceptor acceptor{io};
  std::list<std::shared_ptr<Connection>> connections;  // io thread only
  Workers workers;
  std::thread io_thread;
  bool stopped = false;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  enum class State { reading, handling, writing, closing, closed };

  Connection(Server::Impl& server, tcp::socket socket)
      : server_(server), socket_(std::move(socket)), timer_(server.io) {}

  State state() const { return state_; }
  Clock::time_point waiting_since() const { return waiting_since_; }

  void read_request();
  // Closes at once (eviction, stop): no answer.
  void close();

 private:
  void arm(std::chrono::milliseconds limit);
  void on_read(beast::error_code ec);
  void handle(Request request, bool keep_alive, bool head_only);
  void refuse(int status, std::string message);
  void write(const Response& response, bool keep_alive, bool head_only);
  void finish_close();

  Server::Impl& server_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  unsigned deadline_ = 0;  // which arm() the running timer belongs to
  bool timed_out_ = false;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::shared_ptr<void> message_;  // the response being written
  State state_ = State::reading;
  Clock::time_point waiting_since_ = Clock::now();
  char scratch_[512];
};

// The deadline for what the connection does next: when it passes, the pending read or
// write is cancelled and its handler sees timed_out_.
void Connection::arm(std::chrono::milliseconds limit) {
  const unsigned id = ++deadline_;
  timed_out_ = false;
  timer_.expires_after(limit);
  timer_.async_wait([self = shared_from_this(), id](beast::error_code ec) {
    if (ec || id != self->deadline_ || self->state_ == Connection::State::closed) return;
    self->timed_out_ = true;
    beast::error_code ignored;
    self->socket_.cancel(ignored);
  });
}

void Connection::read_request() {
  state_ = State::reading;
  waiting_since_ = Clock::now();
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(server_.options.limits.header_bytes));
  parser_->body_limit(server_.options.limits.body_bytes);
  arm(server_.options.limits.request_time);
  bhttp::async_read(
      socket_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
}

void Connection::on_read(beast::error_code ec) {
  if (state_ != State::reading) return;  // closed meanwhile (evicted, stopping)
  ++deadline_;
  timer_.cancel();
  if (timed_out_) {
    // Part of a request and then too slow: say so; an idle connection just closes.
    if (buffer_.size() > 0 || parser_->got_some())
      return refuse(408, say("请求超时", "request timeout"));
    return close();
  }
  if (ec == bhttp::error::header_limit)
    return refuse(431, say("请求头太大", "request header too large"));
  if (ec == bhttp::error::body_limit)
    return refuse(413, say("请求内容太大", "request body too large"));
  if (ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
      ec == asio::error::connection_reset || ec == asio::error::operation_aborted) {
    return close();
  }
  if (ec) return refuse(400, say("请求格式有误", "bad request"));

  auto message = parser_->release();
  Request request;
  request.method = str(message.method_string());
  request.target = str(message.target());
  for (const auto& field : message)
    request.headers.emplace_back(lower(str(field.name_string())), str(field.value()));
  request.body = std::move(message.body());
  beast::error_code peer_error;
  const tcp::endpoint peer = socket_.remote_endpoint(peer_error);
  if (!peer_error) request.remote = peer.address().to_string();
  if (request.target.empty() || request.target.front() != '/') {
    return refuse(400, say("请求的地址有误", "bad request target"));
  }
  request.path = request.target.substr(0, request.target.find_first_of("?#"));
  if (const auto q = request.target.find('?'); q != std::string::npos) {
    request.query = request.target.substr(q + 1, request.target.find('#', q) - q - 1);
  }
  const auto& hosts = server_.options.hosts;
  const std::string_view host = request.header("host");
  if (!hosts.empty() && !host.empty() &&
      std::find(hosts.begin(), hosts.end(), host_name(host)) == hosts.end()) {
    std::string names;
    for (const std::string& h : hosts) names += (names.empty() ? "" : say("、", " and ")) + h;
    return refuse(403, say("只回答发给 " + names + " 的请求", "answers only to " + names));
  }
  handle(std::move(request), message.keep_alive(), message.method() == bhttp::verb::head);
}

void Connection::handle(Request request, bool keep_alive, bool head_only) {
  state_ = State::handling;
  auto self = shared_from_this();
  server_.workers.run([self, keep_alive, head_only, request = std::move(request)] {
    Response response;
    try {
      response = self->server_.handler(request);
    } catch (const std::exception& e) {
      response = text_response(500, say("服务器内部错误：", "internal error: ") + e.what());
    }
    asio::post(self->server_.io, [self, keep_alive, head_only, response = std::move(response)] {
      if (self->state_ == Connection::State::handling) self->write(response, keep_alive, head_only);
    });
  });
}

void Connection::refuse(int status, std::string message) {
  write(text_response(status, std::move(message)), false, false);
}

void Connection::write(const Response& r, bool keep_alive, bool head_only) {
  state_ = State::writing;
  bhttp::response<bhttp::string_body> message;
  message.version(11);
  message.result(static_cast<unsigned>(r.status));
  message.reason(status_text(r.status));
  if (!r.content_type.empty()) message.set(bhttp::field::content_type, r.content_type);
  message.content_length(r.body.size());
  bool cache_control = false;
  for (const auto& field : r.headers) {
    message.insert(beast::string_view(field.first), beast::string_view(field.second));
    cache_control = cache_control || lower(field.first) == "cache-control";
  }
  if (!cache_control) message.set(bhttp::field::cache_control, "no-store");
  message.set("X-Content-Type-Options", "nosniff");
  // Said in so many words: an HTTP/1.0 client keeps the connection only when told.
  message.set(bhttp::field::connection, keep_alive ? "keep-alive" : "close");
  arm(server_.options.limits.response_time);
  auto done = [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
    if (self->state_ != Connection::State::writing) return;
    ++self->deadline_;
    self->timer_.cancel();
    self->message_.reset();
    if (ec || self->timed_out_) return self->close();
    if (keep_alive) return self->read_request();
    self->finish_close();
  };
  if (head_only) {
    // The GET answer's headers, Content-Length included, and no body.
    auto head = std::make_shared<bhttp::response<bhttp::empty_body>>(std::move(message.base()));
    message_ = head;
    bhttp::async_write(socket_, *head, std::move(done));
  } else {
    message.body() = r.body;
    auto full = std::make_shared<bhttp::response<bhttp::string_body>>(std::move(message));
    message_ = full;
    bhttp::async_write(socket_, *full, std::move(done));
  }
}

// After the last answer: no more to send, and what the client still sends is read and
// dropped for a moment, so the answer reaches it before the connection goes.
void Connection::finish_close() {
  state_ = State::closing;
  waiting_since_ = Clock::time_point::min();  // the first to make room
  beast::error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_send, ignored);
  arm(std::chrono::duration_cast<std::chrono::milliseconds>(linger));
  struct Drain {
    std::shared_ptr<Connection> self;
    void operator()(beast::error_code ec, std::size_t) const {
      if (self->state_ != Connection::State::closing) return;
      if (ec || self->timed_out_) return self->close();
      self->socket_.async_read_some(asio::buffer(self->scratch_), Drain{self});
    }
  };
  socket_.async_read_some(asio::buffer(scratch_), Drain{shared_from_this()});
}

void Connection::close() {
  if (state_ == State::closed) return;
  state_ = State::closed;
  ++deadline_;
  timer_.cancel();
  beast::error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  server_.forget(this);
}

void Server::Impl::forget(Connection* c) {
  connections.remove_if([c](const std::shared_ptr<Connection>& p) { return p.get() == c; });
}

void Server::Impl::accept() {
  acceptor.async_accept(io, [this](beast::error_code ec, tcp::socket socket) {
    if (stopped || !acceptor.is_open()) return;
    if (!ec) admit(std::move(socket));
    accept();
  });
}

void Server::Impl::admit(tcp::socket socket) {
  if (connections.size() >= options.limits.connections && !make_room()) {
    // Every slot is inside a handler: a short answer that fits the socket's buffer.
    const std::string busy =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    beast::error_code ignored;
    socket.non_blocking(true, ignored);
    socket.write_some(asio::buffer(busy), ignored);
    socket.close(ignored);
    return;
  }
  auto c = std::make_shared<Connection>(*this, std::move(socket));
  connections.push_back(c);
  c->read_request();
}

// Closes the connection that has waited longest for its request (closing ones first).
// Connections in a handler or sending an answer are never chosen. False when none can go.
bool Server::Impl::make_room() {
  std::shared_ptr<Connection> oldest;
  for (const auto& c : connections) {
    const auto state = c->state();
    if (state != Connection::State::reading && state != Connection::State::closing) continue;
    if (!oldest || c->waiting_since() < oldest->waiting_since()) oldest = c;
  }
  if (!oldest) return false;
  oldest->close();
  return true;
}

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {
  const std::string where = impl_->options.address + ":" + std::to_string(impl_->options.port);
  beast::error_code ec;
  const auto address = asio::ip::make_address(impl_->options.address, ec);
  if (ec) throw to_std(ec, where);
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(impl_->options.port));
  tcp::acceptor& a = impl_->acceptor;
  a.open(endpoint.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(endpoint, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) throw to_std(ec, where);
}

Server::~Server() { stop(); }

int Server::port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::start() {
  impl_->accept();
  impl_->io_thread = std::thread([this] {
    // What one connection throws (memory, say) must not take the others down with it.
    for (;;) {
      try {
        impl_->io.run();
        return;
      } catch (const std::exception&) {
      }
    }
  });
}

void Server::stop() {
  Impl& s = *impl_;
  if (s.stopped) return;
  const auto close_all = [&s] {
    s.stopped = true;
    beast::error_code ignored;
    s.acceptor.close(ignored);
    const auto open = s.connections;  // close() removes from the list
    for (const auto& c : open) c->close();
  };
  if (s.io_thread.joinable()) {
    std::promise<void> closed;
    asio::post(s.io, [&] {
      close_all();
      closed.set_value();
    });
    closed.get_future().wait();
    s.io.stop();
    s.io_thread.join();
  } else {
    close_all();
  }
  // Handlers still running finish; their answers go nowhere.
  s.workers.stop();
}

}  // namespace hgj::http
