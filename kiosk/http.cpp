#include "http.h"

#include <curl/curl.h>

#include <cctype>
#include <mutex>

namespace hgj::kiosk {

namespace {

struct Transfer {
  HttpResult* result;
  std::uint64_t max_bytes;
  const std::atomic<bool>* cancel;
  bool too_big = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t n = size * count;
  if (t->result->body.size() + n > t->max_bytes) {
    t->too_big = true;
    return 0;  // aborts the transfer
  }
  t->result->body.append(data, n);
  return n;
}

std::string trimmed(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::string line(data, size * count);
  const std::size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == "etag") t->result->etag = trimmed(line.substr(colon + 1));
    if (name == "last-modified") t->result->last_modified = trimmed(line.substr(colon + 1));
  }
  return size * count;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  return t->cancel && t->cancel->load() ? 1 : 0;
}

}  // namespace

void http_global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

namespace {

// "http://host:80" with the default port filled in and the host lowercased; "" when the
// URL does not parse.
std::string origin_of(const std::string& url) {
  CURLU* u = curl_url();
  std::string origin;
  char *scheme = nullptr, *host = nullptr, *port = nullptr;
  if (u && curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) {
    origin = std::string(scheme) + "://" + host + ":" + port;
    for (char& c : origin) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  curl_free(scheme);
  curl_free(host);
  curl_free(port);
  curl_url_cleanup(u);
  return origin;
}

// A redirect is followed only to https, or within the origin first asked: a plain-http
// hop elsewhere would hand the kiosk to whoever answers there.
bool redirect_allowed(const std::string& from, const std::string& to) {
  const std::string target = origin_of(to);
  return !target.empty() && (target.rfind("https://", 0) == 0 || target == origin_of(from));
}

constexpr long max_redirects = 5;

// One request on `curl`, no redirects followed; `location` gets a 3xx answer's target.
// The handle is reset, not replaced: its connection cache keeps the server's connection
// open for the next request.
void perform(CURL* curl, const std::string& url, curl_slist* headers, const HttpLimits& limits,
             Transfer& transfer, std::string& location, const std::string* put_body = nullptr) {
  HttpResult& result = *transfer.result;
  if (!curl) return void(result.error = "cannot start libcurl");
  curl_easy_reset(curl);
  char error[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, limits.connect_seconds);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, limits.total_seconds);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "hgj-kiosk/" HGJ_VERSION);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  if (put_body) {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "PUT");
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, put_body->data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(put_body->size()));
  }
  const CURLcode code = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  char* target = nullptr;
  if (code == CURLE_OK && curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &target) == CURLE_OK &&
      target)
    location = target;
  if (transfer.too_big)
    result.error = "larger than " + std::to_string(limits.max_bytes) + " bytes";
  else if (code != CURLE_OK)
    result.error = error[0] ? error : curl_easy_strerror(code);
  // The error buffer is this frame's: libcurl must not write to it after we return.
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
}

}  // namespace

HttpClient::HttpClient() {
  http_global_init();
  curl_ = curl_easy_init();
}

HttpClient::~HttpClient() {
  if (curl_) curl_easy_cleanup(curl_);
}

HttpResult HttpClient::get(const std::string& url, const std::string& etag,
                           const std::string& last_modified, const HttpLimits& limits,
                           const std::atomic<bool>* cancel) {
  HttpResult result;
  curl_slist* headers = nullptr;
  for (const std::string& h : headers_) headers = curl_slist_append(headers, h.c_str());
  if (!etag.empty()) headers = curl_slist_append(headers, ("If-None-Match: " + etag).c_str());
  if (!last_modified.empty())
    headers = curl_slist_append(headers, ("If-Modified-Since: " + last_modified).c_str());
  std::string at = url;
  for (long hops = 0;; ++hops) {
    result = HttpResult{};
    Transfer transfer{&result, limits.max_bytes, cancel};
    std::string location;
    perform(curl_, at, headers, limits, transfer, location);
    if (!result.error.empty() || location.empty() || result.status < 300 || result.status > 399)
      break;
    if (hops == max_redirects) {
      result.error = "more than " + std::to_string(max_redirects) + " redirects";
      break;
    }
    if (!redirect_allowed(url, location)) {
      result.error = "redirected to " + location + ", refused: only https or " + origin_of(url) +
                     " is followed";
      break;
    }
    at = location;
  }
  curl_slist_free_all(headers);
  return result;
}

HttpResult HttpClient::put(const std::string& url, const std::string& body,
                           const std::string& content_type, const HttpLimits& limits,
                           const std::atomic<bool>* cancel) {
  HttpResult result;
  curl_slist* headers = nullptr;
  for (const std::string& h : headers_) headers = curl_slist_append(headers, h.c_str());
  headers = curl_slist_append(headers, ("Content-Type: " + content_type).c_str());
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip for a small body
  Transfer transfer{&result, limits.max_bytes, cancel};
  std::string location;
  perform(curl_, url, headers, limits, transfer, location, &body);
  curl_slist_free_all(headers);
  return result;
}

std::string describe(const HttpResult& r) {
  if (!r.error.empty()) return r.error;
  return "HTTP status " + std::to_string(r.status);
}

}  // namespace hgj::kiosk
