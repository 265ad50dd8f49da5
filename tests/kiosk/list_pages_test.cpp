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
    notice.text =
        i % 3 ? "请各户配合。"
              : std::string(60, 'x') + "请各户在周末前清理楼道内堆放的杂物，保持消防通道畅通。";
    b.notices.push_back(notice);
  }
  return b;
}

using Rig = testing::AppRig;

TEST_CASE("kiosk list pages: 30 notices are all shown, page by page, at every size") {
  const Bundle bundle = many_notices(30);
  for (const auto& [w, h] :
       std::vector<std::pair<int, int>>{{1080, 1920}, {1920, 1080}, {1280, 720}, {768, 1366}}) {
    CAPTURE(w);
    CAPTURE(h);
    Rig rig(bundle, w, h);
    Scene& s = rig.app->scene();
    const Metrics m(w, h);
    const Rect content = chrome_layout(m, s.speech_on(), s.stale()).content;
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

TEST_CASE(
    "kiosk status line: the note that data is old is whole at every size, beside a long deck") {
  const Bundle bundle = many_notices(30);
  for (const auto& [w, h] :
       std::vector<std::pair<int, int>>{{1080, 1920}, {1920, 1080}, {1280, 720}, {768, 1366}}) {
    CAPTURE(w);
    CAPTURE(h);
    // 130 days on: long after the bundle was made and last synced.
    Rig rig(bundle, w, h, "dpb-03", testing::kiosk_morning_ms + 130LL * 86'400'000);
    Scene& s = rig.app->scene();
    REQUIRE(s.stale());
    const Metrics m(w, h);
    const ChromeLayout l = chrome_layout(m, s.speech_on(), s.stale());
    int dots_w = 0;
    const std::vector<StatusRow> rows = status_rows(rig.app->canvas(), m, l.status, s, &dots_w);
    REQUIRE(rows.size() == 2);
    // Upright, a row each; wide, side by side; the page dots (or 9/22) after the last.
    if (m.portrait)
      CHECK(rows[0].box.bottom() <= rows[1].box.y);
    else
      CHECK(rows[0].box.right() <= rows[1].box.x);
    CHECK(dots_w > 0);
    CHECK(rows[1].box.right() + dots_w <= w - m.margin);
    CHECK(rows[0].text.rfind("已 ", 0) == 0);
    CHECK(rows[0].text.find(" 天未能同步，内容可能不是最新") != std::string::npos);
    CHECK(rows[1].text.rfind("更新于 ", 0) == 0);
    for (const StatusRow& row : rows) {
      CAPTURE(row.text);
      // Whole: the text's natural width fits its box, which lies on the screen, above the
      // buttons and below the content.
      TextStyle natural = row.style;
      natural.width = -1;
      const Size size = rig.app->canvas().measure(row.text, natural);
      CHECK(size.w <= row.box.w);
      CHECK(size.h <= row.box.h + m.gap);  // a line's leading may reach into the gaps around
      CHECK(row.box.x >= m.margin);
      CHECK(row.box.right() <= w - m.margin);
      CHECK(row.box.y >= l.content.bottom());
      CHECK(row.box.bottom() <= l.prev.y);
      CHECK(row.style.px >= m.px(28));
    }
    rig.app->draw();
  }
}

}  // namespace
}  // namespace hgj::kiosk
