#include "status_report.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "hgj/language.h"
#include "hgj/pairing.h"

namespace hgj::kiosk {

std::string status_document(const StatusFacts& f) {
  nlohmann::ordered_json j;
  j["format"] = 1;
  j["screen"] = f.screen;
  j["building"] = f.building;
  j["state"] = f.state;
  j["pairing_code"] = f.pairing_code;
  // An instant as "2026-11-23T08:00:00Z", or null for never.
  const auto instant = [](Instant t) {
    return t > 0 ? nlohmann::ordered_json(iso8601_utc(t)) : nlohmann::ordered_json();
  };
  j["bundle_generated_at"] = instant(f.bundle_generated_at);
  j["last_sync"] = instant(f.last_sync);
  j["last_error"] = f.last_error;
  j["uptime_seconds"] = f.uptime_seconds;
  j["rss_bytes"] = f.rss_bytes;
  j["display"] = {{"width", f.display_width}, {"height", f.display_height}};
  j["software"] = f.software;
  j["sent_at"] = instant(f.sent_at);
  // A screen's last error may hold bytes that are not UTF-8 (a path): replaced, not thrown.
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::uint64_t resident_bytes() {
  std::ifstream in("/proc/self/statm");
  std::uint64_t size = 0, resident = 0;
  if (!(in >> size >> resident)) return 0;
  const long page = ::sysconf(_SC_PAGESIZE);
  return resident * static_cast<std::uint64_t>(page > 0 ? page : 4096);
}

std::string status_file_url(const std::string& folder_url, const std::string& screen) {
  static const char hex[] = "0123456789ABCDEF";
  std::string url = folder_url;
  if (url.empty() || url.back() != '/') url += '/';
  for (const char ch : screen) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
      url += ch;
    else
      url += '%', url += hex[c >> 4], url += hex[c & 15];
  }
  return url + ".json";
}

StatusReporter::StatusReporter(std::string folder_url, int interval_seconds, std::string screen,
                               std::string building, std::function<Instant()> now)
    : folder_url_(std::move(folder_url)),
      interval_(interval_seconds),
      screen_(std::move(screen)),
      building_(std::move(building)),
      now_(std::move(now)),
      started_(now_()) {
  log_ = [](const std::string& line) { std::fprintf(stderr, "hgj-kiosk: %s\n", line.c_str()); };
}

StatusFacts StatusReporter::facts(const BundleStore& store, const std::string& last_problem) const {
  StatusFacts f;
  f.screen = screen_;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    f.building = building_;
  }
  f.state = f.building.empty() ? "pairing" : "showing";
  f.pairing_code = pairing_code_display(pairing_code(screen_));
  BundleError ignored;
  if (const std::optional<Manifest> shown = parse_manifest(store.current_manifest(), ignored))
    f.bundle_generated_at = shown->generated_at;
  f.last_sync = store.last_synced();
  f.last_error = last_problem;
  f.sent_at = now_();
  f.uptime_seconds = std::max<Instant>(0, f.sent_at - started_);
  f.rss_bytes = resident_bytes();
  f.display_width = width_.load();
  f.display_height = height_.load();
  f.software = "hgj-kiosk " HGJ_VERSION;
  return f;
}

void StatusReporter::set_building(std::string building) {
  std::lock_guard<std::mutex> lock(mutex_);
  building_ = std::move(building);
}

std::string StatusReporter::last_problem() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return problem_;
}

bool StatusReporter::after_sync(const BundleStore& store, const std::string& last_problem,
                                const std::atomic<bool>* cancel) {
  if (!enabled()) return false;
  if (screen_.empty()) {
    // No /etc/machine-id and no [status] screen: nothing to name the report by.
    if (!said_no_id_)
      log_(
          say("状态上报关闭：本屏没有编号（没有 /etc/machine-id），请在 kiosk.toml 的 [status] "
              "里写 screen",
              "status reports off: this screen has no id (no /etc/machine-id); set screen in "
              "kiosk.toml's [status]"));
    said_no_id_ = true;
    return false;
  }
  const Instant now = now_();
  if (last_sent_ != 0 && now - last_sent_ < interval_) return false;
  last_sent_ = now;  // tried: a refusing folder is asked again at the next interval, not each round
  const std::string url = status_file_url(folder_url_, screen_);
  HttpClient http;
  // Short limits: the worker that syncs the bundle waits for this.
  HttpLimits limits;
  limits.connect_seconds = 5;
  limits.total_seconds = 15;
  limits.max_bytes = 64u << 10;
  const HttpResult r = http.put(url, status_document(facts(store, last_problem)),
                                "application/json", limits, cancel);
  if (cancel && cancel->load()) return false;
  if (r.stored()) {
    if (failing_) log_(say("状态上报恢复正常：" + url, "status report to " + url + " works again"));
    failing_ = false;
    std::lock_guard<std::mutex> lock(mutex_);
    problem_.clear();
    return true;
  }
  const std::string why =
      say("状态上报失败（屏幕照常显示）：", "status report failed (the screen shows on): ") + url +
      ": " + describe(r);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    problem_ = why;
  }
  failing_ = true;
  if (limiter_.allow(why, now)) log_(why);
  return false;
}

}  // namespace hgj::kiosk
