#include "hgj/screen_status.h"

#include <cmath>
#include <cstdio>

#include "hgj/bundle.h"
#include "hgj/language.h"

namespace hgj {

using json = nlohmann::ordered_json;

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

// An instant as "2026-11-23T08:00:00Z", or null for never.
json instant(Instant t) { return t > 0 ? json(iso8601_utc(t)) : json(); }

// Tenths of a millisecond: finer says nothing about a lobby screen.
double tenths(double ms) { return std::round(ms * 10) / 10; }

// Each key is optional (older screens lack some); only its type is held.
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

bool read_frame_times(const nlohmann::json& j, FrameTimes& f, std::string& why) {
  const auto it = j.find("frame_times");
  if (it == j.end() || !it->is_object()) return true;
  return read_key(*it, "frames", f.frames, why) && read_key(*it, "p50_ms", f.p50_ms, why) &&
         read_key(*it, "p95_ms", f.p95_ms, why) && read_key(*it, "max_ms", f.max_ms, why);
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

json screen_status_json(const ScreenStatus& s) {
  json j;
  j["format"] = 1;
  j["screen"] = s.screen;
  j["building"] = s.building;
  j["state"] = s.state;
  j["pairing_code"] = s.pairing_code;
  j["bundle_generated_at"] = instant(s.bundle_generated_at);
  j["last_sync"] = instant(s.last_sync);
  j["last_error"] = s.last_error;
  j["uptime_seconds"] = s.uptime_seconds;
  j["rss_bytes"] = s.rss_bytes;
  j["display"] = {{"width", s.display_width}, {"height", s.display_height}};
  j["frame_times"] = {{"frames", s.frame_times.frames},
                      {"p50_ms", tenths(s.frame_times.p50_ms)},
                      {"p95_ms", tenths(s.frame_times.p95_ms)},
                      {"max_ms", tenths(s.frame_times.max_ms)}};
  j["software"] = s.software;
  j["sent_at"] = instant(s.sent_at);
  return j;
}

std::string screen_status_document(const ScreenStatus& s) {
  return screen_status_json(s).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

namespace {

// A label value: backslash, double quote and newline escaped, as the format wants.
std::string label(const std::string& value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\' || c == '"')
      out += '\\', out += c;
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", v);
  return text;
}

}  // namespace

std::string screen_status_metrics(const ScreenStatus& s) {
  std::string out;
  const auto gauge = [&out](const char* name, const char* help, double value) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " gauge\n" + name +
           " " + number(value) + "\n";
  };
  out +=
      "# HELP hgj_kiosk_info What the screen shows and runs.\n"
      "# TYPE hgj_kiosk_info gauge\n"
      "hgj_kiosk_info{building=\"" +
      label(s.building) + "\",state=\"" + label(s.state) + "\",software=\"" + label(s.software) +
      "\",last_error=\"" + label(s.last_error) + "\"} 1\n";
  gauge("hgj_kiosk_bundle_generated_at_seconds",
        "When the bundle on screen was generated (Unix time, 0: none).",
        static_cast<double>(s.bundle_generated_at));
  gauge("hgj_kiosk_last_sync_seconds",
        "When the bundle source last answered (Unix time, 0: never).",
        static_cast<double>(s.last_sync));
  gauge("hgj_kiosk_sync_failing",
        "1 while the sync has a problem (see hgj_kiosk_info's last_error).",
        s.last_error.empty() ? 0 : 1);
  gauge("hgj_kiosk_uptime_seconds", "Seconds since hgj-kiosk started.",
        static_cast<double>(s.uptime_seconds));
  gauge("hgj_kiosk_resident_bytes", "Resident memory of hgj-kiosk.",
        static_cast<double>(s.rss_bytes));
  gauge("hgj_kiosk_display_width_pixels", "The picture's logical width.", s.display_width);
  gauge("hgj_kiosk_display_height_pixels", "The picture's logical height.", s.display_height);
  gauge("hgj_kiosk_frames", "Frames drawn since the last report.", s.frame_times.frames);
  out +=
      "# HELP hgj_kiosk_frame_milliseconds Time to draw a frame since the last report.\n"
      "# TYPE hgj_kiosk_frame_milliseconds gauge\n";
  for (const auto& [q, v] :
       {std::pair{"0.5", s.frame_times.p50_ms}, std::pair{"0.95", s.frame_times.p95_ms},
        std::pair{"1", s.frame_times.max_ms}})
    out += std::string("hgj_kiosk_frame_milliseconds{quantile=\"") + q + "\"} " +
           number(tenths(v)) + "\n";
  gauge("hgj_kiosk_report_timestamp_seconds", "When these figures were sent (Unix time).",
        static_cast<double>(s.sent_at));
  return out;
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
      !read_key(j, "pairing_code", s.pairing_code, why) ||
      !read_instant(j, "bundle_generated_at", s.bundle_generated_at, why) ||
      !read_instant(j, "last_sync", s.last_sync, why) ||
      !read_key(j, "last_error", s.last_error, why) ||
      !read_key(j, "uptime_seconds", s.uptime_seconds, why) ||
      !read_key(j, "rss_bytes", s.rss_bytes, why) || !read_frame_times(j, s.frame_times, why) ||
      !read_key(j, "software", s.software, why) || !read_instant(j, "sent_at", s.sent_at, why))
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

std::string screenshot_asks_document(const ScreenshotAsks& asks) {
  json j = json::object();
  for (const auto& [screen, at] : asks) j[screen] = iso8601_utc(at);
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::optional<ScreenshotAsks> parse_screenshot_asks(const std::string& text) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  ScreenshotAsks asks;
  for (const auto& [screen, at] : j.items()) {
    if (!at.is_string()) continue;
    if (const std::optional<Instant> t = parse_utc_instant(at.get<std::string>()))
      asks[screen] = *t;
  }
  return asks;
}

}  // namespace hgj
