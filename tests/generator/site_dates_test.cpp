#include <doctest/doctest.h>

#include "site/pages/page_data.h"

using namespace hgj;
using namespace hgj::site;

TEST_CASE("pages write dates and months one way, the Chinese way") {
  CHECK(date_text(Date{2026, 7, 30}) == "2026年7月30日");
  CHECK(date_text(Date{2026, 12, 9}) == "2026年12月9日");
  CHECK(month_text("2026-09") == "2026年9月");
  CHECK(month_text("2026-11") == "2026年11月");
  // A month key not made by Date::iso() is shown as it is, never misread.
  CHECK(month_text("") == "");
  CHECK(month_text("2026-9") == "2026-9");
  CHECK(month_text("abcd-ef") == "abcd-ef");
}
