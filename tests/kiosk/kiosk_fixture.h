// Test bundles for the kiosk, written with the core writer (bundle_to_json,
// make_manifest, sign_manifest) so they are exactly what `hgj build` publishes, signed
// with the test key in tests/fixtures/keys/; and helpers to read screenshots back as
// pixels.
#pragma once

#include <cairo.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "../temp_folder.h"
#include "hgj/bundle.h"
#include "hgj/bundle_signature.h"

namespace hgj::testing {

// 2026-11-20T00:00:00Z: the demo bundle's generation time.
inline constexpr Instant fixture_generated_at = 1795132800;

inline Phone phone(const char* text) { return *parse_phone(text).value; }

// A street with one community, three buildings (dpb-03 with two stewards, one of them
// without a photo; dpb-05 with one; tpx-12 with none), events, notices, honours.
inline Bundle fixture_bundle(Instant generated_at = fixture_generated_at) {
  Bundle b;
  b.generated_at = generated_at;
  b.site.title = "红枫街道楼道红管家";
  b.site.street = "红枫街道";
  b.site.district = "清溪区";
  b.site.hotline = phone("0570-0000100");
  b.site.base_url = "https://hgj.example.cn";
  b.site.duty_scheme = "6442";
  b.site.kiosk.night_from = "23:00";
  b.site.kiosk.night_until = "06:00";
  b.communities.push_back(
      {"tianping", "天平社区", "李红梅", "天平巷1号", phone("0570-0000101"), "工作日", ""});
  b.communities.push_back(
      {"fangkou", "坊口街社区", "徐建国", "坊口街56号", phone("0570-0000102"), "工作日", ""});
  BundleBuilding dpb3{"dpb-03",
                      "德平坝小区3幢",
                      "tianping",
                      "",
                      "天平巷德平坝小区3幢",
                      4,
                      48,
                      "",
                      {},
                      "https://hgj.example.cn/building/dpb-03/",
                      {}};
  BundleIssue issue;
  issue.id = "SX-2026-031";
  issue.category = "楼道堆物";
  issue.title = "3单元楼道堆放旧家具";
  issue.resolution = "联系住户清运，楼道恢复畅通";
  issue.closed_on = Date{2026, 11, 12};
  issue.level = "楼道";
  issue.outcome = "resolved";
  issue.outcome_label = "已解决";
  issue.steward = "HF-001";
  issue.steward_name = "王建华";
  dpb3.recent_issues.push_back(issue);
  BundleIssue dispute = issue;
  dispute.id = "SX-2026-032";
  dispute.category = "邻里纠纷";
  dispute.private_category = true;
  dispute.title.clear();
  dispute.resolution.clear();
  dpb3.recent_issues.push_back(dispute);
  b.buildings.push_back(dpb3);
  b.buildings.push_back({"dpb-05", "德平坝小区5幢", "tianping", "", "", 2, 24, "", {}, "", {}});
  b.buildings.push_back({"fkxc-01", "坊口新村1幢", "fangkou", "", "", 2, 24, "", {}, "", {}});
  b.buildings.push_back({"tpx-12", "天平巷12号楼", "tianping", "", "", 1, 18, "", {}, "", {}});

  BundleSteward wang;
  wang.id = "HF-001";
  wang.name = "王建华";
  wang.phone = phone("138 0000 0001");
  wang.role = "退休党员";
  wang.party_member = true;
  wang.buildings = {BuildingRef{"dpb-03", 1, 2}};
  wang.since = Date{2018, 9, 1};
  wang.honors = {"2018-11 月度服务之星", "2024-03 月度服务之星"};
  wang.office_hours = "每天上午在楼下花坛边；电话随时可打";
  wang.photo = "images/steward-HF-001.jpg";
  b.stewards.push_back(wang);
  BundleSteward zhou;
  zhou.id = "HF-009";
  zhou.name = "周玉兰";
  zhou.phone = phone("138 0000 0009");
  zhou.role = "退休党员";
  zhou.party_member = true;
  zhou.buildings = {BuildingRef{"dpb-03", 3, 4}};
  b.stewards.push_back(zhou);
  BundleSteward liu;
  liu.id = "HF-010";
  liu.name = "刘德明";
  liu.phone = phone("139-0000-0010");
  liu.buildings = {BuildingRef{"dpb-05", 0, 0}};
  b.stewards.push_back(liu);
  BundleSteward fang;
  fang.id = "HF-012";
  fang.name = "叶桂芳";
  fang.phone = phone("139 0000 0012");
  fang.buildings = {BuildingRef{"fkxc-01", 0, 0}};
  fang.honors = {"2026-10 月度服务之星"};
  b.stewards.push_back(fang);

  b.duties.push_back({"6442",
                      "红管家“6442”职责",
                      {{"六大员", {"宣传员", "信息员", "服务员", "调解员", "监督员", "示范员"}},
                       {"四清", {"人户清", "户情清", "变化清", "问题清"}}},
                      ""});
  BundleEvent knock;
  knock.id = "tianping-knock";
  knock.title = "每周二敲门日";
  knock.kind = "敲门日";
  knock.scope = {"tianping"};
  knock.location = "各楼道";
  knock.schedule.rule = *parse_event_rule("weekly:tue").value;
  knock.schedule.time = *parse_time_range("19:00-20:30").value;
  b.events.push_back(knock);
  BundleEvent council;
  council.id = "tianping-council";
  council.title = "红管家议事会";
  council.kind = "议事会";
  council.scope = {"tianping"};
  council.location = "天平社区党群服务中心";
  council.schedule.rule = *parse_event_rule("monthly:28").value;
  council.schedule.time = *parse_time_range("14:30-16:00").value;
  b.events.push_back(council);
  BundleNotice notice;
  notice.id = "2026-11-recruit";
  notice.title = "招募新一批楼道红管家";
  notice.date = Date{2026, 11, 10};
  notice.text = "欢迎热心居民报名，详情请咨询社区。";
  b.notices.push_back(notice);
  return b;
}

// The key test bundles are signed with (made by `hgj keygen --key`), and its public key
// for --trusted-key.
inline const SigningKey& test_signing_key() {
  static const SigningKey key = [] {
    std::string why;
    std::optional<SigningKey> k = read_secret_key(HGJ_FIXTURES "/keys/test-signing.key", why);
    if (!k) throw std::runtime_error(why);
    return *k;
  }();
  return key;
}
inline std::string test_public_key_file() { return HGJ_FIXTURES "/keys/test-signing.pub"; }

// What a kiosk given --trusted-key test_public_key_file() trusts.
inline BundleTrust test_trust() {
  BundleTrust trust;
  trust.keys.push_back(test_signing_key().public_key);
  return trust;
}

// Writes `b` as a bundle folder (bundle.json, images, manifest.json), its manifest
// signed with `key` (nullptr: unsigned).
inline void write_bundle(const std::filesystem::path& dir, const Bundle& b,
                         const SigningKey* key = &test_signing_key()) {
  namespace fs = std::filesystem;
  fs::create_directories(dir / "images");
  std::ofstream(dir / bundle_data_file, std::ios::binary) << bundle_to_json(b);
  for (const BundleSteward& s : b.stewards) {
    if (s.photo.empty()) continue;
    fs::copy_file(fs::path(HGJ_SOURCE_DIR) / "content/photos/HF-001.jpg", dir / s.photo,
                  fs::copy_options::overwrite_existing);
  }
  std::string manifest = manifest_to_json(make_manifest(dir, b.generated_at));
  if (key) manifest = sign_manifest(manifest, *key);
  std::ofstream(dir / bundle_manifest_file, std::ios::binary) << manifest;
}

// A PNG read back for pixel assertions.
class Png {
 public:
  explicit Png(const std::string& path) : s_(cairo_image_surface_create_from_png(path.c_str())) {}
  ~Png() { cairo_surface_destroy(s_); }
  Png(const Png&) = delete;
  Png& operator=(const Png&) = delete;
  bool ok() const { return cairo_surface_status(s_) == CAIRO_STATUS_SUCCESS; }
  int width() const { return cairo_image_surface_get_width(s_); }
  int height() const { return cairo_image_surface_get_height(s_); }
  // 0xRRGGBB
  unsigned rgb(int x, int y) const {
    const auto* row = cairo_image_surface_get_data(s_) +
                      static_cast<std::ptrdiff_t>(y) * cairo_image_surface_get_stride(s_);
    return reinterpret_cast<const std::uint32_t*>(row)[x] & 0xFFFFFFu;
  }
  // How many pixels of a rectangle differ from `rgb`.
  int count_not(int x, int y, int w, int h, unsigned colour) const {
    int n = 0;
    for (int j = y; j < y + h; ++j)
      for (int i = x; i < x + w; ++i) n += rgb(i, j) != colour;
    return n;
  }
  int count(int x, int y, int w, int h, unsigned colour) const {
    return w * h - count_not(x, y, w, h, colour);
  }

 private:
  cairo_surface_t* s_;
};

}  // namespace hgj::testing
