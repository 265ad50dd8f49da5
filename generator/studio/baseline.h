// What the workbench compares the content with (变更, 审批单, 预览): the last publication,
// or — before the first one — the content as the workbench first recorded it (the first
// version in its history), so an import can be reviewed before anything was published.
#pragma once

#include <string>

namespace hgj::studio {

class Studio;

struct Baseline {
  std::string since;  // for compare_versions: "" (the last publication) or a commit
  std::string note;   // said above the changes when it is not the last publication
};

Baseline baseline(const Studio& studio);

}  // namespace hgj::studio
