// What a screen adds to its status (issue #24 item 2): frame times over a report
// interval, and the shrunk PNG of what it shows.
#include <doctest/doctest.h>

#include <cstring>

#include "frame_times.h"
#include "screenshot.h"
#include "status_report.h"

namespace hgj::kiosk {
namespace {

TEST_CASE("frame times: count, nearest-rank p50 and p95, max, taken once") {
  FrameTimer timer;
  for (int ms = 1; ms <= 100; ++ms) timer.add(ms);
  const FrameTimes f = timer.take();
  CHECK(f.frames == 100);
  CHECK(f.p50_ms == 50);
  CHECK(f.p95_ms == 95);
  CHECK(f.max_ms == 100);
  const FrameTimes none = timer.take();  // a quiet interval: nothing drawn
  CHECK(none.frames == 0);
  CHECK(none.p95_ms == 0);
  timer.add(7);
  CHECK(timer.take().p50_ms == 7);
}

// PNG's IHDR width and height.
void png_size(const std::string& png, int& w, int& h) {
  REQUIRE(png.size() > 24);
  REQUIRE(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
  const auto be = [&png](std::size_t at) {
    return static_cast<int>((static_cast<unsigned char>(png[at]) << 24) |
                            (static_cast<unsigned char>(png[at + 1]) << 16) |
                            (static_cast<unsigned char>(png[at + 2]) << 8) |
                            static_cast<unsigned char>(png[at + 3]));
  };
  w = be(16);
  h = be(20);
}

TEST_CASE("screenshot: shrunk to 540 on the long side, no text chunks") {
  std::vector<unsigned char> argb(1080 * 1920 * 4, 0xff);
  for (std::size_t i = 0; i < argb.size(); i += 4)
    if (i / (1080 * 4) / 40 % 2 == 1) argb[i] = 0x20;  // bands of 40 rows
  std::string why;
  const std::string png = screenshot_png(argb, 1080, 1920, 540, 100 << 10, why);
  int w = 0, h = 0;
  png_size(png, w, h);
  CHECK(w == 304);  // 1080 × 540 / 1920, rounded
  CHECK(h == 540);
  CHECK(png.size() <= 100u << 10);
  CHECK(png.find("tEXt") == std::string::npos);
  CHECK(png.find("iTXt") == std::string::npos);
}

TEST_CASE("screenshot: a picture too busy for the limit is shrunk further until it fits") {
  std::vector<unsigned char> argb(540 * 960 * 4);
  unsigned state = 12345;
  for (unsigned char& b : argb)
    b = static_cast<unsigned char>((state = state * 1103515245 + 12345) >> 16);
  std::string why;
  const std::string png = screenshot_png(argb, 540, 960, 540, 100 << 10, why);
  int w = 0, h = 0;
  png_size(png, w, h);
  CHECK(png.size() <= 100u << 10);
  CHECK(h < 540);
  CHECK(h > 60);
  CHECK(why.empty());
}

TEST_CASE("screenshot: no frame, no picture, and why") {
  std::vector<unsigned char> none;
  std::string why;
  CHECK(screenshot_png(none, 0, 0, 540, 100 << 10, why).empty());
  CHECK(why == "no frame to read");
}

TEST_CASE("pushgateway: the screen's group in the push URL, base64url when not plain") {
  CHECK(pushgateway_url("http://p:9091/", "dpb-03-a") ==
        "http://p:9091/metrics/job/hgj_kiosk/screen/dpb-03-a");
  CHECK(pushgateway_url("http://p:9091", "a/b") ==
        "http://p:9091/metrics/job/hgj_kiosk/screen@base64/YS9i");
  CHECK(pushgateway_url("http://p:9091", "大厅") ==
        "http://p:9091/metrics/job/hgj_kiosk/screen@base64/5aSn5Y6F");
}

}  // namespace
}  // namespace hgj::kiosk
