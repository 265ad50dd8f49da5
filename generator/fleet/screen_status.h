// The status documents screens PUT into the street's status folder (kiosk/status_report.h
// writes them), read back for `hgj fleet`. A document that cannot be read is a problem
// to list, never a reason to stop: one broken screen must not hide the others.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "hgj/recurrence.h"

namespace hgj {

struct ScreenStatus {
  std::string file;    // where it was read, for messages
  std::string screen;  // the id it reports under
  std::string building;
  std::string state;  // "pairing" (started without a building, not yet in screens.csv), "showing";
                      // older screens: empty
  Instant bundle_generated_at = 0;  // 0: showing no bundle
  Instant last_sync = 0;            // 0: never
  std::string last_error;
  std::int64_t uptime_seconds = 0;
  std::uint64_t rss_bytes = 0;
  int display_width = 0, display_height = 0;
  std::string software;
  Instant sent_at = 0;
};

// One document; nullopt with `why` set when it is not one.
std::optional<ScreenStatus> parse_screen_status(const std::string& text, std::string& why);

// "2026-11-23T08:00:00Z" → Unix seconds; nullopt when malformed.
std::optional<Instant> parse_utc_instant(const std::string& text);

struct StatusFolder {
  std::vector<ScreenStatus> screens;  // by file name
  std::vector<std::string> problems;  // "status/x.json: …", one per unreadable file
};

// Every *.json directly in `dir`. Throws std::runtime_error (a message for staff) when
// the folder itself cannot be read.
StatusFolder read_status_folder(const std::filesystem::path& dir);

}  // namespace hgj
