// `hgj serve`'s fast path: after one or more steward Markdown files change, reload just
// those stewards and render the site again in place in the served folder, through the
// build's page record (site/page_recipes.h): only the pages whose recipe changed are
// rendered, the others kept. Anything else (a CSV table, site.toml, a theme file, a new or
// removed file, a steward with a problem) needs a full build.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "build_site.h"
#include "site_state.h"

namespace hgj::serve {

// Updates `options.out_dir` from `state` for the `changed` paths, as a build at this
// moment would make it. nullopt when this cannot be done incrementally; `state` may then
// be stale and must be rebuilt with a full build_site(…, &state). Diagnostics (a template
// error, a photo that no longer decodes) go to `sink`. Throws
// std::filesystem::filesystem_error when the folder cannot be written.
std::optional<BuildReport> update_site(SiteState& state, const BuildOptions& options,
                                       const std::vector<std::filesystem::path>& changed,
                                       DiagnosticSink& sink);

}  // namespace hgj::serve
