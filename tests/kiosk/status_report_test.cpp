// A screen's status report (issue #24 item 2): the document hgj fleet reads, the file it
// goes to, and a status folder that refuses or is down — the screen logs it once an
// hour and tries again at the next interval, never more often.
#include "status_report.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../language_scope.h"
#include "config.h"
#include "sync_server.h"

namespace hgj::kiosk {
namespace {

TEST_CASE("status document: every figure under its key, instants as UTC, never as null") {
  StatusFacts f;
  f.screen = "dpb-03-a";
  f.building = "dpb-03";
  f.bundle_generated_at = 1796025600;  // 2026-11-30T08:00:00Z
  f.last_sync = 1796029200;
  f.last_error = "http://x/kiosk/manifest.json: HTTP status 503";
  f.uptime_seconds = 3600;
  f.rss_bytes = 52428800;
  f.display_width = 1080;
  f.display_height = 1920;
  f.software = "hgj-kiosk 1.2.3";
  f.sent_at = 1796029260;
  const std::string text = screen_status_document(f);
  CHECK(text.back() == '\n');
  const nlohmann::json j = nlohmann::json::parse(text);
  CHECK(j["format"] == 1);
  CHECK(j["screen"] == "dpb-03-a");
  CHECK(j["building"] == "dpb-03");
  CHECK(j["bundle_generated_at"] == "2026-11-30T08:00:00Z");
  CHECK(j["last_sync"] == "2026-11-30T09:00:00Z");
  CHECK(j["last_error"] == "http://x/kiosk/manifest.json: HTTP status 503");
  CHECK(j["uptime_seconds"] == 3600);
  CHECK(j["rss_bytes"] == 52428800);
  CHECK(j["display"]["width"] == 1080);
  CHECK(j["display"]["height"] == 1920);
  CHECK(j["software"] == "hgj-kiosk 1.2.3");
  CHECK(j["sent_at"] == "2026-11-30T09:01:00Z");

  StatusFacts never;
  never.screen = "x";
  never.sent_at = 1796029260;
  const nlohmann::json n = nlohmann::json::parse(screen_status_document(never));
  CHECK(n["bundle_generated_at"].is_null());
  CHECK(n["last_sync"].is_null());
}

TEST_CASE(
    "status: a screen without a building reports pairing and its code, then its paired building") {
  testing::Setup s;
  StatusReporter reporter("", 300, "lobby-3", "", [] { return Instant{1796029260}; });
  StatusFacts f = reporter.facts(s.store, "");
  CHECK(f.state == "pairing");
  CHECK(f.building == "");
  CHECK(f.pairing_code == "XY6-W5A");  // hgj/pairing.h's code for "lobby-3"
  const nlohmann::json j = nlohmann::json::parse(screen_status_document(f));
  CHECK(j["state"] == "pairing");
  CHECK(j["pairing_code"] == "XY6-W5A");
  reporter.set_building("dpb-03");
  f = reporter.facts(s.store, "");
  CHECK(f.state == "showing");
  CHECK(f.building == "dpb-03");
}

TEST_CASE("status file: the screen's id as one path segment of the folder") {
  CHECK(status_file_url("http://s/status", "dpb-03-a") == "http://s/status/dpb-03-a.json");
  CHECK(status_file_url("http://s/status/", "dpb-03-a") == "http://s/status/dpb-03-a.json");
  CHECK(status_file_url("http://s/status/", "../a b") == "http://s/status/..%2Fa%20b.json");
  CHECK(status_file_url("http://s/st/", "大厅") == "http://s/st/%E5%A4%A7%E5%8E%85.json");
}

TEST_CASE("status: this process's resident memory is read") { CHECK(resident_bytes() > 1u << 20); }

TEST_CASE(
    "status report: a folder that refuses PUTs is logged once, tried again only each interval") {
  const LanguageScope chinese(Language::zh);
  testing::Setup s;
  testing::Server server(s.www);  // a plain GET server: a PUT is answered 501
  Instant now = 1796029260;
  StatusReporter reporter(server.url("status/"), 300, "dpb-03-a", "dpb-03", [&now] { return now; });
  std::vector<std::string> logged;
  reporter.set_log([&logged](const std::string& line) { logged.push_back(line); });
  CHECK_FALSE(reporter.after_sync(s.store, "", nullptr));
  REQUIRE(logged.size() == 1);
  CHECK(logged[0] == "状态上报失败（屏幕照常显示）：" + server.url("status/") +
                         "dpb-03-a.json: HTTP status 501");
  CHECK(reporter.last_problem() == logged[0]);
  const int puts = testing::count_lines(server.log(), "conn");  // one connection per report
  CHECK(puts == 1);
  now += 10;  // the worker's next round, well within the interval: not asked again
  CHECK_FALSE(reporter.after_sync(s.store, "", nullptr));
  CHECK(testing::count_lines(server.log(), "conn") == puts);
  now += 300;  // the next interval: asked again, and not logged again within the hour
  CHECK_FALSE(reporter.after_sync(s.store, "", nullptr));
  CHECK(testing::count_lines(server.log(), "conn") == puts + 1);
  CHECK(logged.size() == 1);
  now += 3600;  // an hour on: still failing, one more line
  CHECK_FALSE(reporter.after_sync(s.store, "", nullptr));
  CHECK(logged.size() == 2);
}

TEST_CASE("status report: a status folder that is down costs the screen one line") {
  // English lines, whatever language an earlier test of this binary left the run in.
  const LanguageScope english(Language::en);
  testing::Setup s;
  std::string url;
  {
    testing::Server gone(s.www);
    url = gone.url("status/");
  }  // stopped: nothing listens there now
  Instant now = 1796029260;
  StatusReporter reporter(url, 300, "dpb-03-a", "", [&now] { return now; });
  std::vector<std::string> logged;
  reporter.set_log([&logged](const std::string& line) { logged.push_back(line); });
  CHECK_FALSE(reporter.after_sync(s.store, "", nullptr));
  REQUIRE(logged.size() == 1);
  CHECK(logged[0].rfind("status report failed (the screen shows on): " + url + "dpb-03-a.json: ",
                        0) == 0);
}

TEST_CASE(
    "status settings: [status] in kiosk.toml, off without a url, a url that is not http refused") {
  KioskConfig c;
  std::vector<std::string> problems;
  CHECK(c.status_url.empty());
  CHECK(c.status_seconds == 300);
  apply_config_text(
      "[status]\nurl = \"https://s.example/hgj-status/\"\ninterval_seconds = 120\nscreen = "
      "\"dpb-03-a\"\n",
      "kiosk.toml", c, problems);
  CHECK(problems.empty());
  CHECK(c.status_url == "https://s.example/hgj-status/");
  CHECK(c.status_seconds == 120);
  CHECK(c.status_screen == "dpb-03-a");
  apply_config_text("[status]\nurl = \"/var/www/hgj-status\"\ninterval_seconds = 0\nevery = 1\n",
                    "kiosk.toml", c, problems);
  CHECK(problems ==
        std::vector<std::string>{
            "kiosk.toml: status.every: unknown key",
            "kiosk.toml: status.interval_seconds: expected a whole number from 1 to 86400",
            "kiosk.toml: status.url: expected an http:// or https:// URL, got "
            "\"/var/www/hgj-status\""});
  CHECK(c.status_url == "https://s.example/hgj-status/");  // the bad value is skipped
}

TEST_CASE("status report: a screen with no id says once that it cannot report") {
  // English lines, whatever language an earlier test of this binary left the run in.
  const LanguageScope english(Language::en);
  testing::Setup s;
  StatusReporter reporter("http://127.0.0.1:9/status/", 1, "", "",
                          [] { return Instant{1796029260}; });
  std::vector<std::string> logged;
  reporter.set_log([&logged](const std::string& line) { logged.push_back(line); });
  CHECK_FALSE(reporter.after_sync(s.store, "", nullptr));
  CHECK_FALSE(reporter.after_sync(s.store, "", nullptr));
  CHECK(logged ==
        std::vector<std::string>{"status reports off: this screen has no id (no /etc/machine-id); "
                                 "set screen in kiosk.toml's [status]"});
}

TEST_CASE("status report: without a status URL nothing is sent") {
  testing::Setup s;
  StatusReporter reporter("", 300, "dpb-03-a", "", [] { return Instant{1796029260}; });
  CHECK_FALSE(reporter.enabled());
  CHECK_FALSE(reporter.after_sync(s.store, "", nullptr));
}

}  // namespace
}  // namespace hgj::kiosk
