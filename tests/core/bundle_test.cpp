// The bundle reader the kiosk uses: a small bundle made here (bundle_to_json,
// make_manifest), read back, then damaged in every way a download or a disk can
// damage it — each rejection with its own exact reason. The demo's real bundle, as the
// generator writes it, is tested in tests/generator/bundle_demo_test.cpp.
#include "hgj/bundle.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../temp_folder.h"
#include "hgj/sha256.h"

using namespace hgj;
namespace fs = std::filesystem;
using json = nlohmann::json;

using hgj::testing::fresh_dir;
using hgj::testing::slurp;

namespace {

constexpr Instant kGeneratedAt = 1795465800;  // 2026-11-23T20:30:00Z

void spit(const fs::path& file, const std::string& bytes) {
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << bytes;
}

Phone phone(std::string display, std::string digits) {
  return Phone{std::move(digits), std::move(display)};
}

BundleSteward steward(std::string id, std::string name, std::string building, int first, int last) {
  BundleSteward s;
  s.id = id;
  s.name = std::move(name);
  s.phone = phone("138 0000 0001", "13800000001");
  s.role = "退休党员";
  s.party_member = true;
  s.buildings = {{std::move(building), first, last}};
  s.since = Date{2018, 9, 1};
  s.honors = {"2018-11 月度服务之星"};
  s.office_hours = "每天上午";
  s.intro = "第一段。\n\n第二段。";
  s.photo = "images/steward-" + id + ".jpg";
  s.wechat_qr = "images/qr-dpb.png";
  return s;
}

// A street with two communities, three buildings and three stewards.
Bundle sample() {
  Bundle b;
  b.generated_at = kGeneratedAt;
  b.site.title = "红枫街道楼道红管家";
  b.site.street = "红枫街道";
  b.site.district = "清溪区";
  b.site.hotline = phone("0570-0000100", "05700000100");
  b.site.base_url = "https://hgj.example.cn";
  b.site.duty_scheme = "6442";
  b.site.kiosk.night_from = "23:00";
  b.site.kiosk.night_until = "06:00";
  b.communities = {{"fangkou", "坊口街社区", "李书记", "坊口街 1 号",
                    phone("0570-8012345", "05708012345"), "工作日", "345"},
                   {"tianping", "天平巷社区", "", "", std::nullopt, "", ""}};
  b.grids = {{"fk-1", "坊口一网格", "fangkou", "张网格长", std::nullopt, "", std::nullopt}};
  BundleBuilding dpb3{"dpb-03",
                      "德坪坝小区3幢",
                      "tianping",
                      "",
                      "",
                      4,
                      64,
                      "",
                      std::nullopt,
                      "https://hgj.example.cn/building/dpb-03/",
                      {}};
  BundleIssue open_story{"SX-1", "楼道堆物", false,    "楼道堆放纸箱", "已清理", Date{2026, 11, 2},
                         "楼道", "resolved", "已解决", "HF-001",       "王建华"};
  BundleIssue dispute{"SX-2", "邻里纠纷", true,     "", "", Date{2026, 10, 1},
                      "社区", "resolved", "已解决", "", ""};
  dpb3.recent_issues = {open_story, dispute};
  b.buildings = {dpb3,
                 {"fk-01",
                  "坊口小区1幢",
                  "fangkou",
                  "fk-1",
                  "",
                  0,
                  0,
                  "",
                  std::nullopt,
                  "https://hgj.example.cn/building/fk-01/",
                  {}},
                 {"fk-02",
                  "坊口小区2幢",
                  "fangkou",
                  "fk-1",
                  "",
                  0,
                  0,
                  "",
                  std::nullopt,
                  "https://hgj.example.cn/building/fk-02/",
                  {}}};
  b.stewards = {steward("HF-001", "王建华", "dpb-03", 1, 2),
                steward("HF-002", "李秀英", "dpb-03", 3, 4),
                steward("HF-003", "张伟", "fk-01", 0, 0)};
  b.duties = {{"345", "“345”机制", {{"三个清", {"党员情况清"}}}, ""},
              {"6442", "“6442”机制", {{"六大员", {"政策宣传员", "民情收集员"}}}, "说明"}};
  BundleEvent knock{"tianping-knock", "敲门日", "敲门日", {"tianping"}, "楼道口", {}, ""};
  knock.schedule.rule = EventRule{EventRule::Kind::weekly, 1, 0};
  knock.schedule.time = TimeRange{19 * 60, 20 * 60 + 30};
  BundleEvent festival{"spring", "春节联欢", "活动", {}, "广场", {}, "欢迎参加"};
  festival.schedule.date = Date{2027, 2, 6};
  b.events = {knock, festival};
  b.notices = {{"n-new",
                "新通知",
                Date{2026, 11, 20},
                std::nullopt,
                {"tianping"},
                false,
                false,
                std::nullopt,
                "正文"},
               {"n-pinned",
                "置顶通知",
                Date{2026, 10, 1},
                Date{2026, 12, 31},
                {},
                true,
                false,
                std::nullopt,
                "正文"},
               {"n-expired",
                "过期通知",
                Date{2026, 9, 1},
                Date{2026, 9, 30},
                {},
                true,
                false,
                std::nullopt,
                "正文"},
               {"n-other",
                "别处通知",
                Date{2026, 11, 21},
                std::nullopt,
                {"fangkou"},
                false,
                false,
                std::nullopt,
                "正文"},
               {"n-urgent",
                "停水通知",
                Date{2026, 11, 19},
                std::nullopt,
                {},
                false,
                true,
                std::nullopt,
                "正文"},
               {"n-evening",
                "晚间通知",
                Date{2026, 11, 22},
                std::nullopt,
                {},
                false,
                false,
                DateTime{Date{2026, 11, 23}, 18 * 60},
                "正文"},
               {"n-tomorrow",
                "明天的通知",
                Date{2026, 11, 22},
                std::nullopt,
                {},
                false,
                true,
                DateTime{Date{2026, 11, 24}, std::nullopt},
                "正文"}};
  b.screens = {{"dpb-03-a", "dpb-03", "portrait", "1080x1920", "22:30", "06:30", "一楼大厅"},
               {"fk-01-a", "fk-01", "", "", "", "", ""}};
  b.strings = {{"phone", "手机"}, {"your_stewards", "本楼红管家"}};
  return b;
}

// Writes a bundle folder as the generator does: images, bundle.json, then the manifest.
void write_sample(const fs::path& dir, const Bundle& b) {
  for (const char* id : {"HF-001", "HF-002", "HF-003"})
    spit(dir / "images" / ("steward-" + std::string(id) + ".jpg"),
         std::string("\xFF\xD8\xFF photo of ") + id);
  spit(dir / "images/qr-dpb.png", "\x89PNG\r\n\x1A\n qr");
  spit(dir / bundle_data_file, bundle_to_json(b));
  spit(dir / bundle_manifest_file, manifest_to_json(make_manifest(dir, b.generated_at)));
}

const fs::path& sample_bundle() {
  static const fs::path dir = [] {
    const fs::path out = fresh_dir("sample");
    write_sample(out, sample());
    return out;
  }();
  return dir;
}

fs::path copy_of_sample(const std::string& name) {
  const fs::path dir = fresh_dir(name);
  fs::copy(sample_bundle(), dir, fs::copy_options::recursive);
  return dir;
}

// After editing files by hand: a manifest that vouches for them again.
void rehash(const fs::path& dir) {
  spit(dir / "manifest.json", manifest_to_json(make_manifest(dir, kGeneratedAt)));
}

json load_json(const fs::path& file) { return json::parse(slurp(file)); }
void save_json(const fs::path& file, const json& doc) { spit(file, doc.dump(2)); }

// Rejected, with this kind and exactly this reason.
void check_rejected(const fs::path& dir, BundleError::Kind kind, const std::string& why) {
  BundleError error;
  CHECK_FALSE(read_bundle(dir, error));
  CHECK(error.kind == kind);
  CHECK(error.message == why);
  std::string text;
  CHECK_FALSE(read_bundle(dir, text));
  CHECK(text == why);
}

}  // namespace

TEST_CASE("a bundle written with bundle_to_json and make_manifest reads back field for field") {
  std::string why;
  const std::optional<Bundle> read = read_bundle(sample_bundle(), why);
  REQUIRE_MESSAGE(read, why);
  CHECK(why.empty());
  const Bundle want = sample();
  CHECK(read->format_version == bundle_format_version);
  CHECK(read->generated_at == kGeneratedAt);
  CHECK(read->site.title == want.site.title);
  CHECK(read->site.hotline == want.site.hotline);
  CHECK(read->site.kiosk.night_until == "06:00");
  CHECK(read->site.kiosk.slide_seconds == 12);
  REQUIRE(read->communities.size() == 2);
  CHECK(read->communities[0].phone == want.communities[0].phone);
  CHECK_FALSE(read->communities[1].phone);
  REQUIRE(read->buildings.size() == 3);
  CHECK(read->buildings[0].households == 64);
  REQUIRE(read->buildings[0].recent_issues.size() == 2);
  CHECK(read->buildings[0].recent_issues[0].title == "楼道堆放纸箱");
  CHECK(read->buildings[0].recent_issues[0].closed_on == Date{2026, 11, 2});
  CHECK(read->buildings[0].recent_issues[1].private_category);
  const BundleSteward* wang = read->steward("HF-001");
  REQUIRE(wang);
  CHECK(wang->buildings == want.stewards[0].buildings);
  CHECK(wang->since == Date{2018, 9, 1});
  CHECK(wang->intro == "第一段。\n\n第二段。");
  CHECK(wang->photo == "images/steward-HF-001.jpg");
  REQUIRE(read->events.size() == 2);
  CHECK(read->events[0].schedule.rule == want.events[0].schedule.rule);
  CHECK(read->events[0].schedule.time == want.events[0].schedule.time);
  CHECK(read->events[1].schedule.date == Date{2027, 2, 6});
  CHECK(read->notices[1].expires == Date{2026, 12, 31});
  REQUIRE(read->notices.size() == 7);
  CHECK(read->notices[4].urgent);
  CHECK_FALSE(read->notices[4].start);
  REQUIRE(read->notices[5].start);
  CHECK(read->notices[5].start->date == Date{2026, 11, 23});
  CHECK(read->notices[5].start->minute == 18 * 60);
  REQUIRE(read->notices[6].start);
  CHECK_FALSE(read->notices[6].start->minute);
  REQUIRE(read->screens.size() == 2);
  CHECK(read->screens[0].id == "dpb-03-a");
  CHECK(read->screens[0].building == "dpb-03");
  CHECK(read->screens[0].orientation == "portrait");
  CHECK(read->screens[0].size == "1080x1920");
  CHECK(read->screens[0].night_from == "22:30");
  CHECK(read->screens[0].night_until == "06:30");
  CHECK(read->screens[0].note == "一楼大厅");
  CHECK(read->screens[1].orientation.empty());
  const json doc = load_json(sample_bundle() / "bundle.json");
  CHECK(doc["notices"][4]["urgent"] == true);
  CHECK(doc["notices"][5]["start"] == "2026-11-23 18:00");
  CHECK(doc["screens"][1]["size"].is_null());
  CHECK(read->word("phone") == "手机");
  CHECK(read->word("no_such_key").empty());
  // Writing what was read gives the same bytes: nothing lost on the way.
  CHECK(bundle_to_json(*read) == slurp(sample_bundle() / "bundle.json"));
}

TEST_CASE("a private category's issue has no title or resolution keys in bundle.json") {
  const json doc = load_json(sample_bundle() / "bundle.json");
  const json& dispute = doc["buildings"][0]["recent_issues"][1];
  CHECK(dispute["private"] == true);
  CHECK_FALSE(dispute.contains("title"));
  CHECK_FALSE(dispute.contains("resolution"));
  CHECK(doc["buildings"][0]["recent_issues"][0].contains("title"));
}

TEST_CASE("bundle lookups: stewards, duty scheme, events and notices of a building") {
  const Bundle b = sample();
  const BundleBuilding& dpb3 = *b.building("dpb-03");
  const auto stewards = b.stewards_of_building("dpb-03");
  REQUIRE(stewards.size() == 2);
  CHECK(stewards[0]->id == "HF-001");
  CHECK(stewards[1]->id == "HF-002");
  CHECK(b.stewards_of_building("nowhere").empty());
  CHECK(b.buildings_of_community("fangkou").size() == 2);
  CHECK(b.duty_scheme_for_building("dpb-03")->id == "6442");  // tianping has none: the site's
  CHECK(b.duty_scheme_for_building("fk-01")->id == "345");    // fangkou's own
  CHECK(b.duty_scheme_for_building("nowhere") == nullptr);
  CHECK(b.events_for_building(dpb3).size() == 2);
  CHECK(b.events_for_building(*b.building("fk-01")).size() == 1);
  const TimeZone zone = *TimeZone::make("Asia/Shanghai");
  // 2026-11-23 10:00 in Shanghai: the evening notice has not started, tomorrow's neither.
  const auto notices =
      b.notices_for_building(dpb3, zone, zone.to_instant(Date{2026, 11, 23}, 10 * 60));
  REQUIRE(notices.size() == 3);
  CHECK(notices[0]->id == "n-urgent");  // urgent first, then pinned;
  CHECK(notices[1]->id == "n-pinned");  // the expired and other community's gone
  CHECK(notices[2]->id == "n-new");
  // From 18:00 local time the evening notice is current; the day's start is not enough.
  const auto evening =
      b.notices_for_building(dpb3, zone, zone.to_instant(Date{2026, 11, 23}, 18 * 60));
  REQUIRE(evening.size() == 4);
  CHECK(evening[2]->id == "n-evening");  // dated 11-22, newer than n-new
  CHECK(b.notices_for_building(dpb3, zone, zone.to_instant(Date{2026, 11, 23}, 17 * 60 + 59))
            .size() == 3);
  // A date-only start: from that day's midnight.
  const auto next_day = b.notices_for_building(dpb3, zone, zone.to_instant(Date{2026, 11, 24}, 0));
  REQUIRE(next_day.size() == 5);
  CHECK(next_day[0]->id == "n-tomorrow");  // urgent, newer than n-urgent
}

TEST_CASE("a bundle.json without round-2 keys (urgent, start, screens) still reads") {
  const fs::path dir = copy_of_sample("round1");
  json doc = load_json(dir / "bundle.json");
  doc.erase("screens");
  for (json& n : doc["notices"]) {
    n.erase("urgent");
    n.erase("start");
  }
  save_json(dir / "bundle.json", doc);
  rehash(dir);
  std::string why;
  const std::optional<Bundle> read = read_bundle(dir, why);
  REQUIRE_MESSAGE(read, why);
  CHECK(read->screens.empty());
  CHECK_FALSE(read->notices[4].urgent);
  CHECK_FALSE(read->notices[5].start);
  fs::remove_all(dir);
}

TEST_CASE("bundle files the manifest does not list are ignored") {
  const fs::path dir = copy_of_sample("extra");
  spit(dir / "notes.txt", "left by someone");
  std::string why;
  CHECK_MESSAGE(read_bundle(dir, why), why);
  fs::remove_all(dir);
}

TEST_CASE("a bundle without manifest.json is rejected") {
  const fs::path dir = copy_of_sample("no-manifest");
  fs::remove(dir / "manifest.json");
  check_rejected(dir, BundleError::Kind::missing, "manifest.json: missing in " + dir.string());
  fs::remove_all(dir);
  check_rejected(dir, BundleError::Kind::missing,
                 dir.string() + ": not a bundle folder (No such file or directory)");
}

TEST_CASE("a truncated bundle.json is rejected by its size, or as JSON when re-hashed") {
  const fs::path dir = copy_of_sample("truncated");
  const std::string full = slurp(dir / "bundle.json");
  spit(dir / "bundle.json", full.substr(0, 1000));
  check_rejected(dir, BundleError::Kind::hash_mismatch,
                 "bundle.json: 1000 bytes, manifest.json says " + std::to_string(full.size()));
  rehash(dir);
  BundleError error;
  CHECK_FALSE(read_bundle(dir, error));
  CHECK(error.kind == BundleError::Kind::corrupt);
  CHECK(error.message.starts_with("bundle.json: not valid JSON (truncated or damaged?): line "));
  fs::remove_all(dir);
}

TEST_CASE("a flipped byte in a bundle image is a hash mismatch naming the file") {
  const fs::path dir = copy_of_sample("flipped");
  const fs::path photo = dir / "images/steward-HF-001.jpg";
  const std::string expected = sha256_file(photo);
  std::string bytes = slurp(photo);
  bytes[bytes.size() / 2] ^= 0x01;
  spit(photo, bytes);
  check_rejected(dir, BundleError::Kind::hash_mismatch,
                 "images/steward-HF-001.jpg: SHA-256 " + sha256_hex(bytes) +
                     " does not match manifest.json's " + expected);
  std::string why;
  CHECK_FALSE(verify_manifest(dir, why));
  CHECK(why.starts_with("images/steward-HF-001.jpg: SHA-256 "));
  fs::remove_all(dir);
}

TEST_CASE("a bundle file the manifest lists but which is missing is rejected") {
  const fs::path dir = copy_of_sample("missing-file");
  fs::remove(dir / "images/steward-HF-002.jpg");
  check_rejected(dir, BundleError::Kind::missing,
                 "images/steward-HF-002.jpg: listed in manifest.json but missing");
  fs::remove_all(dir);
}

TEST_CASE("another format version is rejected, in the manifest or in bundle.json") {
  const fs::path dir = copy_of_sample("version");
  json manifest = load_json(dir / "manifest.json");
  manifest["format_version"] = 2;
  save_json(dir / "manifest.json", manifest);
  check_rejected(dir, BundleError::Kind::version,
                 "manifest.json: format_version 2, this reader understands 1");

  json data = load_json(dir / "bundle.json");
  data["format_version"] = 2;
  save_json(dir / "bundle.json", data);
  rehash(dir);
  check_rejected(dir, BundleError::Kind::version,
                 "bundle.json: format_version 2, this reader understands 1");
  fs::remove_all(dir);
}

TEST_CASE("a schema-invalid bundle.json is rejected naming the key, even with a valid hash") {
  const fs::path dir = copy_of_sample("schema");
  const json good = load_json(dir / "bundle.json");
  struct Case {
    const char* what;
    void (*damage)(json&);
    const char* why;
  };
  const Case cases[] = {
      {"missing key", [](json& d) { d["stewards"][0].erase("name"); },
       "bundle.json: stewards[0].name: missing"},
      {"wrong type", [](json& d) { d["site"]["title"] = 42; },
       "bundle.json: site.title: expected a string, got integer"},
      {"wrong nested type", [](json& d) { d["stewards"][1]["phone"] = "138"; },
       "bundle.json: stewards[1].phone: expected an object or null, got string"},
      {"missing collection", [](json& d) { d.erase("buildings"); },
       "bundle.json: buildings: missing"},
      {"bad date", [](json& d) { d["notices"][0]["date"] = "2026-02-30"; },
       "bundle.json: notices[0].date: \"2026-02-30\" is not a valid date (2026年2月 has 28 days)"},
      {"bad rule", [](json& d) { d["events"][0]["rule"] = "hourly"; },
       nullptr},  // message from parse_event_rule; kind checked below
      {"unsafe photo", [](json& d) { d["stewards"][0]["photo"] = "../../etc/passwd"; },
       "bundle.json: stewards[0].photo: \"../../etc/passwd\" is not a path inside the bundle"},
      {"unlisted photo", [](json& d) { d["stewards"][0]["photo"] = "images/nobody.jpg"; },
       "bundle.json: stewards[0] (HF-001) refers to \"images/nobody.jpg\", which manifest.json "
       "does not list"},
      {"not an object", [](json& d) { d = json::array(); },
       "bundle.json: expected a JSON object, got array"},
      {"bad start", [](json& d) { d["notices"][5]["start"] = "tomorrow"; },
       "bundle.json: notices[5].start: \"tomorrow\" is not a date or a date and time"},
      {"bad urgent", [](json& d) { d["notices"][0]["urgent"] = "yes"; },
       "bundle.json: notices[0].urgent: expected true or false, got string"},
      {"bad orientation", [](json& d) { d["screens"][0]["orientation"] = "sideways"; },
       "bundle.json: screens[0].orientation: \"sideways\" is not landscape or portrait"},
      {"bad night time", [](json& d) { d["screens"][0]["night_until"] = "6"; },
       "bundle.json: screens[0].night_until: \"6\" is not a time like 23:00"},
      {"screen without building", [](json& d) { d["screens"][1].erase("building"); },
       "bundle.json: screens[1].building: missing"},
      {"word not a string", [](json& d) { d["strings"]["phone"] = 1; },
       "bundle.json: strings.phone: expected a string, got integer"},
      {"words not an object", [](json& d) { d["strings"] = "电话"; },
       "bundle.json: strings: expected an object, got string"},
      {"bad id", [](json& d) { d["buildings"][0]["id"] = "dpb 03"; },
       "bundle.json: buildings[0].id: \"dpb 03\" is not a valid id"},
      {"count out of range", [](json& d) { d["buildings"][0]["units"] = -1; },
       "bundle.json: buildings[0].units: expected a count from 0 to 1000000, got -1"},
      {"units the wrong way round",
       [](json& d) {
         d["stewards"][0]["buildings"][0]["first_unit"] = 3;
         d["stewards"][0]["buildings"][0]["last_unit"] = 1;
       },
       "bundle.json: stewards[0].buildings[0].last_unit: is before first_unit"},
      {"date and rule", [](json& d) { d["events"][0]["date"] = "2027-01-01"; },
       "bundle.json: events[0].date: exactly one of date and rule must be set"},
      {"unknown time zone", [](json& d) { d["site"]["timezone"] = "Mars/Olympus"; },
       "bundle.json: site.timezone: \"Mars/Olympus\" is not a known time zone"},
      {"kiosk setting", [](json& d) { d["site"]["kiosk"]["night_mode"] = 1; },
       "bundle.json: site.kiosk.night_mode: expected a string, got integer"},
      {"empty digits", [](json& d) { d["stewards"][2]["phone"]["digits"] = ""; },
       "bundle.json: stewards[2].phone.digits: is empty"},
      {"duty item", [](json& d) { d["duties"][0]["groups"][0]["items"][0] = true; },
       "bundle.json: duties[0].groups[0].items[0]: expected a string, got boolean"},
      {"unsafe QR", [](json& d) { d["stewards"][1]["wechat_qr"] = "/etc/qr.png"; },
       "bundle.json: stewards[1].wechat_qr: \"/etc/qr.png\" is not a path inside the bundle"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    json doc = good;
    c.damage(doc);
    save_json(dir / "bundle.json", doc);
    rehash(dir);
    BundleError error;
    CHECK_FALSE(read_bundle(dir, error));
    CHECK(error.kind == BundleError::Kind::schema);
    if (c.why)
      CHECK(error.message == c.why);
    else
      CHECK(error.message.starts_with("bundle.json: events[0].rule: \"hourly\" "));
  }
  fs::remove_all(dir);
}

namespace {

// Every key of every object under `value` (strings' words are data, not fields), as a
// JSON pointer and as parse_bundle's messages name it: stewards[0].phone.digits.
void each_key(const json& value, const json::json_pointer& at, const std::string& path,
              std::vector<std::pair<json::json_pointer, std::string>>& out) {
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i)
      each_key(value[i], at / i, path + "[" + std::to_string(i) + "]", out);
  } else if (value.is_object() && path != "strings") {
    for (const auto& item : value.items()) {
      const std::string inner = path.empty() ? item.key() : path + "." + item.key();
      out.emplace_back(at / item.key(), inner);
      each_key(item.value(), at / item.key(), inner, out);
    }
  }
}

}  // namespace

// The writer and the parser walk one description of the fields (core/src/bundle_fields.cpp):
// whatever bundle_to_json writes, parse_bundle requires, but for the keys bundles gained
// later and the one written for people.
TEST_CASE("every key bundle_to_json writes is one parse_bundle reads and requires") {
  const json good = json::parse(bundle_to_json(sample()));
  std::vector<std::pair<json::json_pointer, std::string>> keys;
  each_key(good, json::json_pointer(), "", keys);
  CHECK(keys.size() > 250);  // 267: the walk reached every record
  std::vector<std::string> optional;
  for (const auto& [pointer, path] : keys) {
    CAPTURE(path);
    json doc = good;
    doc[pointer.parent_pointer()].erase(pointer.back());
    BundleError error;
    if (parse_bundle(doc.dump(), error)) {
      optional.push_back(path);
    } else {
      CHECK(error.kind == BundleError::Kind::schema);
      CHECK(error.message == "bundle.json: " + path + ": missing");
    }
  }
  std::vector<std::string> later = {"generated_at_iso", "screens", "strings"};
  for (int i = 0; i < 7; ++i) {
    later.push_back("notices[" + std::to_string(i) + "].urgent");
    later.push_back("notices[" + std::to_string(i) + "].start");
  }
  std::sort(optional.begin(), optional.end());
  std::sort(later.begin(), later.end());
  CHECK(optional == later);
}

TEST_CASE("a bundle made before bundles carried the kiosk's words still reads, with none") {
  const fs::path dir = copy_of_sample("no-strings");
  json doc = load_json(dir / "bundle.json");
  doc.erase("strings");
  save_json(dir / "bundle.json", doc);
  rehash(dir);
  BundleError error;
  const std::optional<Bundle> read = read_bundle(dir, error);
  REQUIRE_MESSAGE(read, error.message);
  CHECK(read->strings.empty());
  CHECK(read->word("phone").empty());
  fs::remove_all(dir);
}

TEST_CASE("a manifest path that leaves the bundle folder is rejected before anything is read") {
  const fs::path dir = copy_of_sample("escape");
  const json good = load_json(dir / "manifest.json");
  for (const char* path : {"../secret", "/etc/passwd", "images/../../x", "./bundle.json",
                           "images\\x.jpg", "manifest.json"}) {
    CAPTURE(path);
    json manifest = good;
    manifest["files"][0]["path"] = path;
    save_json(dir / "manifest.json", manifest);
    check_rejected(dir, BundleError::Kind::unsafe_path,
                   std::string("manifest.json: files[0].path \"") + path +
                       "\" is not a plain relative path inside the bundle folder");
  }
  fs::remove_all(dir);
}

TEST_CASE("a symlink out of the bundle folder is rejected even with a matching hash") {
  const fs::path dir = copy_of_sample("symlink");
  const fs::path outside = fresh_dir("outside.jpg");
  fs::copy_file(dir / "images/steward-HF-003.jpg", outside);
  fs::remove(dir / "images/steward-HF-003.jpg");
  fs::create_symlink(outside, dir / "images/steward-HF-003.jpg");
  check_rejected(dir, BundleError::Kind::unsafe_path,
                 "images/steward-HF-003.jpg: resolves outside the bundle folder");
  fs::remove_all(dir);
  fs::remove(outside);
}

TEST_CASE("a bundle with a damaged manifest is rejected") {
  const fs::path dir = copy_of_sample("bad-manifest");
  const json good = load_json(dir / "manifest.json");

  spit(dir / "manifest.json", slurp(dir / "manifest.json").substr(0, 40));
  BundleError error;
  CHECK_FALSE(read_bundle(dir, error));
  CHECK(error.kind == BundleError::Kind::corrupt);
  CHECK(error.message.starts_with("manifest.json: not valid JSON (truncated or damaged?): "));

  json manifest = good;
  manifest["files"][1]["sha256"] = "ABC";
  save_json(dir / "manifest.json", manifest);
  check_rejected(dir, BundleError::Kind::schema,
                 "manifest.json: files[1].sha256: \"ABC\" is not 64 lowercase hex digits");

  manifest = good;
  manifest["files"].erase(0);  // bundle.json sorts first
  save_json(dir / "manifest.json", manifest);
  check_rejected(dir, BundleError::Kind::schema, "manifest.json: does not list bundle.json");

  manifest = good;
  manifest["files"][2] = manifest["files"][1];
  save_json(dir / "manifest.json", manifest);
  check_rejected(dir, BundleError::Kind::schema,
                 "manifest.json: files[2].path \"" +
                     manifest["files"][1]["path"].get<std::string>() + "\" is listed twice");

  manifest = good;
  manifest["generated_at"] = kGeneratedAt + 1;
  save_json(dir / "manifest.json", manifest);
  check_rejected(dir, BundleError::Kind::schema,
                 "bundle.json: generated_at " + std::to_string(kGeneratedAt) +
                     " differs from manifest.json's " + std::to_string(kGeneratedAt + 1));
  fs::remove_all(dir);
}

// Found by fuzzing (tests/fuzz/regressions/bundle/): nlohmann throws out_of_range, not
// parse_error, for a number a double cannot hold, and the kiosk terminated.
TEST_CASE("a number too large for a double is corrupt JSON, not an exception") {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"format_version": 1, "files": [], "generated_at": 596e73708})", "596e73708"},
      {R"({"format_version": 1e999})", "1e999"}};
  for (const auto& [text, number] : cases) {
    BundleError error;
    CHECK_FALSE(parse_manifest(text, error));
    CHECK(error.kind == BundleError::Kind::corrupt);
    CHECK(error.message == std::string("manifest.json: not valid JSON (truncated or damaged?): ") +
                               "number overflow parsing '" + number + "'");
    CHECK_FALSE(parse_bundle(text, error));
    CHECK(error.kind == BundleError::Kind::corrupt);
  }
}

TEST_CASE("is_safe_bundle_path accepts plain relative paths only") {
  CHECK(is_safe_bundle_path("bundle.json"));
  CHECK(is_safe_bundle_path("images/steward-HF-001.jpg"));
  for (const char* bad :
       {"", "/abs", "../x", "a/../b", "a//b", "a/", "./a", "a\\b", "c:x", "manifest.json"})
    CHECK_MESSAGE(!is_safe_bundle_path(bad), bad);
}

TEST_CASE("iso8601_utc formats bundle instants in UTC") {
  CHECK(iso8601_utc(0) == "1970-01-01T00:00:00Z");
  CHECK(iso8601_utc(kGeneratedAt) == "2026-11-23T20:30:00Z");
  CHECK(iso8601_utc(-1) == "1969-12-31T23:59:59Z");
}

TEST_CASE("damaged bundle and manifest bytes never crash or throw the parsers") {
  const std::string data = slurp(sample_bundle() / "bundle.json");
  const std::string manifest = slurp(sample_bundle() / "manifest.json");
  std::uint32_t seed = 12345;  // a fixed xorshift sequence: the same damage every run
  const auto next = [&seed] {
    seed ^= seed << 13;
    seed ^= seed >> 17;
    seed ^= seed << 5;
    return seed;
  };
  int accepted = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string bytes = round % 2 ? data : manifest;
    const int edits = 1 + static_cast<int>(next() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = next() % bytes.size();
      switch (next() % 3) {
        case 0:
          bytes[at] = static_cast<char>(next());
          break;
        case 1:
          bytes.erase(at, 1 + next() % 16);
          break;
        default:
          bytes.insert(at, std::string(1 + next() % 3, "{}[]\",:0a\\"[next() % 10]));
          break;
      }
      if (bytes.empty()) bytes = "{";
    }
    BundleError error;
    bool ok = false;
    CHECK_NOTHROW(ok = round % 2 ? parse_bundle(bytes, error).has_value()
                                 : parse_manifest(bytes, error).has_value());
    if (ok)
      ++accepted;
    else
      CHECK_FALSE(error.message.empty());
  }
  CHECK(accepted < 3000);
}
