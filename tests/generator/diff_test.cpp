#include <doctest/doctest.h>

#include <algorithm>

#include "../language_scope.h"
#include "diff/content_diff.h"
#include "diff/file_digests.h"
#include "diff/reprint.h"
#include "hgj/language.h"
#include "hgj/loader.h"

using namespace hgj;

namespace {

Content demo() {
  DiagnosticSink sink;
  LoadResult loaded = load_content(HGJ_SOURCE_DIR "/content", sink);
  REQUIRE(sink.error_count() == 0);
  return std::move(loaded.content);
}

// 2026-11-18, as the e2e tests' SOURCE_DATE_EPOCH.
constexpr Instant now = 1795000000;

std::vector<std::string> ids(const std::vector<ReprintItem>& items) {
  std::vector<std::string> out;
  for (const ReprintItem& i : items) out.push_back(i.building);
  return out;
}

Grid& grid(Content& c, const std::string& id) {
  return *std::find_if(c.grids.begin(), c.grids.end(), [&](const Grid& g) { return g.id == id; });
}

}  // namespace

TEST_CASE("the same content: no change, nothing to reprint, the kiosk unchanged") {
  const LanguageScope chinese(Language::zh);
  const Content a = demo(), b = demo();
  CHECK(diff_content(a, b).empty());
  FileDigests digests;
  const Reprint r = reprint_list(a, b, now, digests);
  CHECK(r.boards.empty());
  CHECK(r.cards.empty());
  CHECK_FALSE(r.kiosk_changed());
  CHECK(r.kiosk_before.size() == 16);
}

TEST_CASE(
    "a grid leader's new phone: told with the spec's label under the grid's community, "
    "the boards of the grid's buildings list the leader, their card sheets do not") {
  const LanguageScope chinese(Language::zh);
  const Content before = demo();
  Content after = demo();
  grid(after, "tianping-1").leader_phone = Phone{"13900001001", "139 0000 1001"};

  const ContentDiff diff = diff_content(before, after);
  REQUIRE(diff.groups.size() == 1);
  CHECK(diff.groups[0].id == "tianping");
  CHECK(diff.groups[0].name == "天平巷社区");
  REQUIRE(diff.groups[0].changes.size() == 1);
  const EntityChange& change = diff.groups[0].changes[0];
  CHECK(change.kind == EntityChange::Kind::changed);
  CHECK(change.collection == "grids");
  CHECK(change.id == "tianping-1");
  REQUIRE(change.fields.size() == 1);
  CHECK(change.fields[0].key == "leader_phone");
  CHECK(change.fields[0].label == "网格长电话");
  CHECK(change.fields[0].before == "138 0000 1001");
  CHECK(change.fields[0].after == "139 0000 1001");

  FileDigests digests;
  const Reprint r = reprint_list(before, after, now, digests);
  CHECK(ids(r.boards) == std::vector<std::string>{"dpb-01", "dpb-03", "dpb-05"});
  CHECK(r.cards.empty());  // every building there has stewards: cards name them, not the grid
  CHECK(r.kiosk_changed());
}

TEST_CASE("labels follow the run's language: the English key with --lang en") {
  const LanguageScope english(Language::en);
  const Content before = demo();
  Content after = demo();
  grid(after, "tianping-1").leader = "陈国栋";
  const ContentDiff diff = diff_content(before, after);
  REQUIRE(diff.groups.size() == 1);
  REQUIRE(diff.groups[0].changes.size() == 1);
  CHECK(diff.groups[0].changes[0].fields[0].label == "leader");
}

TEST_CASE("a Markdown body is said to have changed, never quoted") {
  const LanguageScope chinese(Language::zh);
  const Content before = demo();
  Content after = demo();
  after.stewards.front().body.text += "\n\n新的一段介绍。";
  const ContentDiff diff = diff_content(before, after);
  REQUIRE(diff.groups.size() == 1);
  const FieldChange& f = diff.groups[0].changes.at(0).fields.at(0);
  CHECK(f.key == "body");
  CHECK(f.label == "介绍");
  CHECK(f.text);
  CHECK(f.before.empty());
  CHECK(f.after.empty());
  // The board prints no introduction; the kiosk shows it.
  FileDigests digests;
  const Reprint r = reprint_list(before, after, now, digests);
  CHECK(r.boards.empty());
  CHECK(r.kiosk_changed());
}

TEST_CASE("a building removed from the content: its board and cards to take down") {
  const LanguageScope chinese(Language::zh);
  const Content before = demo();
  Content after = demo();
  // jxjy-01's steward HF-007 and HF-027 would name it: they go too.
  std::erase_if(after.buildings, [](const Building& b) { return b.id == "jxjy-01"; });
  std::erase_if(after.stewards,
                [](const Steward& s) { return s.id == "HF-007" || s.id == "HF-027"; });
  std::erase_if(after.issues, [](const Issue& i) { return i.building == "jxjy-01"; });
  after.index();
  FileDigests digests;
  const Reprint r = reprint_list(before, after, now, digests);
  REQUIRE(r.boards.size() == 1);
  CHECK(r.boards[0].building == "jxjy-01");
  CHECK(r.boards[0].why == ReprintItem::Why::removed);
  CHECK(r.boards[0].community_name == "新苑路社区");
  const ContentDiff diff = diff_content(before, after);
  REQUIRE(diff.groups.size() == 1);
  CHECK(diff.groups[0].id == "xinyuan");
  const auto& changes = diff.groups[0].changes;
  CHECK(std::count_if(changes.begin(), changes.end(), [](const EntityChange& c) {
          return c.kind == EntityChange::Kind::removed && c.collection == "buildings" &&
                 c.id == "jxjy-01";
        }) == 1);
}

TEST_CASE(
    "a new street hotline: told under the street, every board and every card sheet prints it") {
  const LanguageScope chinese(Language::zh);
  const Content before = demo();
  Content after = demo();
  after.site.hotline = Phone{"05700000200", "0570-0000200"};
  const ContentDiff diff = diff_content(before, after);
  REQUIRE(diff.groups.size() == 1);
  CHECK(diff.groups[0].id.empty());
  CHECK(diff.groups[0].name == "红枫街道");
  REQUIRE(diff.groups[0].changes.size() == 1);
  CHECK(diff.groups[0].changes[0].collection == "site");
  CHECK(diff.groups[0].changes[0].fields.at(0).label == "服务热线");
  CHECK(diff.groups[0].changes[0].fields.at(0).after == "0570-0000200");
  FileDigests digests;
  const Reprint r = reprint_list(before, after, now, digests);
  CHECK(r.boards.size() == after.buildings.size());
  // Each card's bottom line ends 街道热线 0570-…, whoever the card names.
  CHECK(r.cards.size() == after.buildings.size());
}

TEST_CASE("a community renamed: the boards and card sheets of its buildings, no others") {
  const LanguageScope chinese(Language::zh);
  const Content before = demo();
  Content after = demo();
  std::find_if(after.communities.begin(), after.communities.end(), [](const Community& c) {
    return c.id == "tianping";
  })->name = "天平社区";
  FileDigests digests;
  const Reprint r = reprint_list(before, after, now, digests);
  std::vector<std::string> tianping;
  for (const Building* b : after.buildings_of_community("tianping")) tianping.push_back(b->id);
  REQUIRE(!tianping.empty());
  CHECK(ids(r.boards) == tianping);
  CHECK(ids(r.cards) == tianping);  // 清溪区红枫街道 · 天平社区 · 街道热线 … on every card
}

TEST_CASE(
    "a building's 户数 changed: its board and its card sheets to reprint (one card a household)") {
  const LanguageScope chinese(Language::zh);
  const Content before = demo();
  Content after = demo();
  Building& b = *std::find_if(after.buildings.begin(), after.buildings.end(),
                              [](const Building& x) { return x.id == "dpb-03"; });
  b.households = 56;  // 王建华 and 陈玉珍 now 28 cards each, not 24
  FileDigests digests;
  const Reprint r = reprint_list(before, after, now, digests);
  CHECK(ids(r.boards) == std::vector<std::string>{"dpb-03"});
  CHECK(ids(r.cards) == std::vector<std::string>{"dpb-03"});
  const Date today{2026, 11, 18};
  Building same_text = b;  // the count alone, everything printed on a card the same
  same_text.households = 48;
  CHECK(card_digest(after, same_text, today) != card_digest(after, b, today));
}

TEST_CASE(
    "a notice made urgent with a start time, and a screen moved to another building: "
    "both told, the screen under both communities, the kiosk changed, no board") {
  const LanguageScope chinese(Language::zh);
  const Content before = demo();
  Content after = demo();
  REQUIRE_FALSE(after.notices.empty());
  Notice& notice = after.notices.front();
  REQUIRE_FALSE(notice.urgent);
  notice.urgent = true;
  notice.start = DateTime{notice.date, 18 * 60};
  REQUIRE_FALSE(after.screens.empty());
  Screen& screen = after.screens.front();
  const std::string from = screen.building;
  const Building* other = nullptr;
  for (const Building& b : after.buildings)
    if (b.community != after.building(from)->community) other = &b;
  REQUIRE(other != nullptr);
  screen.building = other->id;

  const ContentDiff diff = diff_content(before, after);
  std::vector<const EntityChange*> notices, screens;
  std::vector<std::string> screen_groups;
  for (const CommunityChanges& g : diff.groups)
    for (const EntityChange& c : g.changes) {
      if (c.collection == "notices") notices.push_back(&c);
      if (c.collection == "screens") {
        screens.push_back(&c);
        screen_groups.push_back(g.id);
      }
    }
  REQUIRE_FALSE(notices.empty());
  REQUIRE(notices[0]->fields.size() == 2);
  CHECK(notices[0]->fields[0].label == "紧急");
  CHECK(notices[0]->fields[0].before == "否");
  CHECK(notices[0]->fields[0].after == "是");
  CHECK(notices[0]->fields[1].label == "开始时间");
  CHECK(notices[0]->fields[1].before == "");
  CHECK(notices[0]->fields[1].after == notice.date.iso() + " 18:00");
  REQUIRE(screens.size() == 2);  // the community it left and the one it went to
  CHECK(screen_groups ==
        std::vector<std::string>{after.building(from)->community, other->community});
  CHECK(collection_noun("screens") == "屏幕");
  REQUIRE(screens[0]->fields.size() == 1);
  CHECK(screens[0]->fields[0].label == "楼栋");
  CHECK(screens[0]->fields[0].before == after.building(from)->name);
  CHECK(screens[0]->fields[0].after == other->name);

  FileDigests digests;
  const Reprint r = reprint_list(before, after, now, digests);
  CHECK(r.boards.empty());
  CHECK(r.cards.empty());
  CHECK(r.kiosk_changed());
}
