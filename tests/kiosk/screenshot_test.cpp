// Screenshots under SDL's offscreen driver, checked pixel by pixel: every size and
// rotation keeps an untouched background margin (nothing cut off at the edges), the
// photo and text regions are drawn, and the fault screens still produce a picture.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <set>
#include <vector>

#include "app.h"
#include "kiosk_fixture.h"

namespace hgj::kiosk {
namespace {

using testing::Png;
using testing::TempFolder;

constexpr unsigned background = 0xFBF4E6;  // themes/default/kiosk.toml colors.background
constexpr unsigned primary = 0xB3261E;
constexpr unsigned accent = 0xA86A00;

// Runs the real command line in-process, trusting the test key; returns its exit status.
int kiosk(std::vector<std::string> args) {
  args.push_back("--trusted-key");
  args.push_back(testing::test_public_key_file());
  std::vector<char*> argv{const_cast<char*>("hgj-kiosk")};
  for (std::string& a : args) argv.push_back(a.data());
  return run_kiosk(static_cast<int>(argv.size()), argv.data());
}

struct Shot {
  TempFolder dir;
  std::string png() const { return (dir.path() / "shot.png").string(); }
};

int shoot(const std::string& bundle, const std::string& building, const std::string& png,
          const std::string& size, int slide = 1, int rotate = 0,
          const std::string& at = "2026-11-25T09:30") {
  return kiosk({"--bundle", bundle, "--building", building, "--screenshot", png, "--size", size,
                "--slide", std::to_string(slide), "--rotate", std::to_string(rotate), "--at", at,
                "--state-dir", (std::filesystem::path(png).parent_path() / "state").string()});
}

// The outer band every picture must leave as plain background.
void check_margin(const Png& p, int band) {
  CHECK(p.count_not(0, 0, p.width(), band, background) == 0);
  CHECK(p.count_not(0, p.height() - band, p.width(), band, background) == 0);
  CHECK(p.count_not(0, 0, band, p.height(), background) == 0);
  CHECK(p.count_not(p.width() - band, 0, band, p.height(), background) == 0);
}

int distinct_colours(const Png& p, int x, int y, int w, int h) {
  std::set<unsigned> seen;
  for (int j = y; j < y + h; ++j)
    for (int i = x; i < x + w; ++i) seen.insert(p.rgb(i, j));
  return static_cast<int>(seen.size());
}

TEST_CASE(
    "kiosk screenshot: steward slide at every size keeps its margin and shows photo and phone") {
  TempFolder bundle;
  testing::write_bundle(bundle.path() / "kiosk", testing::fixture_bundle());
  for (const char* size : {"800x480", "1080x1920", "1920x1080", "3840x2160"}) {
    CAPTURE(size);
    Shot shot;
    REQUIRE(shoot((bundle.path() / "kiosk").string(), "dpb-03", shot.png(), size) == 0);
    Png p(shot.png());
    REQUIRE(p.ok());
    int w = 0, h = 0;
    REQUIRE(parse_size(size, w, h));
    CHECK(p.width() == w);
    CHECK(p.height() == h);
    check_margin(p, 8);
    const Metrics m(w, h);
    const ChromeLayout l = chrome_layout(m, true);  // the theme turns 「朗读」 on
    // The photo sits at the content's left, a quarter to a third of the way down.
    const int px = l.content.x + m.px(60), pw = m.px(200);
    const int py = l.content.y + l.content.h * 30 / 100, ph = l.content.h / 10;
    CHECK(distinct_colours(p, px, py, pw, ph) > 20);
    // The header is the red band, with white text (building name, clock) on it.
    CHECK(p.count(l.header.x, l.header.y, l.header.w, l.header.h, primary) >
          l.header.w * l.header.h / 2);
    CHECK(p.count_not(l.header.x, l.header.y, l.header.w, l.header.h, primary) >
          l.header.w * l.header.h / 50);
    // The bottom buttons are drawn.
    CHECK(p.count(l.middle.x, l.middle.y, l.middle.w, l.middle.h, primary) >
          l.middle.w * l.middle.h / 2);
  }
}

TEST_CASE(
    "kiosk screenshot: the phone number is large — its band holds white digits over 96 px tall at "
    "1080p") {
  TempFolder bundle;
  testing::write_bundle(bundle.path(), testing::fixture_bundle());
  Shot shot;
  REQUIRE(shoot(bundle.str(), "dpb-03", shot.png(), "1080x1920") == 0);
  Png p(shot.png());
  REQUIRE(p.ok());
  // Find the tallest run of rows containing light text pixels inside a red band.
  int best = 0, run = 0;
  for (int y = chrome_layout(Metrics(1080, 1920)).content.y; y < p.height(); ++y) {
    int red = 0, light = 0;
    for (int x = 60; x < p.width() - 60; x += 2) {
      const unsigned c = p.rgb(x, y);
      red += c == primary;
      light += (c >> 16) > 0xF0 && ((c >> 8) & 0xFF) > 0xE8;
    }
    const bool text_row = red > 100 && light > 4;
    run = text_row ? run + 1 : 0;
    best = std::max(best, run);
  }
  CHECK(best >= 70);  // digit height (cap height) of a ≥ 96 px font
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST_CASE("kiosk screenshot: every slide of the deck renders inside the margin") {
  TempFolder bundle;
  testing::write_bundle(bundle.path(), testing::fixture_bundle());
  // The fixture's deck: its two stewards, then events, duties, resolved, notices and
  // honours, a slide each. A --slide past the end shows the last slide, so the pictures
  // of 1…7 must all differ (none is a repeat of a shorter deck's last) and 8 must be 7's.
  constexpr int deck = 7;
  for (const char* size : {"1080x1920", "1920x1080"}) {
    std::set<std::string> pictures;
    std::string last;
    for (int slide = 1; slide <= deck + 1; ++slide) {
      CAPTURE(size);
      CAPTURE(slide);
      Shot shot;
      REQUIRE(shoot(bundle.str(), "dpb-03", shot.png(), size, slide) == 0);
      last = slurp(shot.png());
      if (slide > deck) break;
      pictures.insert(last);
      Png p(shot.png());
      REQUIRE(p.ok());
      check_margin(p, 8);
      const Metrics m(p.width(), p.height());
      const Rect c = chrome_layout(m).content;
      CHECK(p.count_not(c.x, c.y, c.w, c.h / 3, background) >
            c.w * c.h / 3 / 20);  // text and cards
    }
    CHECK(pictures.size() == static_cast<std::size_t>(deck));
    CHECK(pictures.count(last) == 1);  // slide 8 is one of the seven: the deck ends at 7
  }
}

TEST_CASE("kiosk screenshot: a missing photo becomes an initials avatar") {
  TempFolder bundle;
  Bundle b = testing::fixture_bundle();
  testing::write_bundle(bundle.path(), b);
  // Slide 2 is 周玉兰, who has no photo: a red circle where the photo would be.
  Shot shot;
  REQUIRE(shoot(bundle.str(), "dpb-03", shot.png(), "1080x1920", 2) == 0);
  Png p(shot.png());
  const Metrics m(1080, 1920);
  const Rect c = chrome_layout(m).content;
  CHECK(p.count(c.x + m.px(100), c.y + m.px(250), m.px(200), m.px(200), primary) >
        m.px(200) * m.px(200) / 2);
}

TEST_CASE("kiosk screenshot: rotation turns the whole picture and nothing else") {
  TempFolder bundle;
  testing::write_bundle(bundle.path(), testing::fixture_bundle());
  Shot upright;
  REQUIRE(shoot(bundle.str(), "dpb-03", upright.png(), "1080x1920") == 0);
  Png u(upright.png());
  REQUIRE(u.ok());
  for (int rotate : {90, 180, 270}) {
    CAPTURE(rotate);
    Shot turned;
    const char* panel = rotate == 180 ? "1080x1920" : "1920x1080";
    REQUIRE(shoot(bundle.str(), "dpb-03", turned.png(), panel, 1, rotate) == 0);
    Png t(turned.png());
    REQUIRE(t.ok());
    int mismatches = 0, samples = 0;
    for (int ly = 0; ly < 1920; ly += 37) {
      for (int lx = 0; lx < 1080; lx += 23) {
        int px = lx, py = ly;
        if (rotate == 90) px = t.width() - 1 - ly, py = lx;
        if (rotate == 180) px = t.width() - 1 - lx, py = t.height() - 1 - ly;
        if (rotate == 270) px = ly, py = t.height() - 1 - lx;
        // Round trip through the touch mapping lands on the same logical point.
        int bx = 0, by = 0;
        panel_to_logical(px, py, t.width(), t.height(), rotate, bx, by);
        CHECK((bx == lx && by == ly));
        mismatches += u.rgb(lx, ly) != t.rgb(px, py);
        ++samples;
      }
    }
    CHECK(mismatches < samples / 100);
  }
}

TEST_CASE("kiosk screenshot: no bundle at all shows the hotline message and exits 0") {
  TempFolder dir;
  Shot shot;
  const std::string config = (dir.path() / "kiosk.toml").string();
  dir.write("kiosk.toml", "[fallback]\nstreet = \"红枫街道\"\nhotline = \"0570-0000100\"\n");
  REQUIRE(
      kiosk({"--bundle", (dir.path() / "nowhere").string(), "--building", "dpb-03", "--screenshot",
             shot.png(), "--config", config, "--state-dir", (dir.path() / "state").string()}) == 0);
  Png p(shot.png());
  REQUIRE(p.ok());
  check_margin(p, 8);
  // Large red digits in the lower half: the hotline.
  CHECK(p.count(0, p.height() / 2, p.width(), p.height() / 3, primary) > 2000);
}

TEST_CASE("kiosk screenshot: a corrupt bundle is refused and the screenshot still exits 0") {
  TempFolder bundle;
  testing::write_bundle(bundle.path(), testing::fixture_bundle());
  bundle.write("bundle.json", "{\"truncated\": ");
  Shot shot;
  REQUIRE(shoot(bundle.str(), "dpb-03", shot.png(), "1080x1920") == 0);
  Png p(shot.png());
  REQUIRE(p.ok());
  check_margin(p, 8);
}

TEST_CASE("kiosk screenshot: an unknown building shows the picker with a message") {
  TempFolder bundle;
  testing::write_bundle(bundle.path(), testing::fixture_bundle());
  Shot shot, other;
  REQUIRE(shoot(bundle.str(), "no-such-building", shot.png(), "1080x1920") == 0);
  REQUIRE(shoot(bundle.str(), "dpb-99", other.png(), "1080x1920") == 0);
  Png p(shot.png());
  REQUIRE(p.ok());
  check_margin(p, 8);
  const Metrics m(1080, 1920);
  const PickerLayout l = picker_layout(m, 2);
  // The title is the message, in gold (not the plain 查找楼栋 title in red), and it names
  // the building the screen was set to: another id, another title, the same picker below.
  const Rect t = l.title;
  CHECK(p.count(t.x, t.y, t.w, t.h, accent) > 200);
  CHECK(p.count(t.x, t.y, t.w, t.h, primary) == 0);
  Png q(other.png());
  REQUIRE(q.ok());
  // Around the title: a glyph's ink may reach a few pixels past its box.
  const Rect around = t.inset(-8);
  int title_differs = 0, rest_differs = 0;
  for (int y = 0; y < p.height(); ++y)
    for (int x = 0; x < p.width(); ++x)
      (around.contains(x, y) ? title_differs : rest_differs) += p.rgb(x, y) != q.rgb(x, y);
  CHECK(title_differs > 100);
  CHECK(rest_differs == 0);
  // The first community tab is selected (red) and building buttons are drawn.
  CHECK(p.count(l.tabs[0].x, l.tabs[0].y, l.tabs[0].w, l.tabs[0].h, primary) >
        l.tabs[0].w * l.tabs[0].h / 2);
  CHECK(p.count_not(l.cells[0].x, l.cells[0].y, l.cells[0].w, l.cells[0].h, background) > 0);
}

}  // namespace
}  // namespace hgj::kiosk
