#include "fleet/fleet_output.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "fleet/fleet_thumbnail.h"
#include "hgj/bundle.h"
#include "hgj/language.h"
#include "hgj/pairing.h"
#include "site/templates/escape.h"

namespace hgj {

namespace fs = std::filesystem;

namespace {

std::string state_label(ScreenState s) {
  switch (s) {
    case ScreenState::silent:
      return say("沉默", "silent");
    case ScreenState::never:
      return say("从未上报", "never reported");
    case ScreenState::behind:
      return say("数据旧", "behind");
    case ScreenState::alive:
      return say("正常", "alive");
    case ScreenState::unknown:
      return say("未登记", "unknown");
  }
  return {};
}

// "3 分钟前" / "3 min ago", whole minutes, hours past two hours, days past two days.
std::string ago(Instant now, Instant then) {
  const Instant s = std::max<Instant>(0, now - then);
  if (s < 120) return say(std::to_string(s) + " 秒前", std::to_string(s) + " s ago");
  if (s < 2 * 3600)
    return say(std::to_string(s / 60) + " 分钟前", std::to_string(s / 60) + " min ago");
  if (s < 2 * 86400)
    return say(std::to_string(s / 3600) + " 小时前", std::to_string(s / 3600) + " h ago");
  return say(std::to_string(s / 86400) + " 天前", std::to_string(s / 86400) + " days ago");
}

std::string when(Instant t) { return t > 0 ? iso8601_utc(t) : say("无", "none"); }

std::string minutes(Instant seconds) {
  const Instant m = seconds / 60, rest = seconds % 60;
  return rest == 0 ? std::to_string(m) : std::to_string(m) + "." + std::to_string(rest * 10 / 60);
}

std::string summary(const FleetTable& t) {
  int counts[5] = {0, 0, 0, 0, 0};
  for (const FleetRow& r : t.rows) ++counts[static_cast<int>(r.state)];
  std::string line = say("屏幕 " + std::to_string(t.rows.size()) + " 块：",
                         std::to_string(t.rows.size()) + " screens: ");
  const ScreenState order[] = {ScreenState::silent, ScreenState::never, ScreenState::behind,
                               ScreenState::alive, ScreenState::unknown};
  bool first = true;
  for (const ScreenState s : order) {
    line += (first ? "" : say("，", ", ")) + state_label(s) + " " +
            std::to_string(counts[static_cast<int>(s)]);
    first = false;
  }
  return line;
}

std::string published_line(const FleetTable& t) {
  if (t.published == 0)
    return say(
        "已发布的数据包：不知道（用 --bundle 指定数据包文件夹），不比较数据新旧",
        "published bundle: not known (name its folder with --bundle); bundles are not compared");
  return say("已发布的数据包：生成于 ", "published bundle: generated ") + iso8601_utc(t.published);
}

std::string silent_line(const FleetTable& t) {
  return say("超过 " + minutes(t.silent_after_seconds) + " 分钟没有上报的屏幕算沉默",
             "silent: no report for more than " + minutes(t.silent_after_seconds) + " minutes");
}

// A screen showing its pairing screen: the code staff write in screens.csv.
std::string pairing_note(const FleetRow& r) {
  if (!r.status || r.status->state != "pairing") return {};
  return say("等待配对，配对码 ", "waiting to be paired, code ") +
         pairing_code_display(pairing_code(r.status->screen));
}

// "绘制 p50 3.1 / p95 5.2 / 最长 9.0 毫秒（120 帧）"; empty before a screen counted any.
std::string frame_line(const FrameTimes& f) {
  if (f.frames <= 0) return {};
  const auto ms = [](double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", v);
    return std::string(text);
  };
  const std::string n = std::to_string(f.frames);
  return say("绘制 p50 " + ms(f.p50_ms) + " / p95 " + ms(f.p95_ms) + " / 最长 " + ms(f.max_ms) +
                 " 毫秒（" + n + " 帧）",
             "frames p50 " + ms(f.p50_ms) + " / p95 " + ms(f.p95_ms) + " / max " + ms(f.max_ms) +
                 " ms (" + n + " frames)");
}

// The last screenshot's thumbnail and when it came, then the caller's action (the
// workbench's 截图 button).
std::string screenshot_cell(const FleetTable& t, const FleetRow& r, const FleetHtmlHooks& hooks) {
  const auto e = [](const std::string& s) { return site::xml_escape(s); };
  std::string h;
  if (r.status && !r.status->picture.empty()) {
    const std::string src = hooks.thumbnail_src ? hooks.thumbnail_src(r) : std::string();
    if (!src.empty())
      h += "<img src=\"" + e(src) + "\" alt=\"" +
           e(say("屏幕 " + r.screen + " 的截图", "screenshot of " + r.screen)) + "\"><br>";
    else
      h += e(say("截图读不了", "the screenshot cannot be read")) + "<br>";
    h += e(say("截于 ", "taken ")) + e(iso8601_utc(r.status->picture_at)) + "<br>" +
         e(ago(t.now, r.status->picture_at));
  } else {
    h += e(say("没有截图", "no screenshot"));
  }
  if (hooks.screenshot_action) h += hooks.screenshot_action(r);
  return h;
}

// What a row says after its state, in one line of text.
std::string details(const FleetTable& t, const FleetRow& r) {
  std::string s;
  if (!r.building.empty()) s += say("  楼栋 ", "  building ") + r.building;
  if (r.building_differs)
    s += say("（屏幕报的是 " + r.status->building + "）",
             " (the screen says " + r.status->building + ")");
  if (!r.status) return s + say("  没有收到过状态", "  no status ever received");
  if (const std::string note = pairing_note(r); !note.empty()) s += "  " + note;
  const ScreenReport& st = *r.status;
  s += say("  最后上报 ", "  last report ") + iso8601_utc(st.sent_at) + say("（", " (") +
       ago(t.now, st.sent_at) + say("）", ")");
  s += say("  显示的数据包 ", "  bundle shown ") + when(st.bundle_generated_at);
  if (r.state == ScreenState::behind)
    s += say("（比已发布的旧）", " (older than the published one)");
  if (!st.last_error.empty()) s += say("  最近错误：", "  last error: ") + st.last_error;
  return s;
}

}  // namespace

std::string fleet_text(const FleetTable& t) {
  std::string out = summary(t) + "\n" + published_line(t) + "\n" + silent_line(t) + "\n\n";
  for (const FleetRow& r : t.rows)
    out += "[" + state_label(r.state) + "] " + r.screen + details(t, r) + "\n";
  if (t.rows.empty())
    out += say("screens.csv 里没有屏幕，也没有屏幕上报状态\n",
               "no screens in screens.csv and no screen reported\n");
  for (const std::string& p : t.problems)
    out += say("读不了的状态文件：", "unreadable status file: ") + p + "\n";
  return out;
}

std::string fleet_json(const FleetTable& t) {
  using json = nlohmann::ordered_json;
  const auto instant = [](Instant i) { return i > 0 ? json(iso8601_utc(i)) : json(); };
  json j;
  j["now"] = instant(t.now);
  j["published_bundle_generated_at"] = instant(t.published);
  j["silent_after_seconds"] = t.silent_after_seconds;
  json rows = json::array();
  for (const FleetRow& r : t.rows) {
    json row;
    row["screen"] = r.screen;
    row["state"] = state_key(r.state);
    row["building"] = r.building;
    row["note"] = r.note;
    if (r.status) {
      const ScreenReport& s = *r.status;
      // The document's own keys (hgj/screen_status.h), under the row's names where the
      // row already has one.
      const json document = screen_status_json(s);
      for (auto it = document.begin(); it != document.end(); ++it) {
        const std::string& key = it.key();
        if (key == "format" || key == "screen") continue;
        row[key == "building"  ? "reported_building"
            : key == "state"   ? "reported_state"
            : key == "sent_at" ? "last_report"
                               : key] = *it;
      }
      row["pairing_code"] = pairing_code_display(pairing_code(s.screen));
      row["screenshot"] =
          s.picture.empty() ? json() : json(fs::path(s.picture).filename().string());
      row["screenshot_at"] = instant(s.picture_at);
    } else {
      row["last_report"] = nullptr;
      row["screenshot"] = nullptr;
    }
    rows.push_back(std::move(row));
  }
  j["screens"] = std::move(rows);
  j["problems"] = t.problems;
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string fleet_table_html(const FleetTable& t, const FleetHtmlHooks& hooks) {
  const auto e = [](const std::string& s) { return site::xml_escape(s); };
  std::string h;
  const std::string published = t.published == 0 && !hooks.unknown_published.empty()
                                    ? hooks.unknown_published
                                    : published_line(t);
  h += "<p>" + e(summary(t)) + "<br>" + e(published) + "<br>" + e(silent_line(t)) + "<br>" +
       e(say("生成于 ", "made ")) + e(iso8601_utc(t.now)) + "</p>\n";
  h += "<div class=\"fleet-table\" tabindex=\"0\"><table class=\"fleet\">\n<thead><tr>";
  for (const std::string& c :
       {say("状态", "State"), say("屏幕", "Screen"), say("楼栋", "Building"),
        say("截图", "Screenshot"), say("最后上报", "Last report"),
        say("显示的数据包", "Bundle shown"), say("最近错误", "Last error"), say("备注", "Note")})
    h += "<th>" + e(c) + "</th>";
  h += "</tr></thead>\n<tbody>\n";
  for (const FleetRow& r : t.rows) {
    h += "<tr class=\"" + std::string(state_key(r.state)) + "\"><td>" + e(state_label(r.state)) +
         "</td><td>" + e(r.screen) + "</td><td>" + e(r.building);
    if (r.building_differs)
      h += e(say("（屏幕报的是 " + r.status->building + "）",
                 " (the screen says " + r.status->building + ")"));
    if (const std::string note = pairing_note(r); !note.empty())
      h += (r.building.empty() ? "" : "<br>") + e(note);
    // Beside the screen's name, where a wide table does not push it out of sight.
    h += "</td><td class=\"shot\">" + screenshot_cell(t, r, hooks) + "</td>";
    if (r.status) {
      const ScreenReport& s = *r.status;
      h += "<td>" + e(iso8601_utc(s.sent_at)) + "<br>" + e(ago(t.now, s.sent_at));
      if (const std::string frames = frame_line(s.frame_times); !frames.empty())
        h += "<br><small>" + e(frames) + "</small>";
      h += "</td><td>" + e(when(s.bundle_generated_at)) + "</td><td>" + e(s.last_error) + "</td>";
    } else {
      h += "<td>" + e(say("没有收到过状态", "no status ever received")) + "</td><td></td><td></td>";
    }
    h += "<td>" + e(r.note) + "</td></tr>\n";
  }
  h += "</tbody>\n</table></div>\n";
  if (!t.problems.empty()) {
    h += "<h2>" + e(say("读不了的状态文件", "Unreadable status files")) + "</h2>\n<ul>\n";
    for (const std::string& p : t.problems) h += "<li>" + e(p) + "</li>\n";
    h += "</ul>\n";
  }
  return h;
}

std::string fleet_html(const FleetTable& t) {
  const auto e = [](const std::string& s) { return site::xml_escape(s); };
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"" + say(std::string("zh-CN"), std::string("en")) +
       "\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += std::string(fleet_page_marker) + "\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<title>" + e(say("屏幕状态", "Screens")) + " " + e(iso8601_utc(t.now)) + "</title>\n";
  h += "<style>\n"
       "body{font-family:\"Noto Sans CJK "
       "SC\",sans-serif;margin:1.5rem;color:#2b1d14;background:#fbf4e6}\n"
       "table{border-collapse:collapse;width:100%;background:#fffdf8}\n"
       "th,td{border:1px solid #eadbc4;padding:.4rem .6rem;text-align:left;vertical-align:top}\n"
       "th{background:#b3261e;color:#fff8ee}\n"
       ".silent td:first-child,.never "
       "td:first-child{background:#b3261e;color:#fff8ee;font-weight:bold}\n"
       ".behind td:first-child{background:#a86a00;color:#fff8ee;font-weight:bold}\n"
       ".alive td:first-child{color:#1e6b2e;font-weight:bold}\n"
       ".unknown td:first-child{color:#6e5a4a;font-weight:bold}\n"
       ".shot img{border:1px solid #eadbc4}\n"
       "</style>\n</head>\n<body>\n";
  h += "<h1>" + e(say("屏幕状态", "Screens")) + "</h1>\n";
  FleetHtmlHooks hooks;
  // Embedded, so the page can be mailed or copied on its own.
  hooks.thumbnail_src = [](const FleetRow& r) {
    std::string why;
    const std::optional<std::string> jpeg = fleet_thumbnail_jpeg(r.status->picture, why);
    return jpeg ? data_uri("image/jpeg", *jpeg) : std::string();
  };
  h += fleet_table_html(t, hooks);
  h += "</body>\n</html>\n";
  return h;
}

}  // namespace hgj
