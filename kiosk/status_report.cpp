#include "status_report.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>

#include "hgj/language.h"
#include "hgj/pairing.h"

namespace hgj::kiosk {

std::uint64_t resident_bytes() {
  std::ifstream in("/proc/self/statm");
  std::uint64_t size = 0, resident = 0;
  if (!(in >> size >> resident)) return 0;
  const long page = ::sysconf(_SC_PAGESIZE);
  return resident * static_cast<std::uint64_t>(page > 0 ? page : 4096);
}

std::string status_file_url(const std::string& folder_url, const std::string& screen,
                            const std::string& ext) {
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
  return url + ext;
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

void StatusReporter::set_pictures(int every_seconds, int ask_seconds, std::function<void()> want) {
  picture_every_ = std::max(0, every_seconds);
  ask_every_ = std::max(0, ask_seconds);
  want_picture_ = std::move(want);
}

void StatusReporter::offer_picture(std::string png) {
  std::lock_guard<std::mutex> lock(mutex_);
  picture_ = std::move(png);
}

std::string pushgateway_url(const std::string& base, const std::string& screen) {
  std::string url = base;
  while (!url.empty() && url.back() == '/') url.pop_back();
  url += "/metrics/job/hgj_kiosk/screen";
  const bool plain = !screen.empty() && std::all_of(screen.begin(), screen.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return std::isalnum(c) || c == '-' || c == '_' || c == '.';
  });
  if (plain) return url + "/" + screen;
  static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string b64;
  std::uint32_t bits = 0;
  int count = 0;
  for (const char ch : screen) {
    bits = (bits << 8) | static_cast<unsigned char>(ch);
    count += 8;
    while (count >= 6) b64 += digits[(bits >> (count -= 6)) & 63];
  }
  if (count > 0) b64 += digits[(bits << (6 - count)) & 63];
  while (b64.size() % 4 != 0) b64 += '=';
  return url + "@base64/" + b64;
}

void StatusReporter::push_metrics(const StatusFacts& f, Instant now,
                                  const std::atomic<bool>* cancel) {
  const std::string url = pushgateway_url(pushgateway_, screen_);
  HttpClient http;
  HttpLimits limits;
  limits.connect_seconds = 5;
  limits.total_seconds = 15;
  limits.max_bytes = 64u << 10;
  // PUT: the screen's group holds exactly these figures, nothing left from before.
  const HttpResult r = http.put(url, screen_status_metrics(f),
                                "text/plain; version=0.0.4; charset=utf-8", limits, cancel);
  if (cancel && cancel->load()) return;
  if (r.stored()) {
    if (push_failing_)
      log_(say("Pushgateway 推送恢复正常：" + url,
               "push to the Pushgateway " + url + " works again"));
    push_failing_ = false;
    return;
  }
  push_failing_ = true;
  const std::string why = say("Pushgateway 推送失败（屏幕照常显示）：",
                              "push to the Pushgateway failed (the screen shows on): ") +
                          url + ": " + describe(r);
  if (limiter_.allow(why, now)) log_(why);
}

bool StatusReporter::put(const std::string& ext, const std::string& body, const std::string& type,
                         std::uint64_t max_bytes, Instant now, bool& failing,
                         const std::atomic<bool>* cancel) {
  const std::string url = status_file_url(folder_url_, screen_, ext);
  HttpClient http;
  // Short limits: the worker that syncs the bundle waits for this.
  HttpLimits limits;
  limits.connect_seconds = 5;
  limits.total_seconds = 15;
  limits.max_bytes = max_bytes;
  const HttpResult r = http.put(url, body, type, limits, cancel);
  if (cancel && cancel->load()) return false;
  const bool report = ext == ".json";
  if (r.stored()) {
    if (failing)
      log_(report
               ? say("状态上报恢复正常：" + url, "status report to " + url + " works again")
               : say("截图上传恢复正常：" + url, "screenshot upload to " + url + " works again"));
    failing = false;
    return true;
  }
  const std::string why = (report ? say("状态上报失败（屏幕照常显示）：",
                                        "status report failed (the screen shows on): ")
                                  : say("截图上传失败（屏幕照常显示）：",
                                        "screenshot upload failed (the screen shows on): ")) +
                          url + ": " + describe(r);
  failing = true;
  if (limiter_.allow(why, now)) log_(why);
  if (report) {
    std::lock_guard<std::mutex> lock(mutex_);
    problem_ = why;
  }
  return false;
}

void StatusReporter::send_picture(Instant now, const std::atomic<bool>* cancel) {
  std::string png;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    png.swap(picture_);
  }
  if (png.empty()) return;
  picture_wanted_ = 0;
  picture_tried_ = now;  // a refusing folder is tried again at the next schedule or ask
  if (put(".png", png, "image/png", 64u << 10, now, picture_failing_, cancel)) picture_sent_ = now;
}

bool StatusReporter::asked(const std::atomic<bool>* cancel) {
  if (!asks_http_) asks_http_ = std::make_unique<HttpClient>();
  std::string url = folder_url_;
  if (url.back() != '/') url += '/';
  HttpLimits limits;
  limits.connect_seconds = 5;
  limits.total_seconds = 15;
  limits.max_bytes = 1u << 20;  // a line per screen of the street
  HttpResult r = asks_http_->get(url + screenshot_asks_file, asks_etag_, "", limits, cancel);
  // 304: nothing new; 404: nobody asked yet; down: the status report says so.
  if (!r.ok()) return false;
  asks_etag_ = r.etag;
  const std::optional<ScreenshotAsks> asks = parse_screenshot_asks(r.body);
  if (!asks) return false;
  const auto it = asks->find(screen_);
  if (it == asks->end() || it->second <= std::max(picture_sent_, ask_answered_)) return false;
  // Answered once, even when this screen's clock is behind the one that asked.
  ask_answered_ = it->second;
  return true;
}

void StatusReporter::ask_for_picture(Instant now, const std::atomic<bool>* cancel) {
  // The UI was asked and has not answered (a frame takes milliseconds): wait a minute.
  if (picture_wanted_ != 0 && now - picture_wanted_ < 60) return;
  bool want = picture_every_ > 0 && (picture_tried_ == 0 || now - picture_tried_ >= picture_every_);
  if (!want && ask_every_ > 0 && (asks_polled_ == 0 || now - asks_polled_ >= ask_every_)) {
    asks_polled_ = now;
    want = asked(cancel);
  }
  if (!want || !want_picture_) return;
  picture_wanted_ = now;
  want_picture_();
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
  if (!folder_url_.empty()) {
    send_picture(now, cancel);
    if (cancel && cancel->load()) return false;
    ask_for_picture(now, cancel);
  }
  if (last_sent_ != 0 && now - last_sent_ < interval_) return false;
  last_sent_ = now;  // tried: a refusing folder is asked again at the next interval, not each round
  StatusFacts f = facts(store, last_problem);
  f.frame_times = frames_.take();
  if (!pushgateway_.empty()) push_metrics(f, now, cancel);
  if (folder_url_.empty() || (cancel && cancel->load())) return false;
  if (!put(".json", screen_status_document(f), "application/json", 64u << 10, now, failing_,
           cancel))
    return false;
  std::lock_guard<std::mutex> lock(mutex_);
  problem_.clear();
  return true;
}

}  // namespace hgj::kiosk
