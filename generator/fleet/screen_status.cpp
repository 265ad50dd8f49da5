#include "fleet/screen_status.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "hgj/files.h"
#include "hgj/language.h"

namespace hgj {

namespace fs = std::filesystem;

namespace {

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// Screens older than this hgj may lack a key: each is optional, only its type is held.
template <class T>
bool read_key(const nlohmann::json& j, const char* key, T& out, std::string& why) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return true;
  try {
    out = it->get<T>();
    return true;
  } catch (const nlohmann::json::exception&) {
    why = say(std::string("“") + key + "”的值类型不对",
              std::string("\"") + key + "\" has the wrong type");
    return false;
  }
}

bool read_instant(const nlohmann::json& j, const char* key, Instant& out, std::string& why) {
  std::string text;
  if (!read_key(j, key, text, why)) return false;
  if (text.empty()) return true;
  const std::optional<Instant> t = parse_utc_instant(text);
  if (!t) {
    why = say(std::string("“") + key + "”不是时间：" + text,
              std::string("\"") + key + "\" is not a time: " + text);
    return false;
  }
  out = *t;
  return true;
}

}  // namespace

std::optional<Instant> parse_utc_instant(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  char z = 0;
  if (text.size() != 20 ||
      std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z) != 7 ||
      z != 'Z' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
    return std::nullopt;
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
         h * 3600 + mi * 60 + s;
}

std::optional<ScreenStatus> parse_screen_status(const std::string& text, std::string& why) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    why = say("不是 JSON 对象（可能没写完）", "not a JSON object (perhaps written halfway)");
    return std::nullopt;
  }
  ScreenStatus s;
  if (!read_key(j, "screen", s.screen, why)) return std::nullopt;
  if (s.screen.empty()) {
    why = say("缺少“screen”（屏幕编号）", "\"screen\" (the screen's id) is missing");
    return std::nullopt;
  }
  if (!read_key(j, "building", s.building, why) || !read_key(j, "state", s.state, why) ||
      !read_instant(j, "bundle_generated_at", s.bundle_generated_at, why) ||
      !read_instant(j, "last_sync", s.last_sync, why) ||
      !read_key(j, "last_error", s.last_error, why) ||
      !read_key(j, "uptime_seconds", s.uptime_seconds, why) ||
      !read_key(j, "rss_bytes", s.rss_bytes, why) || !read_key(j, "software", s.software, why) ||
      !read_instant(j, "sent_at", s.sent_at, why))
    return std::nullopt;
  if (const auto d = j.find("display"); d != j.end() && d->is_object()) {
    if (!read_key(*d, "width", s.display_width, why) ||
        !read_key(*d, "height", s.display_height, why))
      return std::nullopt;
  }
  if (s.sent_at == 0) {
    why = say("缺少“sent_at”（发送时间）", "\"sent_at\" (when it was sent) is missing");
    return std::nullopt;
  }
  return s;
}

StatusFolder read_status_folder(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw std::runtime_error(
        say("--status \"" + dir.string() + "\" 不是文件夹（屏幕上报状态的文件夹）",
            "--status \"" + dir.string() + "\" is not a folder (where screens put their status)"));
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    // nginx's dav module writes to a temporary file and renames it: only whole documents here.
    if (it->path().extension() == ".json" && it->is_regular_file(ec)) files.push_back(it->path());
  }
  if (ec)
    throw std::runtime_error(say("读不了状态文件夹 \"" + dir.string() + "\"：",
                                 "cannot read the status folder \"" + dir.string() + "\": ") +
                             ec.message());
  std::sort(files.begin(), files.end());
  StatusFolder folder;
  for (const fs::path& file : files) {
    std::string why;
    const std::optional<std::string> text = read_whole_file(file);
    std::optional<ScreenStatus> s;
    if (!text)
      why = say("读不了", "cannot be read");
    else
      s = parse_screen_status(*text, why);
    if (!s) {
      folder.problems.push_back(file.string() + ": " + why);
      continue;
    }
    s->file = file.string();
    folder.screens.push_back(std::move(*s));
  }
  return folder;
}

}  // namespace hgj
