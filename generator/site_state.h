// What a finished build keeps for `hgj serve`'s next one: the loaded content, the theme
// and the assembled index, so one edited steward costs its own pages, not a whole build.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "hgj/model.h"
#include "site/pages/page_jobs.h"
#include "site/pages/site_index.h"
#include "site/templates/theme.h"

namespace hgj {

struct SiteState {
  Content content;
  std::optional<site::Theme> theme;
  site::SiteIndex index;  // points into `content`
  bool clean = false;     // the build reported no diagnostic at all
  // The site's pages by output path, made on first use (they point into `index`).
  std::vector<site::PageJob> jobs;
  std::unordered_map<std::string, std::size_t> job_at;
};

}  // namespace hgj
