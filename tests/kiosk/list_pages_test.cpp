// Lists longer than a slide: every notice is on some page of the deck, at every supported
// size and orientation, and the pages follow one another in the deck.
#include <doctest/doctest.h>

#include <set>

#include "app_rig.h"

namespace hgj::kiosk {
namespace {

Bundle many_notices(int n) {
  Bundle b = testing::fixture_bundle();
  for (int i = 1; i <= n; ++i) {
    BundleNotice notice;
    notice.id = "2026-11-n" + std::to_string(i);
    notice.title = "第" + std::to_string(i) + "号通知：楼道消防通道清理安排";
    notice.date = Date{2026, 11, 1 + i % 20};
    // Every third one long enough to need its three lines.
    notice.text = i % 3 ? "请各户配合。" : std::string(60, 'x') + "请各户在周末前清理楼道内堆放的杂物，保持消防通道畅通。";
    b.notices.push_back(notice);
  }
  return b;
}

using Rig = testing::AppRig;

TEST_CASE("kiosk list pages: 30 notices are all shown, page by page, at every size") {
  const Bundle bundle = many_notices(30);
  for (const auto& [w, h] : std::vector<std::pair<int, int>>{{1080, 1920}, {1920, 1080}, {1280, 720}, {768, 1366}}) {
    CAPTURE(w);
    CAPTURE(h);
    Rig rig(bundle, w, h);
    Scene& s = rig.app->scene();
    const Metrics m(w, h);
    const Rect content = chrome_layout(m, s.speech_on()).content;
    const std::vector<std::vector<std::string>> pages =
        list_pages(rig.app->canvas(), m, content, s, SlideKind::notices);
    CHECK(pages.size() > 1);
    // The deck has one notices slide per page, in order, one after another.
    std::vector<int> items;
    for (const Slide& slide : s.deck())
      if (slide.kind == SlideKind::notices) items.push_back(slide.item);
    REQUIRE(items.size() == pages.size());
    for (std::size_t i = 0; i < items.size(); ++i) CHECK(items[i] == static_cast<int>(i));
    // Every notice's title is on exactly one page, none left out.
    std::multiset<std::string> shown;
    for (const auto& page : pages) {
      CHECK_FALSE(page.empty());
      shown.insert(page.begin(), page.end());
    }
    for (const BundleNotice& n : bundle.notices) CHECK(shown.count(n.title) == 1);
    CHECK(shown.size() == bundle.notices.size());
    // Each page draws (the last one too) without complaint.
    for (std::size_t i = 0; i < s.deck().size(); ++i) {
      s.show_slide(static_cast<int>(i), rig.now);
      rig.app->draw();
    }
  }
}

TEST_CASE("kiosk list pages: a list that fits stays one slide") {
  Rig rig(testing::fixture_bundle(), 1080, 1920);
  int notices = 0;
  for (const Slide& slide : rig.app->scene().deck()) notices += slide.kind == SlideKind::notices;
  CHECK(notices == 1);
}

}  // namespace
}  // namespace hgj::kiosk
