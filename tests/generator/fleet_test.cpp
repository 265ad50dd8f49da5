// `hgj fleet`'s table (issue #24 item 3): what a status document says, and the order
// staff act on — silent screens first (longest silent first, never heard after them),
// then screens behind the published bundle, then the rest, then screens not in
// screens.csv.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <vips/vips8>

#include "../language_scope.h"
#include "../temp_folder.h"
#include "fleet/fleet_output.h"
#include "fleet/fleet_table.h"
#include "fleet/screenshot_asks.h"

namespace hgj {
namespace {

constexpr Instant now = 1796029200;        // 2026-11-30T09:00:00Z
constexpr Instant published = 1796025600;  // 2026-11-30T08:00:00Z

Screen screen(const std::string& id, const std::string& building) {
  Screen s;
  s.id = id;
  s.building = building;
  return s;
}

ScreenReport report(const std::string& id, const std::string& building, Instant sent,
                    Instant bundle) {
  ScreenReport s;
  s.screen = id;
  s.building = building;
  s.sent_at = sent;
  s.bundle_generated_at = bundle;
  return s;
}

std::vector<std::string> order(const FleetTable& t) {
  std::vector<std::string> ids;
  for (const FleetRow& r : t.rows) ids.push_back(r.screen + ":" + state_key(r.state));
  return ids;
}

TEST_CASE("fleet: a status document as a screen writes it") {
  std::string why;
  const auto s = parse_screen_status(R"({"format": 1, "screen": "dpb-03-a", "building": "dpb-03",
      "bundle_generated_at": "2026-11-30T08:00:00Z", "last_sync": null, "last_error": "HTTP status 503",
      "uptime_seconds": 60, "rss_bytes": 1048576, "display": {"width": 540, "height": 960},
      "software": "hgj-kiosk 1.0", "sent_at": "2026-11-30T09:00:00Z"})",
                                     why);
  REQUIRE(s);
  CHECK(s->screen == "dpb-03-a");
  CHECK(s->bundle_generated_at == published);
  CHECK(s->last_sync == 0);
  CHECK(s->last_error == "HTTP status 503");
  CHECK(s->rss_bytes == 1048576);
  CHECK(s->display_width == 540);
  CHECK(s->sent_at == now);
}

TEST_CASE("fleet: a document that is not one says why") {
  const LanguageScope english(Language::en);
  std::string why;
  CHECK_FALSE(parse_screen_status("{\"screen\": \"a\", \"sent_at\": \"20", why));
  CHECK(why == "not a JSON object (perhaps written halfway)");
  CHECK_FALSE(parse_screen_status(R"({"sent_at": "2026-11-30T09:00:00Z"})", why));
  CHECK(why == "\"screen\" (the screen's id) is missing");
  CHECK_FALSE(parse_screen_status(R"({"screen": "a", "sent_at": "yesterday"})", why));
  CHECK(why == "\"sent_at\" is not a time: yesterday");
  CHECK_FALSE(parse_screen_status(
      R"({"screen": "a", "sent_at": "2026-11-30T09:00:00Z", "rss_bytes": "x"})", why));
  CHECK(why == "\"rss_bytes\" has the wrong type");
}

TEST_CASE("fleet: silent first, then behind, then alive, then screens not in screens.csv") {
  Content c;
  c.screens = {screen("a-alive", "b1"),         screen("b-never", "b2"),
               screen("c-silent-recent", "b3"), screen("d-behind", "b4"),
               screen("e-silent-long", "b5"),   screen("f-alive", "b6")};
  StatusFolder folder;
  folder.screens = {report("a-alive", "b1", now - 60, published),
                    report("c-silent-recent", "b3", now - 20 * 60, published),
                    report("d-behind", "b4", now - 60, published - 3600),
                    report("e-silent-long", "b5", now - 5 * 3600, published),
                    report("f-alive", "b6", now - 10, published + 60),
                    report("z-stranger", "b9", now - 10, published)};
  const FleetTable t = make_fleet_table(c, folder, published, now, 15 * 60);
  CHECK(order(t) == std::vector<std::string>{"e-silent-long:silent", "c-silent-recent:silent",
                                             "b-never:never", "d-behind:behind", "a-alive:alive",
                                             "f-alive:alive", "z-stranger:unknown"});
  CHECK(t.rows.back().building == "b9");
}

TEST_CASE(
    "fleet: without a published bundle nothing is behind; the newest report of a screen counts") {
  Content c;
  c.screens = {screen("a", "b1")};
  StatusFolder folder;
  folder.screens = {report("a", "b1", now - 3600, published - 7200),
                    report("a", "b2", now - 30, published - 7200)};
  const FleetTable t = make_fleet_table(c, folder, 0, now, 15 * 60);
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0].state == ScreenState::alive);
  CHECK(t.rows[0].status->sent_at == now - 30);
  CHECK(t.rows[0].building_differs);  // screens.csv says b1, the screen b2
}

TEST_CASE(
    "fleet: a row whose id is a pairing code is the screen that reports under that code's id") {
  // "lobby-3"'s code is XY6-W5A (hgj/pairing.h); staff may write it any way they like.
  Content c;
  c.screens = {screen("xy6w5a", "b1")};
  StatusFolder folder;
  ScreenReport paired = report("lobby-3", "b1", now - 30, published);
  paired.state = "showing";
  ScreenReport waiting = report("0123456789abcdef0123456789abcdef", "", now - 30, published);
  waiting.state = "pairing";
  folder.screens = {paired, waiting};
  const FleetTable t = make_fleet_table(c, folder, published, now, 15 * 60);
  CHECK(order(t) ==
        std::vector<std::string>{"xy6w5a:alive", "0123456789abcdef0123456789abcdef:unknown"});
  CHECK_FALSE(t.rows[0].building_differs);
  LanguageScope zh(Language::zh);
  const std::string text = fleet_text(t);
  CHECK(text.find("[未登记] 0123456789abcdef0123456789abcdef  等待配对，配对码 TDM-KU3  最后上报 "
                  "2026-11-30T08:59:30Z（30 秒前）") != std::string::npos);
  const nlohmann::json j = nlohmann::json::parse(fleet_json(t));
  CHECK(j["screens"][1]["pairing_code"] == "TDM-KU3");
  CHECK(j["screens"][1]["reported_state"] == "pairing");
  CHECK(fleet_html(t).find("等待配对，配对码 TDM-KU3") != std::string::npos);
}

TEST_CASE("fleet page: escaped, self-contained, marked as hgj fleet's") {
  Content c;
  c.screens = {screen("<script>x</script>", "b1")};
  c.screens[0].note = "\"大厅\" & 电梯";
  StatusFolder folder;
  ScreenReport s = report("<script>x</script>", "b1", now - 60, published);
  s.last_error = "<img src=x onerror=alert(1)>";
  folder.screens = {s};
  const std::string html = fleet_html(make_fleet_table(c, folder, published, now, 15 * 60));
  CHECK(html.find(fleet_page_marker) != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("&lt;script&gt;x&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("&quot;大厅&quot; &amp; 电梯") != std::string::npos);
  CHECK(html.find("http") == std::string::npos);  // nothing loaded from anywhere
}

TEST_CASE("fleet json: one row per screen with its state") {
  Content c;
  c.screens = {screen("a", "b1")};
  const nlohmann::json j =
      nlohmann::json::parse(fleet_json(make_fleet_table(c, {}, published, now, 600)));
  CHECK(j["published_bundle_generated_at"] == "2026-11-30T08:00:00Z");
  CHECK(j["silent_after_seconds"] == 600);
  REQUIRE(j["screens"].size() == 1);
  CHECK(j["screens"][0]["state"] == "never");
  CHECK(j["screens"][0]["last_report"].is_null());
}

TEST_CASE("fleet: each report with the screenshot beside it, asks.json is no report") {
  const testing::TempFolder dir;
  ScreenStatus s;
  s.screen = "a";
  s.sent_at = now;
  s.frame_times = {12, 4, 9, 20};
  dir.write("a.json", screen_status_document(s));
  s.screen = "b";
  dir.write("b.json", screen_status_document(s));
  dir.write("asks.json", screenshot_asks_document({{"a", now}}));
  vips::VImage::black(54, 96).write_to_file((dir.path() / "a.png").c_str());
  const StatusFolder folder = read_status_folder(dir.path());
  CHECK(folder.problems.empty());
  REQUIRE(folder.screens.size() == 2);
  CHECK(folder.screens[0].picture == (dir.path() / "a.png").string());
  CHECK(folder.screens[0].picture_at > now - 86400 * 365);
  CHECK(folder.screens[1].picture.empty());

  Content c;
  c.screens = {screen("a", "b1"), screen("b", "b2")};
  const FleetTable t = make_fleet_table(c, folder, 0, now, 15 * 60);
  const nlohmann::json j = nlohmann::json::parse(fleet_json(t));
  CHECK(j["screens"][0]["screenshot"] == "a.png");
  CHECK(j["screens"][0]["screenshot_at"].is_string());
  CHECK(j["screens"][0]["frame_times"]["p95_ms"] == 9);
  CHECK(j["screens"][1]["screenshot"].is_null());
  CHECK(j["screens"][1]["screenshot_at"].is_null());
  const LanguageScope zh(Language::zh);
  const std::string html = fleet_html(t);
  // The thumbnail inside the page, a JPEG 120 wide; the other row says it has none.
  const std::string img = "<img src=\"data:image/jpeg;base64,";
  REQUIRE(html.find(img) != std::string::npos);
  CHECK(html.find(img, html.find(img) + 1) == std::string::npos);
  CHECK(html.find("\" alt=\"屏幕 a 的截图\"><br>截于 ") != std::string::npos);
  CHECK(html.find("没有截图") != std::string::npos);
  CHECK(html.find("绘制 p50 4.0 / p95 9.0 / 最长 20.0 毫秒（12 帧）") != std::string::npos);
}

TEST_CASE("fleet ask: screens added to asks.json, old asks dropped, a foreign file kept") {
  const testing::TempFolder dir;
  ask_for_screenshots(dir.path(), {"a"}, now - screenshot_ask_kept_seconds);
  ask_for_screenshots(dir.path(), {"b"}, now - 60);
  ask_for_screenshots(dir.path(), {"c", "b"}, now);
  const std::optional<ScreenshotAsks> asks =
      parse_screenshot_asks(testing::slurp(dir.path() / "asks.json"));
  REQUIRE(asks);
  CHECK(*asks == ScreenshotAsks{{"b", now}, {"c", now}});
  dir.write("asks.json", "mine");
  const LanguageScope english(Language::en);
  CHECK_THROWS_WITH(ask_for_screenshots(dir.path(), {"a"}, now),
                    ("\"" + (dir.path() / "asks.json").string() +
                     "\" is not the screenshot requests hgj writes (not a JSON object): left as "
                     "it was")
                        .c_str());
  CHECK(testing::slurp(dir.path() / "asks.json") == "mine");
}

TEST_CASE("fleet ask: a screen named by its screens.csv id or the id it reports") {
  Content c;
  c.screens = {screen("xy6w5a", "b1"), screen("quiet", "b2")};
  StatusFolder folder;
  folder.screens = {report("lobby-3", "b1", now - 30, published)};  // code XY6-W5A
  const FleetTable t = make_fleet_table(c, folder, published, now, 15 * 60);
  CHECK(reported_id(t, "xy6w5a") == "lobby-3");
  CHECK(reported_id(t, "lobby-3") == "lobby-3");
  CHECK(reported_id(t, "quiet") == "quiet");  // never reported: asked under its own id
  CHECK_FALSE(reported_id(t, "nowhere"));
}

}  // namespace
}  // namespace hgj
