// The command line of `hgj-kiosk`, parsed into plain values (see `hgj-kiosk --help`).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace hgj::kiosk {

// A wall-clock moment given on the command line (--at): either a local time in the
// site's time zone (resolved once the bundle says which zone) or an absolute instant.
struct AtTime {
  int year = 0, month = 0, day = 0;
  int minute_of_day = 0;
  bool utc = false;  // "…Z": the fields are UTC
};

struct Options {
  std::string bundle;    // folder path or http(s) URL
  std::string building;  // building id the kiosk belongs to; empty: paired through screens.csv
  bool fullscreen = false;
  int rotate = 0;  // 0 90 180 270, clockwise
  bool rotate_given =
      false;  // --rotate on the command line: screens.csv's orientation does not turn it
  int width = 0, height = 0;  // --size; 0: the display's (fullscreen) or 1080×1920
  std::string config;         // --config FILE (TOML)
  std::string screenshot;     // --screenshot FILE.png: render one frame and exit
  int slide = 0;              // --slide N (1-based; 0 = the first)
  std::optional<AtTime> at;   // --at TIME
  std::string state_dir;      // --state-dir DIR; empty: a default
  bool verbose = false;
  std::vector<std::string> trusted_keys;  // --trusted-key FILE (repeatable)
  bool insecure_unsigned = false;         // --insecure-unsigned: accept unsigned bundles
};

enum class ParseStatus { ok, help, error };

// Parses argv. On `help` the usage text (or, for --version, the version line) is in
// `message`, for stdout; on `error` a one-line reason.
ParseStatus parse_options(int argc, const char* const* argv, Options& out, std::string& message);

// "1080x1920" (also "1080×1920"); false when malformed or outside 64..16384.
bool parse_size(const std::string& text, int& width, int& height);
// "2026-11-23T09:30", "2026-11-23 09:30", "2026-11-23" (09:00), optional ":SS" and "Z".
std::optional<AtTime> parse_at(const std::string& text);

}  // namespace hgj::kiosk
