// What a handler of generator/http/ sees and returns: a request already read whole and
// within its limits, and a response the server completes (Content-Length, Connection,
// the default headers) and sends, without its body for HEAD.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hgj::http {

struct Request {
  std::string method;  // as sent: GET, HEAD, POST …
  std::string target;  // as sent: /building/dpb-03/?x=1
  std::string path;    // target without query and fragment, still percent-encoded
  std::string query;   // after '?', may be empty
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;                                          // at most Limits::body_bytes
  std::string remote;  // the client's address (127.0.0.1, ::1 …), as the socket has it

  // The first header of that (lower-case) name, or "".
  std::string_view header(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type;
  std::string body;  // HEAD responses send its length but not the bytes
  std::vector<std::pair<std::string, std::string>> headers;  // extra: Location, Allow …
};

// A short text/plain answer: the message and a newline.
Response text_response(int status, std::string message);

// "Not Found" for 404 and so on.
const char* status_text(int status);

}  // namespace hgj::http
