// What a lobby screen tells the street about itself (issue #24 item 2), in one place: the
// status document hgj-kiosk PUTs to `<[status] url>/<screen>.json` and `hgj fleet` reads
// back, and the asks.json `hgj fleet ask` writes beside them for screenshots. The kiosk
// writes and the fleet reads through these functions only, so the keys cannot drift.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "hgj/recurrence.h"

namespace hgj {

// How long the screen's frames took to draw (render and present) over one report interval.
struct FrameTimes {
  int frames = 0;  // frames drawn; 0: none, the times below are then 0 too
  double p50_ms = 0, p95_ms = 0, max_ms = 0;
};

// One status document. Instants are Unix seconds, 0 for "never".
struct ScreenStatus {
  std::string screen;        // the screens.csv id ([status] screen) or the machine's screen id
  std::string building;      // empty while pairing
  std::string state;         // "pairing" (no building yet) or "showing"; older screens: empty
  std::string pairing_code;  // "K7Q-4M2" (hgj/pairing.h)
  Instant bundle_generated_at = 0;  // of the bundle on screen; 0: none
  Instant last_sync = 0;            // last time the bundle source answered
  std::string last_error;           // the sync's current problem, empty when it works
  std::int64_t uptime_seconds = 0;
  std::uint64_t rss_bytes = 0;
  int display_width = 0, display_height = 0;  // the picture's logical size
  FrameTimes frame_times;
  std::string software;  // "hgj-kiosk 0.4.0"
  Instant sent_at = 0;
};

// The document as JSON, keys in the order the screen sends them (docs/kiosk.md lists them).
nlohmann::ordered_json screen_status_json(const ScreenStatus& status);
// The same, as the text a screen PUTs (a trailing newline; bytes that are not UTF-8, as a
// path in an error may hold, replaced rather than thrown).
std::string screen_status_document(const ScreenStatus& status);
// One document; nullopt with `why` (staff's language) when it is not one. Every key but
// screen and sent_at may be missing (screens older than the reader).
std::optional<ScreenStatus> parse_screen_status(const std::string& text, std::string& why);

// The same figures in Prometheus' text exposition format, for a Pushgateway
// ([status] pushgateway): numbers as gauges named hgj_kiosk_*, the words as labels of
// hgj_kiosk_info. The screen's id is not in it: the push URL's grouping key names it.
std::string screen_status_metrics(const ScreenStatus& status);

// "2026-11-23T08:00:00Z" → Unix seconds; nullopt when malformed.
std::optional<Instant> parse_utc_instant(const std::string& text);

// asks.json: screen id → when staff asked it for a screenshot. A screen uploads one when
// its entry is later than its last upload and than the last ask it answered.
using ScreenshotAsks = std::map<std::string, Instant>;
inline constexpr const char* screenshot_asks_file = "asks.json";
std::string screenshot_asks_document(const ScreenshotAsks& asks);
// Entries that are not a screen id with a time are skipped; nullopt when it is no JSON object.
std::optional<ScreenshotAsks> parse_screenshot_asks(const std::string& text);

}  // namespace hgj
