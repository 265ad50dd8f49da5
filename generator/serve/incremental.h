// `hgj serve`'s fast path: after one or more steward Markdown files change, reload just
// those stewards and re-render just the pages and files that show them, in place in the
// served folder. Anything else (a CSV table, site.toml, a theme file, a new or removed
// file, a steward with a problem, a new day) needs a full build.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "build_site.h"
#include "site_state.h"

namespace hgj::serve {

// Updates `options.out_dir` from `state` for the `changed` paths. nullopt when this
// cannot be done incrementally; `state` may then be stale and must be rebuilt with a
// full build_site(…, &state). Diagnostics (a photo that no longer decodes) go to `sink`.
std::optional<BuildReport> update_site(SiteState& state, const BuildOptions& options,
                                       const std::vector<std::filesystem::path>& changed,
                                       DiagnosticSink& sink);

// The output paths (relative to the output folder) that show steward `before` or
// `after` (the same steward before and after an edit): its page, its buildings' pages
// and their grids' and communities', the pages listing issues it handled, and the home
// and communities pages when what they show of it changed.
std::vector<std::string> pages_showing(const site::SiteIndex& index, const Steward& before,
                                       const Steward& after);

}  // namespace hgj::serve
