// The status document and asks.json (hgj/screen_status.h): what the kiosk writes is what
// hgj fleet reads back, frame times included, and an older screen's document without
// them still reads.
#include "hgj/screen_status.h"

#include <doctest/doctest.h>

namespace hgj {
namespace {

TEST_CASE("screen status: a document reads back as written, frame times in tenths of a ms") {
  ScreenStatus s;
  s.screen = "dpb-03-a";
  s.building = "dpb-03";
  s.state = "showing";
  s.pairing_code = "XY6-W5A";
  s.bundle_generated_at = 1796025600;
  s.last_sync = 1796029200;
  s.last_error = "HTTP status 503";
  s.uptime_seconds = 3600;
  s.rss_bytes = 52428800;
  s.display_width = 1080;
  s.display_height = 1920;
  s.frame_times = {42, 3.14159, 7.25, 31.96};
  s.software = "hgj-kiosk 1.2.3";
  s.sent_at = 1796029260;
  const std::string text = screen_status_document(s);
  CHECK(text.find("\"frame_times\": {\n    \"frames\": 42,\n    \"p50_ms\": 3.1,\n    \"p95_ms\": "
                  "7.3,\n    \"max_ms\": 32.0\n  }") != std::string::npos);
  std::string why;
  const std::optional<ScreenStatus> back = parse_screen_status(text, why);
  REQUIRE(back);
  CHECK(screen_status_document(*back) == text);
  CHECK(back->frame_times.frames == 42);
  CHECK(back->frame_times.p95_ms == doctest::Approx(7.3));
  CHECK(back->pairing_code == "XY6-W5A");
}

TEST_CASE("screen status: a document from before frame times reads with none") {
  std::string why;
  const auto s = parse_screen_status(
      R"({"format": 1, "screen": "a", "sent_at": "2026-11-30T09:00:00Z"})", why);
  REQUIRE(s);
  CHECK(s->frame_times.frames == 0);
  CHECK(s->frame_times.max_ms == 0);
  CHECK_FALSE(parse_screen_status(
      R"({"screen": "a", "sent_at": "2026-11-30T09:00:00Z", "frame_times": {"frames": "many"}})",
      why));
}

TEST_CASE("screenshot asks: screen ids with the time asked, other entries skipped") {
  const std::string text = screenshot_asks_document({{"a", 1796029260}, {"大厅", 1796029200}});
  CHECK(text == "{\n  \"a\": \"2026-11-30T09:01:00Z\",\n  \"大厅\": \"2026-11-30T09:00:00Z\"\n}\n");
  const std::optional<ScreenshotAsks> back = parse_screenshot_asks(text);
  REQUIRE(back);
  CHECK(back->at("a") == 1796029260);
  const auto odd =
      parse_screenshot_asks(R"({"a": 3, "b": "yesterday", "c": "2026-11-30T09:00:00Z"})");
  REQUIRE(odd);
  CHECK(odd->size() == 1);
  CHECK(odd->count("c") == 1);
  CHECK_FALSE(parse_screenshot_asks("[]"));
  CHECK_FALSE(parse_screenshot_asks("{\"a\": "));
}

TEST_CASE("screen status metrics: the same figures as gauges, the words as escaped labels") {
  ScreenStatus s;
  s.building = "dpb-03";
  s.state = "showing";
  s.software = "hgj-kiosk 1.2.3";
  s.last_error = "http://x/\"a\"\nb";
  s.uptime_seconds = 3600;
  s.rss_bytes = 52428800;
  s.frame_times = {42, 3.14159, 7.25, 31.96};
  s.sent_at = 1796029260;
  const std::string text = screen_status_metrics(s);
  CHECK(text.find("hgj_kiosk_info{building=\"dpb-03\",state=\"showing\",software=\"hgj-kiosk "
                  "1.2.3\",last_error=\"http://x/\\\"a\\\"\\nb\"} 1\n") != std::string::npos);
  CHECK(text.find("\nhgj_kiosk_uptime_seconds 3600\n") != std::string::npos);
  CHECK(text.find("\nhgj_kiosk_resident_bytes 52428800\n") != std::string::npos);
  CHECK(text.find("\nhgj_kiosk_sync_failing 1\n") != std::string::npos);
  CHECK(text.find("\nhgj_kiosk_frames 42\n") != std::string::npos);
  CHECK(text.find("\nhgj_kiosk_frame_milliseconds{quantile=\"0.95\"} 7.3\n") != std::string::npos);
  CHECK(text.find("\nhgj_kiosk_report_timestamp_seconds 1796029260\n") != std::string::npos);
  CHECK(text.find("# TYPE hgj_kiosk_frame_milliseconds gauge\n") != std::string::npos);
}

}  // namespace
}  // namespace hgj
