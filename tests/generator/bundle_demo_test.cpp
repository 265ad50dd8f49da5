// The generator's bundle stage on the demo content: written, read back with the
// kiosk's reader, compared with the content model; private data kept out; output
// deterministic.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vips/vips8>

#include "../temp_folder.h"
#include "bundle/plain_text.h"
#include "bundle/write_bundle.h"
#include "hgj/bundle.h"
#include "hgj/files.h"
#include "hgj/loader.h"
#include "hgj/sha256.h"

using namespace hgj;
namespace fs = std::filesystem;

using hgj::testing::fresh_dir;
using hgj::testing::slurp;

namespace {

constexpr Instant kGeneratedAt = 1795465800;  // 2026-11-23T20:30:00Z

const Content& demo() {
  static const Content content = [] {
    DiagnosticSink sink;
    LoadResult loaded = load_content(HGJ_SOURCE_DIR "/content", sink);
    REQUIRE(sink.error_count() == 0);
    return loaded.content;
  }();
  return content;
}

// The demo model over a copy of its files in a fresh folder, for a test that changes them.
Content demo_copy(const fs::path& dir) {
  fs::copy(HGJ_SOURCE_DIR "/content", dir, fs::copy_options::recursive);
  Content content = demo();
  content.root = dir.string();
  return content;
}

fs::path write_demo(const std::string& name) {
  const fs::path out = fresh_dir(name);
  BundleOptions options;
  options.now = kGeneratedAt;
  DiagnosticSink sink;
  REQUIRE(write_kiosk_bundle(demo(), options, out, sink));
  CHECK(sink.error_count() == 0);
  CHECK(sink.warning_count() == 0);
  return out;
}

const fs::path& demo_bundle() {
  static const fs::path dir = write_demo("demo");
  return dir;
}

}  // namespace

TEST_CASE("the demo's kiosk bundle reads back with everything the kiosk needs") {
  std::string why;
  const std::optional<Bundle> bundle = read_bundle(demo_bundle(), why);
  REQUIRE_MESSAGE(bundle, why);
  const Content& c = demo();
  CHECK(bundle->generated_at == kGeneratedAt);
  CHECK(bundle->communities.size() == c.communities.size());
  CHECK(bundle->grids.size() == c.grids.size());
  CHECK(bundle->buildings.size() == c.buildings.size());
  CHECK(bundle->stewards.size() == c.stewards.size());
  CHECK(bundle->duties.size() == c.duties.size());
  CHECK(bundle->events.size() == c.events.size());
  CHECK(bundle->notices.size() == c.notices.size());

  CHECK(bundle->site.title == "红枫街道楼道红管家");
  REQUIRE(bundle->site.hotline);
  CHECK(bundle->site.hotline->display == "0570-0000100");
  CHECK(bundle->site.hotline->digits == "05700000100");
  CHECK(bundle->site.kiosk.night_from == "23:00");

  const BundleSteward* wang = bundle->steward("HF-001");
  REQUIRE(wang);
  CHECK(wang->name == "王建华");
  REQUIRE(wang->phone);
  CHECK(wang->phone->display == "138 0000 0001");
  CHECK(wang->buildings == std::vector<BuildingRef>{{"dpb-03", 1, 2}});
  CHECK(wang->honors.size() == 3);
  CHECK(wang->photo == "images/steward-HF-001.jpg");
  CHECK(wang->wechat_qr.starts_with("images/qr-"));
  CHECK(wang->intro.starts_with("王老师在德平坝小区住了三十多年"));
  // Every steward with a photo in the content has one in the bundle, and only those.
  for (const Steward& s : c.stewards) {
    CAPTURE(s.id);
    CHECK(bundle->steward(s.id)->photo.empty() == s.photo.empty());
    CHECK(bundle->steward(s.id)->wechat_qr.empty() == s.wechat_qr.empty());
  }

  const BundleBuilding* dpb3 = bundle->building("dpb-03");
  REQUIRE(dpb3);
  CHECK(dpb3->url == "https://hgj.example.cn/building/dpb-03/");
  CHECK(bundle->stewards_of_building("dpb-03").size() == c.stewards_of_building("dpb-03").size());
  REQUIRE(bundle->duty_scheme_for_building("dpb-03"));
  CHECK(bundle->duty_scheme_for_building("dpb-03")->id == c.duty_scheme_for_building("dpb-03")->id);

  // Events keep their rules: the next 议事会 can be computed from the bundle alone.
  const BundleEvent* council = nullptr;
  for (const BundleEvent& e : bundle->events)
    if (e.id == "fangkou-council") council = &e;
  REQUIRE(council);
  REQUIRE(council->schedule.rule);
  CHECK(council->schedule.rule->text() == "monthly:31");
  const auto next =
      next_occurrences(council->schedule, *TimeZone::make("Asia/Shanghai"), kGeneratedAt, 1);
  REQUIRE(next.size() == 1);
  CHECK(next[0].date.iso() == "2026-11-30");
}

TEST_CASE("the demo's bundle keeps recent closed issues, private categories without their story") {
  std::string why;
  const std::optional<Bundle> bundle = read_bundle(demo_bundle(), why);
  REQUIRE_MESSAGE(bundle, why);
  const std::string text = slurp(demo_bundle() / "bundle.json");
  int private_issues = 0, public_issues = 0;
  for (const BundleBuilding& b : bundle->buildings) {
    CHECK(b.recent_issues.size() <= static_cast<std::size_t>(bundle_recent_issues));
    for (std::size_t k = 1; k < b.recent_issues.size(); ++k)
      CHECK(b.recent_issues[k - 1].closed_on >= b.recent_issues[k].closed_on);
    for (const BundleIssue& i : b.recent_issues) {
      const Issue* source = nullptr;
      for (const Issue& x : demo().issues)
        if (x.id == i.id) source = &x;
      REQUIRE(source);
      CHECK(source->closed());
      CHECK(source->building == b.id);
      if (i.private_category) {
        ++private_issues;
        CHECK(i.category == "邻里纠纷");
        CHECK(i.title.empty());
        CHECK(i.resolution.empty());
        CHECK_MESSAGE(text.find(source->title) == std::string::npos, source->title);
        if (!source->resolution.empty()) CHECK(text.find(source->resolution) == std::string::npos);
      } else {
        ++public_issues;
        CHECK(i.title == source->title);
        CHECK(i.resolution == source->resolution);
      }
    }
  }
  CHECK(private_issues > 0);
  CHECK(public_issues > 0);
  CHECK(text.find("（演示数据）") == std::string::npos);  // private_ and _ columns' values
}

TEST_CASE("the demo's bundle is byte-identical when written twice") {
  const fs::path again = write_demo("again");
  CHECK(slurp(again / "manifest.json") == slurp(demo_bundle() / "manifest.json"));
  CHECK(slurp(again / "bundle.json") == slurp(demo_bundle() / "bundle.json"));
  fs::remove_all(again);
}

TEST_CASE("the bundle's manifest, made from what was written, is the folder's own") {
  // Listed from the digests of the bytes as written (no file read back): exactly what
  // make_manifest() finds in the folder, photos and QR images included.
  const std::string written = slurp(demo_bundle() / bundle_manifest_file);
  CHECK(written == manifest_to_json(make_manifest(demo_bundle(), kGeneratedAt)));
  CHECK(written.find("\"images/qr-") != std::string::npos);
  CHECK(written.find("\"images/steward-") != std::string::npos);
}

TEST_CASE("a flipped byte in a demo bundle photo is caught") {
  const fs::path dir = fresh_dir("flip");
  fs::copy(demo_bundle(), dir, fs::copy_options::recursive);
  const fs::path photo = dir / "images/steward-HF-001.jpg";
  std::string bytes = slurp(photo);
  REQUIRE(bytes.size() > 100);
  CHECK(bytes.starts_with("\xFF\xD8\xFF"));
  const std::string listed = sha256_hex(bytes);
  bytes[bytes.size() / 2] ^= 0x20;
  std::ofstream(photo, std::ios::binary | std::ios::trunc) << bytes;
  std::string why;
  CHECK_FALSE(read_bundle(dir, why));
  CHECK(why == "images/steward-HF-001.jpg: SHA-256 " + sha256_hex(bytes) +
                   " does not match manifest.json's " + listed);
  fs::remove_all(dir);
}

TEST_CASE("a photo that cannot be decoded is a warning and left out and the bundle still reads") {
  const fs::path content_dir = fresh_dir("content");
  Content content = demo_copy(content_dir);
  std::ofstream(content_dir / "photos/HF-001.jpg", std::ios::binary | std::ios::trunc)
      << "\xFF\xD8\xFF not really";
  const fs::path out = fresh_dir("bad-photo");
  BundleOptions options;
  options.now = kGeneratedAt;
  DiagnosticSink sink;
  REQUIRE(write_kiosk_bundle(content, options, out, sink));
  CHECK(sink.error_count() == 0);
  REQUIRE(sink.warning_count() == 1);
  CHECK(sink.sorted()[0].where.file == (content_dir / "photos/HF-001.jpg").generic_string());
  CHECK(sink.sorted()[0].message.starts_with(
      "photo of HF-001 left out of the kiosk bundle (the kiosk shows initials): "));
  std::string why;
  const std::optional<Bundle> bundle = read_bundle(out, why);
  REQUIRE_MESSAGE(bundle, why);
  CHECK(bundle->steward("HF-001")->photo.empty());
  CHECK_FALSE(fs::exists(out / "images/steward-HF-001.jpg"));
  fs::remove_all(out);
  fs::remove_all(content_dir);
}

TEST_CASE("each photo left out of the bundle names its own decoding error, not an earlier one") {
  // libvips keeps one error buffer for the process: a message must be this failure's.
  const fs::path content_dir = fresh_dir("content-two-bad");
  Content content = demo_copy(content_dir);
  std::ofstream(content_dir / "photos/HF-001.jpg", std::ios::binary | std::ios::trunc)
      << "\xFF\xD8\xFF not really";
  std::ofstream(content_dir / "photos/HF-002.jpg", std::ios::binary | std::ios::trunc)
      << "\x89PNG\r\n\x1A\n cut";
  BundleOptions options;
  options.now = kGeneratedAt;
  DiagnosticSink sink;
  REQUIRE(write_kiosk_bundle(content, options, fresh_dir("two-bad"), sink));
  const std::vector<Diagnostic> found = sink.sorted();
  REQUIRE(found.size() == 2);
  INFO(found[0].message);
  INFO(found[1].message);
  CHECK(found[0].message.find("VipsJpeg") != std::string::npos);
  CHECK(found[1].message.find("VipsJpeg") == std::string::npos);
  CHECK_FALSE(found[1].message.ends_with(": "));  // a cut PNG says why only in a warning
}

TEST_CASE("bundle photos are shrunk to at most 600x600 px as JPEG, never enlarged") {
  const fs::path content_dir = fresh_dir("content-large");
  Content content = demo_copy(content_dir);
  REQUIRE(vips_init("hgj-test") == 0);
  // HF-001 becomes a tall 1000×2000 PNG with alpha; HF-002 a tiny 40×50 one.
  vips::VImage::black(1000, 2000, vips::VImage::option()->set("bands", 4))
      .cast(VIPS_FORMAT_UCHAR)
      .write_to_file((content_dir / "photos/HF-001.jpg.png").c_str());
  fs::rename(content_dir / "photos/HF-001.jpg.png", content_dir / "photos/HF-001.jpg");
  vips::VImage::black(40, 50).write_to_file((content_dir / "photos/HF-002.jpg.png").c_str());
  fs::rename(content_dir / "photos/HF-002.jpg.png", content_dir / "photos/HF-002.jpg");
  const fs::path out = fresh_dir("large");
  BundleOptions options;
  options.now = kGeneratedAt;
  DiagnosticSink sink;
  REQUIRE(write_kiosk_bundle(content, options, out, sink));
  CHECK(sink.warning_count() == 0);
  const vips::VImage tall =
      vips::VImage::new_from_file((out / "images/steward-HF-001.jpg").c_str());
  CHECK(tall.height() == 600);
  CHECK(tall.width() == 300);
  CHECK(tall.bands() == 3);
  CHECK(slurp(out / "images/steward-HF-001.jpg").starts_with("\xFF\xD8\xFF"));
  const vips::VImage tiny =
      vips::VImage::new_from_file((out / "images/steward-HF-002.jpg").c_str());
  CHECK(tiny.height() == 50);
  CHECK(tiny.width() == 40);
  // The demo's own photos fit the limit too.
  for (const auto& entry : fs::directory_iterator(demo_bundle() / "images")) {
    if (entry.path().extension() != ".jpg") continue;
    CAPTURE(entry.path());
    const vips::VImage photo = vips::VImage::new_from_file(entry.path().c_str());
    CHECK(photo.height() <= 600);
    CHECK(photo.width() <= 600);
  }
  fs::remove_all(out);
  fs::remove_all(content_dir);
}

TEST_CASE(
    "bundle text: markdown_plain_text keeps paragraphs and list items, joins wrapped Chinese") {
  CHECK(markdown_plain_text("") == "");
  CHECK(markdown_plain_text("第一段，\n接着写。\n\n第二段。") == "第一段，接着写。\n\n第二段。");
  CHECK(markdown_plain_text("two\nwords") == "two words");
  CHECK(markdown_plain_text("# 标题\n\n**粗体**和[链接](https://x.cn)。") ==
        "标题\n\n粗体和链接。");
  CHECK(markdown_plain_text("说明：\n\n- 一\n- 二\n\n结束") == "说明：\n\n• 一\n• 二\n\n结束");
  CHECK(markdown_plain_text("a<span>x</span>b") == "axb");  // inline tags go, their text stays
  CHECK(markdown_plain_text("<div>\n块\n</div>\n\n正文") == "正文");  // HTML blocks go whole
  CHECK(markdown_plain_text("行一  \n行二") == "行一\n行二");
}

TEST_CASE(
    "the bundle writer writes urgent.json after the manifest, outside it, naming the urgent "
    "notices") {
  Content content = demo();
  REQUIRE(content.notices.size() >= 2);
  Notice& urgent = content.notices[0];
  urgent.urgent = true;
  urgent.start = DateTime{Date{2026, 11, 24}, 8 * 60};
  urgent.expires = Date{2026, 11, 25};
  const fs::path out = fresh_dir("urgent");
  BundleOptions options;
  options.now = kGeneratedAt;
  DiagnosticSink sink;
  REQUIRE(write_kiosk_bundle(content, options, out, sink));
  const std::optional<std::string> text = read_whole_file(out / bundle_urgent_file);
  REQUIRE(text.has_value());
  CHECK(*text ==
        "{\n  \"generated_at\": \"2026-11-23T20:30:00Z\",\n  \"urgent\": [\n    {\n"
        "      \"expires\": \"2026-11-25\",\n      \"id\": \"" +
            urgent.id +
            "\",\n"
            "      \"start\": \"2026-11-24 08:00\"\n    }\n  ]\n}\n");
  const std::optional<std::vector<UrgentMark>> marks = parse_urgent(*text);
  REQUIRE(marks.has_value());
  CHECK(*marks == std::vector<UrgentMark>{{urgent.id, "2026-11-24 08:00", "2026-11-25"}});
  // Not signed, not trusted: the manifest does not list it, and a rebuild does not either.
  BundleError error;
  const std::optional<Manifest> manifest =
      parse_manifest(read_whole_file(out / bundle_manifest_file).value(), error);
  REQUIRE(manifest.has_value());
  for (const ManifestEntry& e : manifest->files) CHECK(e.path != bundle_urgent_file);
  // Written after the manifest: a screen it wakes finds that manifest there.
  CHECK(fs::last_write_time(out / bundle_urgent_file) >=
        fs::last_write_time(out / bundle_manifest_file));

  // The demo as it is carries no urgent notice: an empty list, still written.
  const std::optional<std::vector<UrgentMark>> none =
      parse_urgent(read_whole_file(demo_bundle() / bundle_urgent_file).value());
  REQUIRE(none.has_value());
  CHECK(none->empty());
}

TEST_CASE("urgent.json that is not such a document is not read as one") {
  CHECK_FALSE(parse_urgent("").has_value());
  CHECK_FALSE(parse_urgent("{\"urgent\": 3}").has_value());
  CHECK_FALSE(parse_urgent("{\"urgent\": [{\"start\": null}]}").has_value());
  CHECK(parse_urgent("{\"urgent\": []}").value().empty());
}
