// Which handler answers a request: routes by method and path, exact ("/__hgj/wait") or
// a prefix ("/*": that folder and everything below). A path some route knows but not for
// this method is 405 with the Allow header; a path no route knows is 404. HEAD is
// answered by the GET route (the server drops the body).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/message.h"

namespace hgj::http {

// May be called from several threads at once, and may block (a long poll): it must return
// soon once the server is stopping.
using Handler = std::function<Response(const Request&)>;

class Routes {
 public:
  // `pattern` is an exact path, or ends in "/*" for a prefix; the longest match wins.
  void add(std::string method, std::string pattern, Handler handler);
  void get(std::string pattern, Handler handler) {
    add("GET", std::move(pattern), std::move(handler));
  }

  Response dispatch(const Request& request) const;

 private:
  struct Route {
    std::string method;
    std::string path;  // without the "*" of a prefix
    bool prefix;
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace hgj::http
