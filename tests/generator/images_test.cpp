#include "site/images/images.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <vips/vips8>

#include "../temp_folder.h"
#include "hgj/sha256.h"
#include "libvips.h"
#include "site/images/photo_cache.h"
#include "site/images/site_size_photo.h"

namespace hgj {

namespace fs = std::filesystem;
using testing::TempFolder;

using testing::slurp;

namespace {

double channel(int value) {
  const double c = value / 255.0;
  return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

// WCAG 2 contrast ratio of white text on "#rrggbb".
double contrast_with_white(const std::string& hex) {
  const auto at = [&](int i) { return std::stoi(hex.substr(i, 2), nullptr, 16); };
  const double l = 0.2126 * channel(at(1)) + 0.7152 * channel(at(3)) + 0.0722 * channel(at(5));
  return 1.05 / (l + 0.05);
}

// A 800×600 JPEG with a gradient, as a camera would hand it over.
std::string camera_jpeg() {
  REQUIRE(vips_init("hgj_tests") == 0);
  vips::VImage image =
      vips::VImage::xyz(800, 600).extract_band(0).linear(0.3, 10).cast(VIPS_FORMAT_UCHAR);
  image = image.bandjoin({image, image.invert()});
  return encode_image(image, ".jpg", vips::VImage::option());
}

// A 240×300 picture (the site's own size), top half black and bottom half white, as
// `suffix` (".png", ".jpg") with EXIF `orientation`; `alpha` makes the left half
// transparent.
std::string site_size_picture(const char* suffix, int orientation = 1, bool alpha = false) {
  REQUIRE(vips_init("hgj_tests") == 0);
  const vips::VImage grey =
      (vips::VImage::xyz(240, 300).extract_band(1) >= 150).cast(VIPS_FORMAT_UCHAR);
  vips::VImage image = grey.bandjoin(grey).bandjoin(grey);
  if (alpha)
    image = image.bandjoin(
        (vips::VImage::xyz(240, 300).extract_band(0) >= 120).cast(VIPS_FORMAT_UCHAR));
  image = image.copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
  if (orientation != 1) image.set(VIPS_META_ORIENTATION, orientation);
  return encode_image(image, suffix, vips::VImage::option());
}

// The mean of the output photo's pixels in a 20×20 box at (x, y).
double mean_at(const std::string& jpeg, int x, int y) {
  return vips::VImage::new_from_buffer(jpeg, "").extract_area(x, y, 20, 20).avg();
}

Steward steward(std::string id, std::string name, std::string photo = {}, std::string qr = {}) {
  Steward s;
  s.id = std::move(id);
  s.name = std::move(name);
  s.photo = std::move(photo);
  s.wechat_qr = std::move(qr);
  s.where = {"content/stewards.csv", 2, 0};
  return s;
}

}  // namespace

TEST_CASE("initials take a Chinese name's last two characters") {
  CHECK(initials("王建国") == "建国");
  CHECK(initials("欧阳明月") == "明月");
  CHECK(initials("毛毅") == "毛毅");
  CHECK(initials("李") == "李");
  CHECK(initials(" 王 建国 ") == "建国");
  CHECK(initials("阿依古丽·买买提") == "古丽");
  CHECK(initials("") == "");
}

TEST_CASE("initials of a name in Latin letters are its first and last word's first letters") {
  CHECK(initials("Anna Li") == "AL");
  CHECK(initials("mary ann smith") == "MS");
  CHECK(initials("john") == "J");
}

TEST_CASE("avatar colours are stable, varied and readable under white text") {
  CHECK(avatar_color("HF-001") == avatar_color("HF-001"));
  std::set<std::string> seen;
  for (int i = 0; i < 500; ++i) seen.insert(avatar_color("HF-" + std::to_string(i)));
  CHECK(seen.size() >= 8);
  for (const std::string& color : seen) {
    INFO(color);
    CHECK(contrast_with_white(color) >= 4.5);
  }
}

TEST_CASE("an avatar SVG carries the name as its title and escapes all text") {
  const std::string svg = avatar_svg("HF-001", "王建国");
  CHECK(svg.find("<title id=\"t\">王建国</title>") != std::string::npos);
  CHECK(svg.find(">建国</text>") != std::string::npos);
  CHECK(svg.find("fill=\"" + avatar_color("HF-001") + "\"") != std::string::npos);
  CHECK(svg.find("width=\"240\" height=\"300\"") != std::string::npos);

  const std::string hostile = avatar_svg("x", "<script>alert('&')</script>");
  CHECK(hostile.find("<script") == std::string::npos);
  CHECK(
      hostile.find("<title id=\"t\">&lt;script&gt;alert(&#39;&amp;&#39;)&lt;/script&gt;</title>") !=
      std::string::npos);
}

TEST_CASE("photos are cropped to 240x300 baseline JPEG, stripped and byte-identical on repeat") {
  TempFolder content, out1, out2;
  content.write("photos/big.jpg", camera_jpeg());
  Content c;
  c.root = content.str();
  c.stewards = {steward("HF-001", "王建国", "photos/big.jpg")};

  DiagnosticSink sink;
  write_site_images(c, out1.path(), {}, sink);
  write_site_images(c, out2.path(), {}, sink);
  CHECK(sink.sorted().empty());

  const std::string jpeg = slurp(out1.path() / "photos/HF-001.jpg");
  CHECK(jpeg == slurp(out2.path() / "photos/HF-001.jpg"));
  REQUIRE(jpeg.starts_with("\xFF\xD8\xFF"));
  CHECK(jpeg.find("Exif") == std::string::npos);
  vips::VImage image = vips::VImage::new_from_buffer(jpeg, "");
  CHECK(image.width() == 240);
  CHECK(image.height() == 300);
  // Baseline (SOF0), not progressive (SOF2): cheaper to make, no bigger at this size.
  CHECK(jpeg.find("\xFF\xC0") != std::string::npos);
  CHECK(jpeg.find("\xFF\xC2") == std::string::npos);
  CHECK(!fs::exists(out1.path() / "avatars"));
}

TEST_CASE(
    "a photo already at the site's size is turned upright, flattened and stripped like any other") {
  TempFolder content, out;
  content.write("photos/plain.png", site_size_picture(".png"));
  content.write("photos/upside-down.jpg", site_size_picture(".jpg", 3));  // EXIF: turn 180°
  content.write("photos/see-through.png", site_size_picture(".png", 1, true));
  content.write("photos/cut.png", site_size_picture(".png").substr(0, 300));
  Content c;
  c.root = content.str();
  c.stewards = {
      steward("A", "王建国", "photos/plain.png"), steward("B", "李德明", "photos/upside-down.jpg"),
      steward("C", "陈美华", "photos/see-through.png"), steward("D", "赵雪", "photos/cut.png")};
  DiagnosticSink sink;
  write_site_images(c, out.path(), {}, sink);
  const std::vector<Diagnostic> found = sink.sorted();
  REQUIRE(found.size() == 1);  // the cut one, decoded as strictly as a photo to be resized
  CHECK(found[0].message.find("照片 \"photos/cut.png\" cannot be decoded") != std::string::npos);
  CHECK(fs::exists(out.path() / "avatars/D.svg"));

  for (const char* id : {"A", "B", "C"}) {
    const std::string jpeg = slurp(out.path() / "photos" / (std::string(id) + ".jpg"));
    REQUIRE(jpeg.starts_with("\xFF\xD8\xFF"));
    CHECK(jpeg.find("Exif") == std::string::npos);
    vips::VImage image = vips::VImage::new_from_buffer(jpeg, "");
    CHECK(image.width() == 240);
    CHECK(image.height() == 300);
    CHECK(image.bands() == 3);
  }
  const std::string plain = slurp(out.path() / "photos/A.jpg");
  CHECK(plain == encode_site_size_photo(site_size_picture(".png"), 240, 300, 82));  // the short way
  CHECK(mean_at(plain, 110, 40) < 20);                                              // black on top
  CHECK(mean_at(plain, 110, 240) > 235);                                            // white below
  const std::string turned = slurp(out.path() / "photos/B.jpg");
  CHECK(mean_at(turned, 110, 40) > 235);  // the white half is on top once turned
  CHECK(mean_at(turned, 110, 240) < 20);
  const std::string flat = slurp(out.path() / "photos/C.jpg");
  CHECK(mean_at(flat, 20, 40) > 235);  // transparent black becomes white paper
  CHECK(mean_at(flat, 200, 40) < 20);  // opaque black stays black
}

TEST_CASE("a photo replaced under the same name is resized afresh on the next build") {
  // `hgj serve` builds many times in one process; resized photos are cached by content.
  TempFolder content, out1, out2;
  Content c;
  c.root = content.str();
  c.stewards = {steward("HF-001", "王建国", "photos/me.jpg")};
  DiagnosticSink sink;
  content.write("photos/me.jpg", camera_jpeg());
  write_site_images(c, out1.path(), {}, sink);
  const std::string original = camera_jpeg();  // libvips reads buffers lazily: keep it alive
  vips::VImage flipped =
      vips::VImage::new_from_buffer(original, "").flip(VIPS_DIRECTION_HORIZONTAL);
  content.write("photos/me.jpg", encode_image(flipped, ".jpg", vips::VImage::option()));
  write_site_images(c, out2.path(), {}, sink);
  CHECK(sink.sorted().empty());
  CHECK(slurp(out1.path() / "photos/HF-001.jpg") != slurp(out2.path() / "photos/HF-001.jpg"));
}

// Content of one steward, HF-001, whose photo photos/me.jpg holds `jpeg`.
Content one_photo(const TempFolder& content, const std::string& jpeg) {
  content.write("photos/me.jpg", jpeg);
  Content c;
  c.root = content.str();
  c.stewards = {steward("HF-001", "王建国", "photos/me.jpg")};
  return c;
}

// The one entry a cache folder holds after one photo was resized.
fs::path only_entry(const fs::path& cache) {
  std::vector<fs::path> found;
  for (const auto& e : fs::recursive_directory_iterator(cache)) {
    if (e.is_regular_file()) found.push_back(e.path());
  }
  REQUIRE(found.size() == 1);
  return found[0];
}

// A valid 240×300 JPEG unlike any resized camera photo: one flat colour.
std::string flat_jpeg() {
  const vips::VImage image =
      vips::VImage::black(240, 300, vips::VImage::option()->set("bands", 3)) + 200;
  return encode_image(image.cast(VIPS_FORMAT_UCHAR), ".jpg", vips::VImage::option());
}

TEST_CASE("resized photos are kept in the cache folder and the next build uses them") {
  TempFolder content, cache, out1, out2;
  const std::string camera = camera_jpeg();
  const Content c = one_photo(content, camera);
  DiagnosticSink sink;
  write_site_images(c, out1.path(), cache.path(), sink);
  const fs::path entry = only_entry(cache.path());
  CHECK(entry.filename() == sha256_hex(camera) + ".jpg");
  // "nometa": entries from before metadata was stripped are in another folder, never read.
  CHECK(entry.parent_path().filename().string().starts_with(
      "site-photos-240x300-q82-baseline-std-huffman-nometa-vips"));
  CHECK(slurp(entry) == slurp(out1.path() / "photos/HF-001.jpg"));

  // A planted entry shows that the second build read the cache instead of resizing.
  const std::string planted = flat_jpeg();
  std::ofstream(entry, std::ios::binary | std::ios::trunc) << planted;
  write_site_images(c, out2.path(), cache.path(), sink);
  CHECK(sink.sorted().empty());
  CHECK(slurp(out2.path() / "photos/HF-001.jpg") == planted);
}

TEST_CASE("a cache entry is the output file under a second name, and outlives its change") {
  TempFolder content, cache, out;
  const std::string camera = camera_jpeg();
  DiagnosticSink sink;
  write_site_images(one_photo(content, camera), out.path(), cache.path(), sink);
  const fs::path entry = only_entry(cache.path());
  const fs::path output = out.path() / "photos/HF-001.jpg";
  CHECK(fs::equivalent(entry, output));  // no second copy
  const std::string resized = slurp(entry);

  // A new photo rebuilt over the same output: the file is replaced, never rewritten in
  // place, so the old entry still holds the old photo for the next build that needs it.
  write_site_images(one_photo(content, flat_jpeg()), out.path(), cache.path(), sink);
  CHECK(sink.sorted().empty());
  CHECK(slurp(entry) == resized);
  CHECK(slurp(output) != resized);
  CHECK_FALSE(fs::equivalent(entry, output));
}

TEST_CASE("a cache folder on another filesystem than the output holds a copy") {
  TempFolder content, out;
  const fs::path shm = "/dev/shm";
  struct stat a {
  }, b{};
  if (::stat(shm.c_str(), &a) != 0 || ::access(shm.c_str(), W_OK) != 0 ||
      ::stat(out.path().c_str(), &b) != 0 || a.st_dev == b.st_dev) {
    MESSAGE("no writable /dev/shm on another filesystem here; the copy is not tested");
    return;
  }
  const fs::path cache = shm / ("hgj-test-cache-" + std::to_string(::getpid()));
  DiagnosticSink sink;
  write_site_images(one_photo(content, camera_jpeg()), out.path(), cache, sink);
  const fs::path entry = only_entry(cache);
  const fs::path output = out.path() / "photos/HF-001.jpg";
  CHECK(sink.sorted().empty());
  CHECK_FALSE(fs::equivalent(entry, output));
  CHECK(slurp(entry) == slurp(output));
  std::error_code ignored;
  fs::remove_all(cache, ignored);
}

TEST_CASE("a damaged cache entry is resized again and replaced") {
  TempFolder content, cache, out1, out2;
  const Content c = one_photo(content, camera_jpeg());
  DiagnosticSink sink;
  write_site_images(c, out1.path(), cache.path(), sink);
  const fs::path entry = only_entry(cache.path());
  const std::string good = slurp(entry);
  std::ofstream(entry, std::ios::binary | std::ios::trunc) << good.substr(0, good.size() / 2);
  write_site_images(c, out2.path(), cache.path(), sink);
  CHECK(sink.sorted().empty());
  CHECK(slurp(out2.path() / "photos/HF-001.jpg") == good);
  CHECK(slurp(entry) == good);
}

TEST_CASE("a cache folder that cannot be written only costs speed") {
  TempFolder content, out;
  content.write("not-a-folder", "a file where the cache folder would go");
  const Content c = one_photo(content, camera_jpeg());
  DiagnosticSink sink;
  write_site_images(c, out.path(), content.path() / "not-a-folder", sink);
  CHECK(sink.sorted().empty());
  CHECK(vips::VImage::new_from_buffer(slurp(out.path() / "photos/HF-001.jpg"), "").width() == 240);
}

TEST_CASE("the cache folder defaults to HGJ_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache") {
  struct Saved {
    const char* name;
    std::optional<std::string> value;
  };
  std::vector<Saved> saved;
  for (const char* name : {"HGJ_CACHE_DIR", "XDG_CACHE_HOME", "HOME"}) {
    const char* v = std::getenv(name);
    saved.push_back({name, v ? std::optional<std::string>(v) : std::nullopt});
  }
  ::setenv("HGJ_CACHE_DIR", "/srv/hgj-cache", 1);
  ::setenv("XDG_CACHE_HOME", "/home/u/.xdg", 1);
  ::setenv("HOME", "/home/u", 1);
  CHECK(default_cache_folder() == "/srv/hgj-cache");
  ::unsetenv("HGJ_CACHE_DIR");
  CHECK(default_cache_folder() == "/home/u/.xdg/hgj");
  ::unsetenv("XDG_CACHE_HOME");
  CHECK(default_cache_folder() == "/home/u/.cache/hgj");
  ::unsetenv("HOME");
  CHECK(default_cache_folder().empty());
  for (const Saved& s : saved) {
    if (s.value)
      ::setenv(s.name, s.value->c_str(), 1);
    else
      ::unsetenv(s.name);
  }
}

TEST_CASE("a steward without a photo gets an initials avatar") {
  TempFolder content, out;
  Content c;
  c.root = content.str();
  c.stewards = {steward("HF-010", "叶小红")};
  DiagnosticSink sink;
  write_site_images(c, out.path(), {}, sink);
  CHECK(sink.sorted().empty());
  CHECK(slurp(out.path() / "avatars/HF-010.svg") == avatar_svg("HF-010", "叶小红"));
  CHECK(!fs::exists(out.path() / "photos"));
}

TEST_CASE("a photo that cannot be decoded is a warning and the avatar stands in") {
  TempFolder content, out;
  content.write("photos/broken.jpg", camera_jpeg().substr(0, 2000));  // cut off in transfer
  Content c;
  c.root = content.str();
  c.stewards = {steward("HF-002", "李德明", "photos/broken.jpg")};
  DiagnosticSink sink;
  write_site_images(c, out.path(), {}, sink);

  const std::vector<Diagnostic> found = sink.sorted();
  REQUIRE(found.size() == 1);
  CHECK(format_heading(found[0]) ==
        (content.path() / "photos/broken.jpg").generic_string() +
            ": warning: 照片 \"photos/broken.jpg\" cannot be decoded (VipsJpeg: Premature end of "
            "input file); steward HF-002 gets an initials avatar");
  CHECK(fs::exists(out.path() / "avatars/HF-002.svg"));
  // Pages that link photos/<id>.jpg still get an image: the avatar as a JPEG.
  const std::string jpeg = slurp(out.path() / "photos/HF-002.jpg");
  vips::VImage stand_in = vips::VImage::new_from_buffer(jpeg, "");
  CHECK(stand_in.width() == 240);
  CHECK(stand_in.height() == 300);
}

TEST_CASE(
    "two photos that cannot be decoded each get their own reason, though decoded in parallel") {
  TempFolder content, out;
  content.write("photos/cut.jpg", camera_jpeg().substr(0, 2000));
  content.write("photos/cut.png", "\x89PNG\r\n\x1A\n cut");
  Content c;
  c.root = content.str();
  for (int i = 0; i < 40; ++i) {  // enough stewards for several threads
    c.stewards.push_back(
        steward("S" + std::to_string(i), "张三", i % 2 ? "photos/cut.png" : "photos/cut.jpg"));
  }
  DiagnosticSink sink;
  write_site_images(c, out.path(), {}, sink);
  const std::vector<Diagnostic> found = sink.sorted();
  REQUIRE(found.size() == 40);
  for (const Diagnostic& d : found) {
    INFO(d.message);
    const bool jpeg = d.message.find("\"photos/cut.jpg\"") != std::string::npos;
    CHECK((d.message.find("VipsJpeg: Premature end of input file") != std::string::npos) == jpeg);
    CHECK(d.message.find("()") == std::string::npos);
  }
}

TEST_CASE("WeChat QR codes are copied as PNG without their metadata, converting other formats") {
  TempFolder content, out;
  const std::string png = site_size_picture(".png");
  // A text chunk after the header: what a phone's editor adds.
  const std::string text =
      std::string("\0\0\0\x11tEXtComment\0CANARY-QR", 25) + std::string("\x60\xd3\xd6\xce", 4);
  content.write("qr/group.png", png.substr(0, 33) + text + png.substr(33));
  content.write("qr/group.jpg", camera_jpeg());
  Content c;
  c.root = content.str();
  c.stewards = {steward("A", "甲乙丙", {}, "qr/group.png"),
                steward("B", "丁戊", {}, "qr/group.jpg")};
  DiagnosticSink sink;
  write_site_images(c, out.path(), {}, sink);
  CHECK(sink.sorted().empty());
  CHECK(slurp(out.path() / "qr/A.png") == png);
  CHECK(slurp(out.path() / "qr/B.png").starts_with("\x89PNG\r\n\x1A\n"));
}

TEST_CASE("many stewards are written in parallel, each exactly once") {
  TempFolder content, out;
  Content c;
  c.root = content.str();
  // Names as different as their ids, so a worker that drew one steward into another's
  // file shows, not only one that skipped or doubled a file.
  const std::string given = "甲乙丙丁戊己庚辛壬癸";
  for (int i = 0; i < 200; ++i) {
    const std::string name = "张" + given.substr(static_cast<std::size_t>(i % 10) * 3, 3) +
                             given.substr(static_cast<std::size_t>(i / 10 % 10) * 3, 3) +
                             std::to_string(i / 100);
    c.stewards.push_back(steward("S" + std::to_string(i), name));
  }
  DiagnosticSink sink;
  write_site_images(c, out.path(), {}, sink);
  CHECK(sink.sorted().empty());
  std::set<std::string> written;
  for (const auto& entry : fs::directory_iterator(out.path() / "avatars"))
    written.insert(entry.path().filename().string());
  CHECK(written.size() == 200);
  for (const Steward& s : c.stewards) {
    CAPTURE(s.id);
    CHECK(written.count(s.id + ".svg") == 1);
    CHECK(slurp(out.path() / "avatars" / (s.id + ".svg")) == avatar_svg(s.id, s.name));
  }
}

}  // namespace hgj
