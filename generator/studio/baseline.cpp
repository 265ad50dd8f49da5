#include "studio/baseline.h"

#include <optional>

#include "diff/publication.h"
#include "hgj/language.h"
#include "studio/content_repo.h"
#include "studio/studio.h"

namespace hgj::studio {

Baseline baseline(const Studio& studio) {
  try {
    if (last_publication(studio.options().out_dir)) return {};
    const ContentRepo repo(studio.options().content_dir);
    const std::vector<Version> versions = repo.log(1'000'000);
    if (versions.empty()) return {};
    const Version& first = versions.back();
    return {
        first.commit,
        say("还没有发布过：下面是和工作台开始记录时的内容（版本 " + first.short_id +
                "）相比的变化。",
            "Nothing was published yet: these are the changes since the workbench first recorded "
            "the content (version " +
                first.short_id + ").")};
  } catch (const std::exception&) {
    return {};  // compare_versions says what is missing
  }
}

}  // namespace hgj::studio
