// Text, settings and the small formatting rules the screen depends on.
#include "text.h"

#include <doctest/doctest.h>

#include "app.h"
#include "clock.h"
#include "config.h"
#include "images.h"
#include "kiosk_fixture.h"
#include "trust.h"

namespace hgj::kiosk {
namespace {

struct Renderer {
  SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
  SDL_Renderer* r = SDL_CreateSoftwareRenderer(surface);
  ~Renderer() {
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surface);
  }
};

TEST_CASE("kiosk text: a phone number never wraps, Chinese text does") {
  Renderer rr;
  TextRenderer text(rr.r, "Noto Sans CJK SC");
  TextStyle one;
  one.px = 40;
  const std::string number = "138 0000 0001";
  const int line_h = text.get(number, one).logical_h;
  const int number_w = text.get(number, one).logical_w;
  // Room for one number and a bit of the next: a plain second number breaks at its
  // spaces, a protected one moves to the next line whole.
  TextStyle box = one;
  box.width = number_w * 3 / 2;
  const CachedTexture& two_numbers = text.get(unbreakable(number) + " " + unbreakable(number), box);
  CHECK(two_numbers.logical_h > line_h);
  CHECK(two_numbers.logical_w <= number_w + 2);
  CHECK(text.get(number + " " + number, box).logical_w > number_w + 20);
  TextStyle narrow = one;
  narrow.width = 120;                                  // far narrower than the number
  CHECK(text.get(number, narrow).logical_h > line_h);  // without protection it breaks
  CHECK(text.get("每天上午在楼下花坛边，电话随时可打", narrow).logical_h > 2 * line_h);
  // Even a protected number does not run out of a box narrower than itself.
  CHECK(text.get(unbreakable(number), narrow).logical_w <= 120);
  CHECK(text.get(unbreakable("0570-8012345"), narrow).logical_w <= 120);
}

TEST_CASE(
    "kiosk text: text of any length is laid out inside its box, never as a surface cairo refuses") {
  Renderer rr;
  TextRenderer text(rr.r, "Noto Sans CJK SC");
  std::string name;
  for (int i = 0; i < 200; ++i)
    name += "王建华";  // 600 characters: 72,000 px on one line at 120 px
  TextStyle big;
  big.px = 120;
  big.bold = true;
  const CachedTexture& unbounded = text.get(name, big);  // no width: one line, ellipsized
  CHECK(unbounded.texture != nullptr);
  CHECK(unbounded.width <= 4096);
  CHECK(unbounded.logical_w <= 4096);
  big.width = 500;
  big.wrap = false;
  CHECK(text.get(name, big).logical_w <= 500);
  CHECK(text.get(name, big).logical_h < 2 * 120);
  big.wrap = true;
  big.max_lines = 2;
  const CachedTexture& two = text.get(name, big);
  CHECK(two.logical_w <= 500);
  CHECK(two.logical_h == text.get("王建\n华", big).logical_h);  // two lines
  // 600 Latin letters without a space: broken between letters rather than overflowing.
  CHECK(text.get(std::string(600, 'A'), big).logical_w <= 500);
  // Wrapped text without a line limit stops at the largest texture.
  TextStyle all;
  all.px = 40;
  all.width = 800;
  std::string hours;
  for (int i = 0; i < 2000; ++i) hours += "每天上午在楼下花坛边；";
  const CachedTexture& tall = text.get(hours, all);
  CHECK(tall.texture != nullptr);
  CHECK(tall.height <= 4096);
  CHECK_FALSE(text.fits(name, big, 500));
  CHECK(text.fits("王建华", big, 500));
}

TEST_CASE("kiosk text: several paragraphs are held to max_lines in all, ending in …") {
  Renderer rr;
  TextRenderer text(rr.r, "Noto Sans CJK SC");
  TextStyle s;
  s.px = 40;
  s.width = 600;
  s.max_lines = 3;
  const int three_lines = text.get("通知\n通知\n通知", s).logical_h;
  std::string paragraphs;
  for (int i = 0; i < 30; ++i) paragraphs += "第" + std::to_string(i) + "条：楼道不堆物\n";
  const CachedTexture& held = text.get(paragraphs, s);
  CHECK(held.logical_h == three_lines);
  std::string long_paragraphs;
  for (int i = 0; i < 5; ++i) {
    for (int k = 0; k < 100; ++k) long_paragraphs += "招募";
    long_paragraphs += "\n";
  }
  CHECK(text.get(long_paragraphs, s).logical_h == three_lines);
}

TEST_CASE("kiosk text: textures are cached by text and style, within a byte budget") {
  Renderer rr;
  TextRenderer text(rr.r, "Noto Sans CJK SC", 1u << 20);
  TextStyle s;
  s.px = 60;
  const SDL_Texture* a = text.get("红管家", s).texture;
  CHECK(text.get("红管家", s).texture == a);
  CHECK(text.entries() == 1);
  for (int i = 0; i < 500; ++i) text.get("第 " + std::to_string(i) + " 次", s);
  CHECK(text.bytes() <= (1u << 20));
}

TEST_CASE("kiosk text: a missing font falls back and says so") {
  Renderer rr;
  TextRenderer text(rr.r, "No Such Font 123");
  CHECK_FALSE(text.family_available());
  TextStyle s;
  s.px = 40;
  CHECK(text.get("王建华", s).texture != nullptr);
}

TEST_CASE("kiosk text: fit_px shrinks one line to the width") {
  Renderer rr;
  TextRenderer text(rr.r, "Noto Sans CJK SC");
  TextStyle s;
  s.px = 150;
  const int px = text.fit_px("138 0000 0001", s, 600, 60);
  CHECK(px < 150);
  CHECK(px >= 60);
  s.px = px;
  CHECK(text.get("138 0000 0001", s).logical_w <= 600);
}

TEST_CASE("kiosk avatar shows the given name, or initials") {
  CHECK(avatar_text("王建华") == "建华");
  CHECK(avatar_text("周玉") == "周玉");
  CHECK(avatar_text("欧阳春花") == "春花");
  CHECK(avatar_text("li ming") == "LM");
  CHECK(avatar_text("") == "?");
  // The site's and the boards' rule (hgj/initials.h): the given name before a middle dot.
  CHECK(avatar_text("阿依古丽·买买提") == "古丽");
  CHECK(avatar_text("Anna Maria Li") == "AL");
}

TEST_CASE("kiosk clock: Chinese dates and the night window") {
  CHECK(chinese_date(Date{2026, 11, 23}) == "2026年11月23日 星期一");
  CHECK(chinese_date(Date{2026, 11, 29}) == "2026年11月29日 星期日");
  CHECK(clock_text(9 * 60 + 5) == "09:05");
  CHECK(in_window(23 * 60 + 30, 23 * 60, 6 * 60));
  CHECK(in_window(5 * 60, 23 * 60, 6 * 60));
  CHECK_FALSE(in_window(12 * 60, 23 * 60, 6 * 60));
  CHECK(in_window(13 * 60, 12 * 60, 14 * 60));
  CHECK_FALSE(in_window(13 * 60, 13 * 60, 13 * 60));
  const auto zone = TimeZone::make("Asia/Shanghai");
  REQUIRE(zone);
  const AtTime at = *parse_at("2026-11-23T09:30");
  CHECK(resolve_at(at, *zone) == 1795570200 - 2 * 86400);  // 01:30Z
  CHECK_FALSE(parse_at("23/11/2026"));
}

TEST_CASE("kiosk config: layers apply in order and bad values are named") {
  KioskConfig c;
  std::vector<std::string> problems;
  apply_config_text(
      "[colors]\nprimary = \"#123456\"\ntext = \"red\"\n[slides]\norder = [\"notices\", "
      "\"steward\", \"weather\"]\n"
      "[slides.seconds]\nsteward = 30\n[behaviour]\nidle_seconds = 90\nsnooze = 1\n[night]\nfrom = "
      "\"25:00\"\n",
      "kiosk.toml", c, problems);
  CHECK(c.colors.primary == Color{0x12, 0x34, 0x56});
  CHECK(c.order == std::vector<SlideKind>{SlideKind::notices, SlideKind::steward});
  CHECK(c.seconds_for(SlideKind::steward) == 30);
  CHECK(c.seconds_for(SlideKind::notices) == 12);
  CHECK(c.idle_seconds == 90);
  // toml++ visits keys in sorted order.
  CHECK(problems ==
        std::vector<std::string>{"kiosk.toml: behaviour.snooze: unknown key",
                                 "kiosk.toml: colors.text: expected a colour like \"#B3261E\"",
                                 "kiosk.toml: night.from: expected HH:MM, got \"25:00\"",
                                 "kiosk.toml: slides.order: unknown slide \"weather\" (steward "
                                 "events duties resolved notices honours)"});
  KioskSettings site;
  site.idle_seconds = 45;
  site.night_from = "22:00";
  site.night_until = "06:30";
  apply_site_settings(site, c);
  CHECK(c.idle_seconds == 45);
  CHECK(c.night_from == "22:00");

  problems.clear();
  apply_config_text("[colors\n", "bad.toml", c, problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].rfind("bad.toml:1: ", 0) == 0);
}

TEST_CASE("kiosk options: sizes, rotations and times are checked") {
  int w = 0, h = 0;
  CHECK(parse_size("1080x1920", w, h));
  CHECK((w == 1080 && h == 1920));
  CHECK(parse_size("3840×2160", w, h));
  CHECK_FALSE(parse_size("10x10", w, h));
  CHECK_FALSE(parse_size("wide", w, h));
  Options o;
  std::string message;
  const char* bad_rotate[] = {"hgj-kiosk", "--bundle", "b", "--building", "x", "--rotate", "45"};
  CHECK(parse_options(7, bad_rotate, o, message) == ParseStatus::error);
  CHECK(message == "--rotate must be 0, 90, 180 or 270, got 45");
  const char* missing[] = {"hgj-kiosk", "--building", "x"};
  CHECK(parse_options(3, missing, o, message) == ParseStatus::error);
  CHECK(message == "--bundle PATH|URL is required");
  const char* good[] = {"hgj-kiosk", "--bundle", "b",    "--building",      "dpb-03",
                        "--size",    "800x480",  "--at", "2026-11-23 08:00"};
  CHECK(parse_options(9, good, o, message) == ParseStatus::ok);
  CHECK((o.width == 800 && o.height == 480 && o.at->minute_of_day == 480));
}

TEST_CASE(
    "kiosk trust settings: keys from options and kiosk.toml, caps, and what is wrong with them") {
  Options o;
  std::string message;
  const char* args[] = {"hgj-kiosk", "--bundle",           "b",     "--building",
                        "x",         "--trusted-key",      "a.pub", "--trusted-key",
                        "b.pub",     "--insecure-unsigned"};
  REQUIRE(parse_options(10, args, o, message) == ParseStatus::ok);
  CHECK(o.trusted_keys == std::vector<std::string>{"a.pub", "b.pub"});
  CHECK(o.insecure_unsigned);

  KioskConfig c;
  std::vector<std::string> problems;
  apply_config_text(
      "trusted_keys = [\"street.pub\", \"/etc/keys/new.pub\"]\n"
      "[sync]\nmax_file_mb = 200\nmax_bundle_mb = 0\ntrusted_keys = \"one.pub\"\n",
      "/etc/hgj-kiosk/kiosk.toml", c, problems);
  CHECK(c.trusted_keys ==
        std::vector<std::string>{"/etc/hgj-kiosk/street.pub", "/etc/keys/new.pub"});
  CHECK(c.max_file_bytes == std::uint64_t{200} << 20);
  CHECK(c.max_bundle_bytes == BundleLimits{}.max_total_bytes);
  CHECK(problems ==
        std::vector<std::string>{
            "/etc/hgj-kiosk/kiosk.toml: sync.max_bundle_mb: expected a whole number from 1 to "
            "1048576",
            "/etc/hgj-kiosk/kiosk.toml: sync.trusted_keys: expected a list of public key files"});

  // The keys themselves: one that is there, one that is not, and one found twice.
  problems.clear();
  const std::vector<PublicKey> keys = load_trusted_keys(
      {testing::test_public_key_file(), "/nonexistent/street.pub", testing::test_public_key_file()},
      "/nonexistent/trusted-keys", problems);
  REQUIRE(keys.size() >= 1);
  CHECK(keys[0].id == testing::test_signing_key().public_key.id);
  CHECK(problems ==
        std::vector<std::string>{"trusted key /nonexistent/street.pub: cannot be read"});
}

}  // namespace
}  // namespace hgj::kiosk
