#include "http/files.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace hgj::http {

namespace fs = std::filesystem;

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int high = hex_value(text[i + 1]);
    const int low = hex_value(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

// Whether `inner` is `outer` or inside it (both canonical).
bool contains(const fs::path& outer, const fs::path& inner) {
  const auto [end, unused] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  return end == outer.end();
}

}  // namespace

Resolved resolve_path(const fs::path& root, std::string_view url_path) {
  const std::optional<std::string> decoded = percent_decode(url_path);
  if (!decoded || decoded->empty() || decoded->front() != '/' ||
      decoded->find_first_of(std::string_view("\0\\", 2)) != std::string::npos) {
    return {400, {}, {}};
  }
  fs::path relative;
  std::size_t start = 1;
  while (start <= decoded->size()) {
    std::size_t end = decoded->find('/', start);
    if (end == std::string::npos) end = decoded->size();
    const std::string segment = decoded->substr(start, end - start);
    start = end + 1;
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") return {400, {}, {}};
    if (segment.front() == '.') return {404, {}, {}};
    relative /= segment;
  }

  std::error_code ec;
  fs::path file = root / relative;
  if (fs::is_directory(file, ec)) {
    if (decoded->back() != '/') return {301, {}, std::string(url_path) + "/"};
    file /= "index.html";
  }
  if (!fs::is_regular_file(file, ec)) return {404, {}, {}};
  const fs::path real_root = fs::canonical(root, ec);
  const fs::path real_file = fs::canonical(file, ec);
  if (ec || !contains(real_root, real_file)) return {404, {}, {}};
  return {200, file, {}};
}

std::string content_type(const fs::path& file) {
  static const std::pair<const char*, const char*> types[] = {
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".ics", "text/calendar; charset=utf-8"},
      {".atom", "application/atom+xml"},
      {".rss", "application/rss+xml"},
      {".xml", "application/xml"},
      {".txt", "text/plain; charset=utf-8"},
      {".csv", "text/csv; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".avif", "image/avif"},
      {".ico", "image/x-icon"},
      {".pdf", "application/pdf"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".ttf", "font/ttf"},
      {".otf", "font/otf"},
      {".zip", "application/zip"},
  };
  std::string extension = file.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& [suffix, type] : types) {
    if (extension == suffix) return type;
  }
  return "application/octet-stream";
}

}  // namespace hgj::http
