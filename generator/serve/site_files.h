// How `hgj serve` maps a request path onto the built output folder.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace hgj::serve {

struct Resolved {
  int status = 200;             // 200, 301 (to add a trailing slash), 400, 403 or 404
  std::filesystem::path file;   // when 200
  std::string location;         // when 301
};

// Decodes a percent-encoded request path ("/building/dpb-03/") and finds the file under
// `root`: a folder means its index.html. ".." segments, NUL bytes and bad escapes are
// refused; so is any file that a symbolic link leads outside `root`. Hidden files
// (".name") are not served.
Resolved resolve_path(const std::filesystem::path& root, std::string_view url_path);

// The Content-Type for a file name: text types with "; charset=utf-8".
std::string content_type(const std::filesystem::path& file);

}  // namespace hgj::serve
