#include "config.h"

#include <toml++/toml.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "hgj/data_dir.h"
#include "hgj/values.h"

namespace hgj::kiosk {

namespace {

const std::vector<std::pair<SlideKind, const char*>>& slide_names() {
  static const std::vector<std::pair<SlideKind, const char*>> names{
      {SlideKind::steward, "steward"}, {SlideKind::events, "events"},
      {SlideKind::duties, "duties"},   {SlideKind::resolved, "resolved"},
      {SlideKind::notices, "notices"}, {SlideKind::honours, "honours"}};
  return names;
}

bool slide_from_key(const std::string& key, SlideKind& out) {
  for (const auto& [kind, name] : slide_names()) {
    if (key == name) return out = kind, true;
  }
  return false;
}

class Applier {
 public:
  Applier(const std::string& name, KioskConfig& c, std::vector<std::string>& problems)
      : name_(name), c_(c), problems_(problems) {}

  void apply(const toml::table& t) {
    for (const auto& [key, node] : t) {
      const std::string k(key.str());
      if (k == "colors")
        colors(node);
      else if (k == "fonts")
        fonts(node);
      else if (k == "slides")
        slides(node);
      else if (k == "behaviour")
        behaviour(node);
      else if (k == "night")
        night(node);
      else if (k == "sync")
        sync(node);
      else if (k == "status")
        status(node);
      else if (k == "fallback")
        fallback(node);
      else if (k == "speech")
        speech(node);
      else if (k == "trusted_keys")
        trusted_keys(node, k);
      else
        complain(k, "unknown section");
    }
  }

 private:
  void complain(const std::string& where, const std::string& what) {
    problems_.push_back(name_ + ": " + where + ": " + what);
  }

  void integer(const toml::node& n, const std::string& where, int lo, int hi, int& out) {
    const auto v = n.value<int64_t>();
    if (!v || *v < lo || *v > hi)
      return complain(where, "expected a whole number from " + std::to_string(lo) + " to " +
                                 std::to_string(hi));
    out = static_cast<int>(*v);
  }

  void text(const toml::node& n, const std::string& where, std::string& out) {
    const auto v = n.value<std::string>();
    if (!v) return complain(where, "expected a string");
    out = *v;
  }

  void clock(const toml::node& n, const std::string& where, std::string& out) {
    std::string s;
    text(n, where, s);
    if (!s.empty() && !parse_clock(s)) return complain(where, "expected HH:MM, got \"" + s + "\"");
    out = s;
  }

  const toml::table* section(const toml::node& n, const std::string& where) {
    if (!n.is_table()) complain(where, "expected a table");
    return n.as_table();
  }

  void colors(const toml::node& n) {
    const toml::table* t = section(n, "colors");
    if (!t) return;
    Palette& p = c_.colors;
    const std::map<std::string, Color*> slots{{"background", &p.background},
                                              {"surface", &p.surface},
                                              {"primary", &p.primary},
                                              {"primary_dark", &p.primary_dark},
                                              {"on_primary", &p.on_primary},
                                              {"text", &p.text},
                                              {"muted", &p.muted},
                                              {"accent", &p.accent},
                                              {"line", &p.line}};
    for (const auto& [key, node] : *t) {
      const std::string where = "colors." + std::string(key.str());
      auto slot = slots.find(std::string(key.str()));
      if (slot == slots.end()) {
        complain(where, "unknown colour");
        continue;
      }
      const auto v = node.value<std::string>();
      if (!v || !parse_color(*v, *slot->second))
        complain(where, "expected a colour like \"#B3261E\"");
    }
  }

  void fonts(const toml::node& n) {
    const toml::table* t = section(n, "fonts");
    if (!t) return;
    for (const auto& [key, node] : *t) {
      if (key.str() == "family")
        text(node, "fonts.family", c_.font_family);
      else
        complain("fonts." + std::string(key.str()), "unknown key");
    }
  }

  void slides(const toml::node& n) {
    const toml::table* t = section(n, "slides");
    if (!t) return;
    for (const auto& [key, node] : *t) {
      const std::string k(key.str());
      if (k == "order")
        order(node);
      else if (k == "default_seconds")
        integer(node, "slides.default_seconds", KioskSettings::min_slide_seconds, 3600,
                c_.slide_seconds);
      else if (k == "seconds")
        per_slide(node);
      else
        complain("slides." + k, "unknown key");
    }
  }

  void order(const toml::node& n) {
    const toml::array* a = n.as_array();
    if (!a) return complain("slides.order", "expected a list of slide names");
    std::vector<SlideKind> result;
    for (const toml::node& item : *a) {
      SlideKind kind;
      const auto v = item.value<std::string>();
      if (!v || !slide_from_key(*v, kind)) {
        complain("slides.order", "unknown slide \"" + v.value_or("?") +
                                     "\" (steward events duties resolved notices honours)");
        continue;
      }
      result.push_back(kind);
    }
    if (result.empty())
      return complain("slides.order", "no slides left; keeping the default order");
    c_.order = result;
  }

  void per_slide(const toml::node& n) {
    const toml::table* t = section(n, "slides.seconds");
    if (!t) return;
    for (const auto& [key, node] : *t) {
      SlideKind kind;
      const std::string where = "slides.seconds." + std::string(key.str());
      if (!slide_from_key(std::string(key.str()), kind)) {
        complain(where, "unknown slide");
        continue;
      }
      int s = 0;
      integer(node, where, KioskSettings::min_slide_seconds, 3600, s);
      if (s) c_.seconds[kind] = s;
    }
  }

  void behaviour(const toml::node& n) {
    const toml::table* t = section(n, "behaviour");
    if (!t) return;
    for (const auto& [key, node] : *t) {
      const std::string k(key.str()), where = "behaviour." + k;
      if (k == "idle_seconds")
        integer(node, where, KioskSettings::min_idle_seconds, 86400, c_.idle_seconds);
      else if (k == "burn_in_pixels")
        integer(node, where, 0, 64, c_.burn_in_pixels);
      else if (k == "burn_in_minutes")
        integer(node, where, 1, 1440, c_.burn_in_minutes);
      else if (k == "stale_hours")
        integer(node, where, 1, 24 * 365, c_.stale_hours);
      else
        complain(where, "unknown key");
    }
  }

  void night(const toml::node& n) {
    const toml::table* t = section(n, "night");
    if (!t) return;
    for (const auto& [key, node] : *t) {
      const std::string k(key.str()), where = "night." + k;
      if (k == "from")
        clock(node, where, c_.night_from);
      else if (k == "until")
        clock(node, where, c_.night_until);
      else if (k == "dim_percent")
        integer(node, where, 0, 100, c_.dim_percent);
      else if (k == "mode") {
        std::string mode;
        text(node, where, mode);
        if (mode == "dim" || mode == "blank")
          c_.night_mode = mode;
        else
          complain(where, "expected \"dim\" or \"blank\"");
      } else
        complain(where, "unknown key");
    }
  }

  void sync(const toml::node& n) {
    const toml::table* t = section(n, "sync");
    if (!t) return;
    for (const auto& [key, node] : *t) {
      const std::string k(key.str()), where = "sync." + k;
      if (k == "poll_seconds")
        integer(node, where, 1, 86400, c_.poll_seconds);
      else if (k == "jitter_seconds")
        integer(node, where, 0, 3600, c_.jitter_seconds);
      else if (k == "watch_seconds")
        integer(node, where, 1, 3600, c_.watch_seconds);
      else if (k == "retry_seconds")
        integer(node, where, 1, 3600, c_.retry_seconds);
      else if (k == "urgent_poll_seconds")
        integer(node, where, 0, 3600, c_.urgent_poll_seconds);
      else if (k == "max_file_mb")
        megabytes(node, where, c_.max_file_bytes);
      else if (k == "max_bundle_mb")
        megabytes(node, where, c_.max_bundle_bytes);
      else if (k == "trusted_keys")
        trusted_keys(node, where);
      else
        complain(where, "unknown key");
    }
  }

  // Where this screen reports how it is (status_report.h): a WebDAV folder's URL.
  void status(const toml::node& n) {
    const toml::table* t = section(n, "status");
    if (!t) return;
    for (const auto& [key, node] : *t) {
      const std::string k(key.str()), where = "status." + k;
      if (k == "url") {
        std::string url;
        text(node, where, url);
        if (url.empty() || url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0)
          c_.status_url = url;
        else
          complain(where, "expected an http:// or https:// URL, got \"" + url + "\"");
      } else if (k == "pushgateway") {
        std::string url;
        text(node, where, url);
        if (url.empty() || url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0)
          c_.status_pushgateway = url;
        else
          complain(where, "expected an http:// or https:// URL, got \"" + url + "\"");
      } else if (k == "interval_seconds")
        integer(node, where, 1, 86400, c_.status_seconds);
      else if (k == "screenshot_every_seconds")
        integer(node, where, 0, 7 * 86400, c_.status_screenshot_seconds);
      else if (k == "screen")
        text(node, where, c_.status_screen);
      else
        complain(where, "unknown key");
    }
  }

  void megabytes(const toml::node& n, const std::string& where, std::uint64_t& out) {
    int mb = 0;
    integer(n, where, 1, 1 << 20, mb);
    if (mb > 0) out = static_cast<std::uint64_t>(mb) << 20;
  }

  // A list of public key files; relative ones are found beside the settings file.
  void trusted_keys(const toml::node& n, const std::string& where) {
    const toml::array* a = n.as_array();
    if (!a) return complain(where, "expected a list of public key files");
    const std::filesystem::path base = std::filesystem::path(name_).parent_path();
    for (const toml::node& item : *a) {
      const auto v = item.value<std::string>();
      if (!v || v->empty()) {
        complain(where, "expected a list of public key files");
        continue;
      }
      const std::filesystem::path p(*v);
      c_.trusted_keys.push_back(p.is_absolute() ? p.string() : (base / p).string());
    }
  }

  void speech(const toml::node& n) {
    const toml::table* t = section(n, "speech");
    if (!t) return;
    for (const auto& [key, node] : *t) {
      const std::string k(key.str()), where = "speech." + k;
      if (k == "enabled") {
        if (const auto v = node.value<bool>())
          c_.speech = *v;
        else
          complain(where, "expected true or false");
      } else if (k == "command")
        text(node, where, c_.speech_command);
      else if (k == "voice")
        text(node, where, c_.speech_voice);
      else if (k == "pinyin") {
        if (const auto v = node.value<bool>())
          c_.speech_pinyin = *v;
        else
          complain(where, "expected true or false");
      } else if (k == "rate")
        integer(node, where, 80, 450, c_.speech_rate);
      else
        complain(where, "unknown key");
    }
  }

  void fallback(const toml::node& n) {
    const toml::table* t = section(n, "fallback");
    if (!t) return;
    for (const auto& [key, node] : *t) {
      const std::string k(key.str()), where = "fallback." + k;
      if (k == "street")
        text(node, where, c_.fallback_street);
      else if (k == "hotline") {
        std::string h;
        text(node, where, h);
        if (const auto phone = parse_phone(h))
          c_.fallback_hotline = phone.value->display;
        else if (!h.empty())
          complain(where, "\"" + h + "\" " + phone.error);
      } else
        complain(where, "unknown key");
    }
  }

  std::string name_;
  KioskConfig& c_;
  std::vector<std::string>& problems_;
};

}  // namespace

const char* slide_key(SlideKind k) {
  for (const auto& [kind, name] : slide_names()) {
    if (kind == k) return name;
  }
  return "?";
}

bool parse_color(const std::string& text, Color& out) {
  if ((text.size() != 7 && text.size() != 9) || text[0] != '#') return false;
  unsigned v[4] = {0, 0, 0, 255};
  for (std::size_t i = 0; i * 2 + 1 < text.size(); ++i) {
    const std::string pair = text.substr(1 + i * 2, 2);
    if (pair.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) return false;
    v[i] = static_cast<unsigned>(std::stoul(pair, nullptr, 16));
  }
  out = Color{static_cast<std::uint8_t>(v[0]), static_cast<std::uint8_t>(v[1]),
              static_cast<std::uint8_t>(v[2]), static_cast<std::uint8_t>(v[3])};
  return true;
}

int KioskConfig::seconds_for(SlideKind k) const {
  auto it = seconds.find(k);
  return it == seconds.end() ? slide_seconds : it->second;
}

void apply_config_text(const std::string& text, const std::string& name, KioskConfig& config,
                       std::vector<std::string>& problems) {
  try {
    const toml::table t = toml::parse(text, name);
    Applier(name, config, problems).apply(t);
  } catch (const toml::parse_error& e) {
    problems.push_back(name + ":" + std::to_string(e.source().begin.line) + ": " +
                       std::string(e.description()));
  }
}

void apply_config_file(const std::string& path, KioskConfig& config,
                       std::vector<std::string>& problems) {
  try {
    const toml::table t = toml::parse_file(path);
    Applier(path, config, problems).apply(t);
  } catch (const toml::parse_error& e) {
    problems.push_back(path + ":" + std::to_string(e.source().begin.line) + ": " +
                       std::string(e.description()));
  }
}

void apply_site_settings(const KioskSettings& site, KioskConfig& config) {
  if (site.slide_seconds >= KioskSettings::min_slide_seconds)
    config.slide_seconds = site.slide_seconds;
  if (site.idle_seconds >= KioskSettings::min_idle_seconds) config.idle_seconds = site.idle_seconds;
  if (!site.night_from.empty() && parse_clock(site.night_from)) config.night_from = site.night_from;
  if (!site.night_until.empty() && parse_clock(site.night_until))
    config.night_until = site.night_until;
  if (site.night_mode == "dim" || site.night_mode == "blank") config.night_mode = site.night_mode;
}

std::string find_theme_file() {
  if (const char* dir = std::getenv("HGJ_KIOSK_THEME_DIR"); dir && *dir)
    return (std::filesystem::path(dir) / "kiosk.toml").string();
  return (data_dir() / "themes" / "default" / "kiosk.toml").string();
}

}  // namespace hgj::kiosk
