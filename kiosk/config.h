// Kiosk settings: colours, fonts, slide order and times, idle timeout, night schedule,
// burn-in shift and sync intervals. Layered, later wins: built-in defaults → the
// theme's kiosk.toml → the site's [kiosk] (from the bundle) → --config FILE.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "hgj/bundle.h"
#include "hgj/model.h"

namespace hgj::kiosk {

struct Color {
  std::uint8_t r = 0, g = 0, b = 0, a = 255;
  bool operator==(const Color&) const = default;
};
// "#B3261E" or "#B3261ECC"; false when malformed.
bool parse_color(const std::string& text, Color& out);

enum class SlideKind { steward, events, duties, resolved, notices, honours };
const char* slide_key(SlideKind k);  // steward events duties resolved notices honours

struct Palette {
  Color background{0xFB, 0xF4, 0xE6};  // 米白 cream
  Color surface{0xFF, 0xFD, 0xF8};
  Color primary{0xB3, 0x26, 0x1E};  // 中国红
  Color primary_dark{0x8C, 0x1C, 0x16};
  Color on_primary{0xFF, 0xF8, 0xEE};
  Color text{0x2B, 0x1D, 0x14};
  Color muted{0x6E, 0x5A, 0x4A};
  Color accent{0xA8, 0x6A, 0x00};  // 金 gold, honours
  Color line{0xEA, 0xDB, 0xC4};
};

struct KioskConfig {
  Palette colors;
  std::string font_family = "Noto Sans CJK SC";
  std::vector<SlideKind> order{SlideKind::steward,  SlideKind::events,  SlideKind::duties,
                               SlideKind::resolved, SlideKind::notices, SlideKind::honours};
  int slide_seconds = KioskSettings::default_slide_seconds;  // default time per slide
  std::map<SlideKind, int> seconds;                          // per-slide overrides
  int idle_seconds = KioskSettings::default_idle_seconds;
  std::string night_from, night_until;   // "23:00"; empty: no night schedule
  std::string night_mode = "dim";        // dim | blank
  int dim_percent = 30;                  // brightness left when dimmed
  int burn_in_pixels = 6;                // how far the picture wanders
  int burn_in_minutes = 2;               // one step every …
  int stale_hours = 48;                  // no successful sync for this long → a note
  int poll_seconds = 300;                // URL polling interval …
  int jitter_seconds = 30;               // … plus up to this much
  int watch_seconds = 3;                 // local folder mtime check
  int retry_seconds = 30;                // after a failed sync, and with nothing to show yet
  int urgent_poll_seconds = 30;          // urgent.json between polls (0: never)
  std::string status_url;                // [status] url: a WebDAV folder; empty: no reports
  int status_seconds = 300;              // [status] interval_seconds: at most this often
  int status_screenshot_seconds = 3600;  // [status] screenshot_every_seconds (0: only when asked)
  std::string status_pushgateway;  // [status] pushgateway: Prometheus Pushgateway; empty: none
  std::string status_screen;       // [status] screen: the screens.csv id; empty: screen_id()
  std::vector<std::string> trusted_keys;  // public key files (relative: to the settings file)
  std::uint64_t max_file_bytes = BundleLimits{}.max_file_bytes;     // [sync] max_file_mb
  std::uint64_t max_bundle_bytes = BundleLimits{}.max_total_bytes;  // [sync] max_bundle_mb
  std::string fallback_street;               // shown when there is no bundle at all …
  std::string fallback_hotline;              // … with this number to call
  bool speech = true;                        // 「朗读」 button, when the engine and audio exist
  std::string speech_command = "espeak-ng";  // run as `<command> -v <voice> -s <rate> <text>`
  std::string speech_voice = "cmn-latn-pinyin";  // espeak-ng's Mandarin, reading pinyin
  bool speech_pinyin = true;                     // hand the engine numeric pinyin, not 汉字
  int speech_rate = 130;                         // words per minute; slower than the default 175

  int seconds_for(SlideKind k) const;
};

// Applies one TOML file on top of `config`. Unknown keys and bad values are reported
// in `problems` ("kiosk.toml: colors.primary: not a colour") and skipped.
void apply_config_file(const std::string& path, KioskConfig& config,
                       std::vector<std::string>& problems);
// Same, from TOML text (tests).
void apply_config_text(const std::string& text, const std::string& name, KioskConfig& config,
                       std::vector<std::string>& problems);
// The site's [kiosk] settings from the bundle.
void apply_site_settings(const KioskSettings& site, KioskConfig& config);

// The theme's kiosk.toml: in $HGJ_KIOSK_THEME_DIR when set, else in hgj's own default
// theme (hgj/data_dir.h: <prefix>/share/hgj, or the source tree from a build folder).
// The path whether or not the file exists.
std::string find_theme_file();

}  // namespace hgj::kiosk
