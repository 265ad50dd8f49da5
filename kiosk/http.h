// HTTP GETs through libcurl, conditional on an ETag / Last-Modified, with timeouts
// and a size cap, cancellable from another thread (shutdown). The GETs of one client
// share one libcurl handle and so one kept-alive connection: a sync of a bundle's files
// costs the server one connection, not one per photo.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

typedef void CURL;

namespace hgj::kiosk {

struct HttpResult {
  long status = 0;  // 200, 304, 404 …; 0 when no answer
  std::string body;
  std::string etag, last_modified;
  std::string error;  // transport failure ("Timeout was reached"), empty otherwise
  bool ok() const { return error.empty() && status == 200; }
  bool not_modified() const { return error.empty() && status == 304; }
  bool stored() const {
    return error.empty() && status >= 200 && status <= 299;
  }  // a PUT's 201/204
};

struct HttpLimits {
  long connect_seconds = 10;
  long total_seconds = 120;
  std::uint64_t max_bytes = 64u << 20;
};

// Call once before any thread uses http_get().
void http_global_init();

class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sent with every request: "X-HGJ-Screen: …" lines.
  void set_headers(std::vector<std::string> headers) { headers_ = std::move(headers); }
  HttpResult get(const std::string& url, const std::string& etag, const std::string& last_modified,
                 const HttpLimits& limits, const std::atomic<bool>* cancel = nullptr);
  // Stores `body` at `url` (a WebDAV folder's file). Redirects are not followed: a
  // status folder that moved answers 3xx, which is a failure to report.
  HttpResult put(const std::string& url, const std::string& body, const std::string& content_type,
                 const HttpLimits& limits, const std::atomic<bool>* cancel = nullptr);

 private:
  CURL* curl_;
  std::vector<std::string> headers_;
};

// "status 404" / "Timeout was reached" — for log lines.
std::string describe(const HttpResult& r);

}  // namespace hgj::kiosk
