// 紧急 notices over the whole screen: not before their start, over everything while
// current, gone after their end day; two at once in turn; a touch gives the screen back
// until the idle timeout; each read aloud once.
#include <doctest/doctest.h>

#include "app_rig.h"

namespace hgj::kiosk {
namespace {

using testing::Png;
using testing::TempFolder;

constexpr unsigned primary = 0xB3261E;  // the card's reds (themes/default/kiosk.toml)
constexpr unsigned primary_dark = 0x8C1C16;
// 2026-11-24 in Shanghai: 03:00, 04:00 and 05:00 as wall-clock milliseconds.
constexpr std::int64_t three_am_ms = 1795460400000;
constexpr std::int64_t hour_ms = 3'600'000;

BundleNotice urgent_notice(const std::string& id, const std::string& title, int start_hour) {
  BundleNotice n;
  n.id = id;
  n.title = title;
  n.date = Date{2026, 11, 23};
  n.urgent = true;
  n.start = DateTime{Date{2026, 11, 24}, start_hour * 60};
  n.expires = Date{2026, 11, 24};
  n.text = "水管爆裂，正在抢修，预计中午12点前恢复供水。";
  return n;
}

Bundle urgent_bundle() {
  Bundle b = testing::fixture_bundle();
  b.site.kiosk.night_from.clear();  // the screen is awake: the card is what changes
  b.site.kiosk.night_until.clear();
  b.notices.push_back(urgent_notice("water", "德平坝小区今晨紧急停水", 4));
  b.notices.push_back(urgent_notice("gas", "燃气管道检修暂停供气", 5));
  return b;
}

int kiosk(std::vector<std::string> args) {
  args.push_back("--trusted-key");
  args.push_back(testing::test_public_key_file());
  std::vector<char*> argv{const_cast<char*>("hgj-kiosk")};
  for (std::string& a : args) argv.push_back(a.data());
  return run_kiosk(static_cast<int>(argv.size()), argv.data());
}

// Share of the picture in the card's reds (its ground and the text's darker box).
double red_share(const std::string& png) {
  Png p(png);
  REQUIRE(p.ok());
  const int reds = p.count(0, 0, p.width(), p.height(), primary) +
                   p.count(0, 0, p.width(), p.height(), primary_dark);
  return static_cast<double>(reds) / (p.width() * p.height());
}

TEST_CASE("kiosk urgent: --screenshot before the start, during, and after the end day") {
  TempFolder dir;
  Bundle b = urgent_bundle();
  b.notices.pop_back();  // the water notice alone
  testing::write_bundle(dir.path() / "bundle", b);
  const auto shot = [&dir](const std::string& at, const std::string& size) {
    const std::string png = (dir.path() / (at + size + ".png")).string();
    REQUIRE(kiosk({"--bundle", (dir.path() / "bundle").string(), "--building", "dpb-03",
                   "--screenshot", png, "--size", size, "--at", at, "--state-dir",
                   (dir.path() / "state").string()}) == 0);
    return red_share(png);
  };
  for (const std::string size : {"1080x1920", "1920x1080", "1280x720", "768x1366"}) {
    CAPTURE(size);
    CHECK(shot("2026-11-24T03:59", size) < 0.25);  // the slides: a red header band at most
    CHECK(shot("2026-11-24T04:00", size) > 0.5);   // the card covers the screen
    CHECK(shot("2026-11-24T23:59", size) > 0.5);   // all of its expiry day
    CHECK(shot("2026-11-25T00:00", size) < 0.25);  // and not a minute longer
  }
}

TEST_CASE(
    "kiosk urgent: two at once in turn, a touch gives the screen back, read aloud once each") {
  testing::AppRig rig(urgent_bundle(), 1080, 1920, "dpb-03", three_am_ms);
  Scene& s = rig.scene();
  s.set_speech(true);  // as with an engine and a sound card
  CHECK(s.urgent() == nullptr);
  rig.advance(hour_ms);  // 04:00: the water notice
  REQUIRE(s.urgent() != nullptr);
  CHECK(s.urgent()->id == "water");
  const std::string reading = s.take_urgent_reading();
  CHECK(reading ==
        "紧急通知：德平坝小区今晨紧急停水。水管爆裂，正在抢修，预计中午12点前恢复供水。有事请打社区"
        "电话：" +
            std::string("零五七零，零零零零幺零幺。"));
  CHECK(s.take_urgent_reading().empty());
  rig.advance(hour_ms);  // 05:00: the gas notice too; the water one stays on until its turn ends
  REQUIRE(s.urgent_notices().size() == 2);
  CHECK(s.urgent()->id == "water");
  rig.advance(urgent_turn_ms);
  CHECK(s.urgent()->id == "gas");
  CHECK(s.take_urgent_reading().find("燃气管道检修暂停供气") != std::string::npos);
  rig.advance(urgent_turn_ms);
  CHECK(s.urgent()->id == "water");
  CHECK(s.take_urgent_reading().empty());  // once is enough
  // Someone touches the screen: the slides (that touch does nothing else), until the
  // idle timeout brings the card back.
  const int slide = s.slide_index();
  rig.touch(chrome_layout(Metrics(1080, 1920), true).next);
  CHECK(s.urgent() == nullptr);
  CHECK(s.mode() == Mode::slides);
  CHECK(s.slide_index() == slide);
  rig.touch(chrome_layout(Metrics(1080, 1920), true).next);
  CHECK(s.slide_index() == (slide + 1) % static_cast<int>(s.deck().size()));
  rig.advance(static_cast<std::int64_t>(s.config().idle_seconds) * 1000 + 1000);
  CHECK(s.urgent() != nullptr);
  // The next day both are over.
  rig.advance(20 * hour_ms);
  CHECK(s.urgent() == nullptr);
  CHECK(s.urgent_notices().empty());
}

}  // namespace
}  // namespace hgj::kiosk
