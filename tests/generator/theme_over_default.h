// The theme a test writes under <folder>/t, loaded over the default theme: what it leaves
// out (templates, partials, strings, assets) comes from there.
#pragma once

#include <doctest/doctest.h>

#include <optional>
#include <utility>

#include "../temp_folder.h"
#include "site/templates/theme.h"

namespace hgj::testing {

// The test stops when the theme does not load.
inline site::Theme theme_over_default(const TempFolder& dir) {
  DiagnosticSink sink;
  std::optional<site::Theme> theme = site::Theme::load(
      dir.path() / "t", std::filesystem::path(HGJ_SOURCE_DIR) / "themes/default", sink);
  REQUIRE(theme);
  return std::move(*theme);
}

}  // namespace hgj::testing
