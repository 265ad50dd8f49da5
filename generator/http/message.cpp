#include "http/message.h"

namespace hgj::http {

std::string_view Request::header(std::string_view name) const {
  for (const auto& field : headers) {
    if (field.first == name) return field.second;
  }
  return {};
}

Response text_response(int status, std::string message) {
  return {status, "text/plain; charset=utf-8", std::move(message) + "\n", {}};
}

const char* status_text(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 301:
      return "Moved Permanently";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 401:
      return "Unauthorized";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 413:
      return "Content Too Large";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    default:
      return "Unknown";
  }
}

}  // namespace hgj::http
