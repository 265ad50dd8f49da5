// Read-aloud (朗读) at the kiosk: the words it says, as a pure function, and the real App
// with read-aloud on — the button is drawn, and a tap runs the engine (a fake one that
// writes its arguments down) with exactly those words, without waiting for it.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "app.h"
#include "kiosk_fixture.h"

namespace hgj::kiosk {
namespace {

using testing::TempFolder;

constexpr std::int64_t morning_ms = 1795570200000;  // 2026-11-25 09:30 in Shanghai, a Wednesday

const BundleBuilding& building(const Bundle& b, const std::string& id) { return *b.building(id); }

TEST_CASE("kiosk speech text: each steward's name and phone digit by digit, then the next 敲门日") {
  const Bundle b = testing::fixture_bundle();
  CHECK(speech_text(b, building(b, "dpb-03"), "2026年12月1日 星期二 19:00–20:30") ==
        "德平坝小区3幢。本楼红管家王建华，电话：幺三八，零零零零，零零零幺。"
        "本楼红管家周玉兰，电话：幺三八，零零零零，零零零九。下次敲门日：2026年12月1日 星期二 "
        "19点到20点30分。");
  CHECK(speech_text(b, building(b, "dpb-05"), "") ==
        "德平坝小区5幢。本楼红管家刘德明，电话：幺三九，零零零零，零零幺零。");
}

TEST_CASE("kiosk speech text: a building without a steward gives the community's phone") {
  const Bundle b = testing::fixture_bundle();
  CHECK(speech_text(b, building(b, "tpx-12"), "") ==
        "天平巷12号楼。本楼暂未安排红管家，有事请打社区电话：零五七零，零零零零幺零幺。");
}

TEST_CASE(
    "kiosk speech pinyin: numeric pinyin, syllables and numbers apart, for espeak-ng's pinyin "
    "voice") {
  CHECK(pinyin_text("本楼红管家王建华，电话：幺三八。") ==
        "ben3 lou2 hong2 guan3 jia1 wang2 jian4 hua2, dian4 hua4: yao1 san1 ba1.");
  CHECK(pinyin_text("德平坝小区3幢。下次敲门日：2026年12月1日 星期二 19点到20点30分。") ==
        "de2 ping2 ba4 xiao3 qu1 3 dong4. xia4 ci4 qiao1 men2 ri4: 2026 nian2 12 yue4 1 ri4 xing1 "
        "qi1 er4 19 dian3 dao4 20 "
        "dian3 30 fen1.");
}

bool wait_for_file(const std::filesystem::path& p) {
  for (int i = 0; i < 100 && !std::filesystem::exists(p); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  return std::filesystem::exists(p);
}

TEST_CASE(
    "kiosk read-aloud on: the 朗读 button is drawn and a tap says the building's steward and "
    "phone") {
  TempFolder dir;
  testing::write_bundle(dir.path() / "bundle", testing::fixture_bundle());
  const auto said = dir.path() / "said.txt";
  const auto engine = dir.path() / "fake-espeak-ng";
  {
    std::ofstream script(engine);
    script << "#!/bin/sh\nprintf '%s\\n' \"$@\" > " << said.string() << ".tmp && mv "
           << said.string() << ".tmp " << said.string() << "\n";
  }
  std::filesystem::permissions(engine, std::filesystem::perms::owner_all);
  {
    std::ofstream config(dir.path() / "screen.toml");
    config << "[speech]\nenabled = true\ncommand = \"" << engine.string() << "\"\nrate = 120\n";
  }
  ::setenv("PULSE_SERVER", "unix:/nonexistent/hgj-test", 1);  // "an audio device is there"
  REQUIRE(SDL_Init(SDL_INIT_EVENTS) == 0);
  {
    Options o;
    o.bundle = (dir.path() / "bundle").string();
    o.building = "dpb-03";
    o.config = (dir.path() / "screen.toml").string();
    o.state_dir = (dir.path() / "state").string();
    o.trusted_keys = {testing::test_public_key_file()};
    std::int64_t now = morning_ms;
    App app(o, [&now] { return now; });
    std::string why;
    REQUIRE(app.open(true, why));
    app.sync_now();
    REQUIRE(app.scene().speech_on());
    app.tick();
    app.draw();

    // The button: a light box with red text, where chrome_layout puts it.
    const ChromeLayout l = chrome_layout(Metrics(1080, 1920), true);
    const std::string png = (dir.path() / "shot.png").string();
    REQUIRE(app.display().write_png(png, why));
    testing::Png p(png);
    REQUIRE(p.ok());
    CHECK(p.count(l.speak.x, l.speak.y, l.speak.w, l.speak.h, 0xB3261E) > 100);
    CHECK(l.speak.w >= 200);
    CHECK(l.speak.h >= 120);

    const std::string expected =
        "德平坝小区3幢。本楼红管家王建华，电话：幺三八，零零零零，零零零幺。"
        "本楼红管家周玉兰，电话：幺三八，零零零零，零零零九。下次敲门日：2026年12月1日 星期二 "
        "19点到20点30分。";
    CHECK(speech_text(app.scene()) == expected);

    SDL_Event e{};
    e.type = SDL_FINGERDOWN;
    e.tfinger.x = (l.speak.x + l.speak.w / 2 + 0.5f) / 1080;
    e.tfinger.y = (l.speak.y + l.speak.h / 2 + 0.5f) / 1920;
    app.handle(e);
    CHECK(app.scene().slide_index() == 0);  // a tap on 朗读 turns no page
    REQUIRE(wait_for_file(said));
    std::ifstream in(said);
    std::string args((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(args == "-v\ncmn-latn-pinyin\n-s\n120\n--\n" + pinyin_text(expected) + "\n");
  }
  SDL_Quit();
  ::unsetenv("PULSE_SERVER");
}

}  // namespace
}  // namespace hgj::kiosk
