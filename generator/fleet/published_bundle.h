// The bundle screens are expected to show: the generated_at of the published one, which
// `hgj fleet` and the workbench's 触摸屏 page compare each screen's report with.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "hgj/recurrence.h"

namespace hgj {

// The generated_at in `dir`/manifest.json. nullopt with `why` empty when the folder holds
// no manifest.json (nothing published there); nullopt with `why` (naming the folder) when
// its manifest.json cannot be read as one.
std::optional<Instant> bundle_generated_at(const std::filesystem::path& dir, std::string& why);

}  // namespace hgj
