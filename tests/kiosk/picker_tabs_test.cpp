// A street with more communities than two rows of tabs: the picker pages its tabs with
// ‹ › buttons a thumb can hit, and every community — and its building — is reached by
// touch alone, at every supported size.
#include <doctest/doctest.h>

#include "app_rig.h"

namespace hgj::kiosk {
namespace {

// 15 communities of one building each, beside the fixture's own.
Bundle many_communities(int n) {
  Bundle b = testing::fixture_bundle();
  for (int i = 1; i <= n; ++i) {
    const std::string id = "c" + std::to_string(i);
    b.communities.push_back({id, "第" + std::to_string(i) + "社区", "", "", std::nullopt, "", ""});
    b.buildings.push_back(
        {id + "-1", "第" + std::to_string(i) + "社区1幢", id, "", "", 1, 12, "", {}, "", {}});
  }
  return b;
}

TEST_CASE("kiosk picker: every one of 17 communities is reached by touch through paged tabs") {
  const Bundle bundle = many_communities(15);
  const int communities = static_cast<int>(bundle.communities.size());
  for (const auto& [w, h] :
       std::vector<std::pair<int, int>>{{1080, 1920}, {1920, 1080}, {1280, 720}, {768, 1366}}) {
    CAPTURE(w);
    CAPTURE(h);
    testing::AppRig rig(bundle, w, h);
    rig.touch(chrome_layout(Metrics(w, h), rig.scene().speech_on()).middle);  // 查其他楼栋
    REQUIRE(rig.scene().mode() == Mode::picker);
    const PickerLayout first = rig.scene().picker();
    REQUIRE(first.tab_pages > 1);
    // Thumb-sized paging buttons (WCAG 2.5.5: 44 × 44 CSS px).
    CHECK(first.tab_prev.w >= 44);
    CHECK(first.tab_prev.h >= 44);
    CHECK(first.tab_next.w >= 44);
    CHECK(first.tab_next.h >= 44);
    for (int wanted = 0; wanted < communities; ++wanted) {
      CAPTURE(wanted);
      // Turn the tabs forward until the community's tab is on show, as a resident would.
      for (int turns = 0; turns <= first.tab_pages; ++turns) {
        const PickerLayout l = rig.scene().picker();
        if (wanted >= l.first_tab && wanted < l.first_tab + static_cast<int>(l.tabs.size())) break;
        rig.touch(l.tab_next);
      }
      const PickerLayout l = rig.scene().picker();
      REQUIRE(wanted >= l.first_tab);
      REQUIRE(wanted < l.first_tab + static_cast<int>(l.tabs.size()));
      for (const Rect& tab : l.tabs) CHECK(tab.w >= 44);
      rig.touch(l.tabs[static_cast<std::size_t>(wanted - l.first_tab)]);
      CHECK(rig.scene().picker_community() == wanted);
      // And its first building opens.
      REQUIRE_FALSE(rig.scene().picker_buildings().empty());
      const std::string building = rig.scene().picker_buildings().front()->id;
      rig.touch(rig.scene().picker().cells.front());
      CHECK(rig.scene().mode() == Mode::slides);
      CHECK(rig.scene().shown_building()->id == building);
      // Back to the picker: 返回本楼 first when another building is on show.
      if (rig.scene().browsing())
        rig.touch(chrome_layout(Metrics(w, h), rig.scene().speech_on()).middle);
      rig.touch(chrome_layout(Metrics(w, h), rig.scene().speech_on()).middle);
      REQUIRE(rig.scene().mode() == Mode::picker);
    }
    // ‹ turns back, wrapping from the first page to the last.
    const int page = rig.scene().picker_tab_page();
    rig.touch(rig.scene().picker().tab_prev);
    CHECK(rig.scene().picker_tab_page() == (page + first.tab_pages - 1) % first.tab_pages);
  }
}

TEST_CASE("kiosk picker: two communities need no tab paging") {
  const PickerLayout l = picker_layout(Metrics(1080, 1920), 2);
  CHECK(l.tab_pages == 1);
  CHECK(l.tabs.size() == 2);
  CHECK(l.tab_next.w == 0);
}

}  // namespace
}  // namespace hgj::kiosk
