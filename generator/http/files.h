// How a request path maps onto a folder served as it is (the preview's output; the
// workbench's static files): the only way generator/http/ reads a file for a URL.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace hgj::http {

struct Resolved {
  int status = 200;            // 200, 301 (to add a trailing slash), 400 or 404
  std::filesystem::path file;  // when 200
  std::string location;        // when 301
};

// Decodes a percent-encoded request path ("/building/dpb-03/") and finds the file under
// `root`: a folder means its index.html. A bad escape, a NUL byte, a backslash or a ".."
// segment, encoded or not, is 400; a file that a symbolic link leads outside `root` and a
// hidden file (".name") are 404, as if they were not there.
Resolved resolve_path(const std::filesystem::path& root, std::string_view url_path);

// The Content-Type for a file name: text types with "; charset=utf-8".
std::string content_type(const std::filesystem::path& file);

}  // namespace hgj::http
