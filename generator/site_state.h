// What a finished build keeps for `hgj serve`'s next one: the loaded content, the theme
// and the assembled index, so one edited steward costs a render against the page record
// (site/pages/page_recipes.h), not a whole build.
#pragma once

#include <optional>

#include "hgj/model.h"
#include "site/pages/site_index.h"
#include "site/templates/theme.h"

namespace hgj {

struct SiteState {
  Content content;
  std::optional<site::Theme> theme;
  site::SiteIndex index;  // points into `content`
  bool clean = false;     // the build reported no diagnostic at all
};

}  // namespace hgj
