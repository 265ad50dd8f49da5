#include "serve/incremental.h"

#include <algorithm>
#include <chrono>

#include "clock.h"
#include "hgj/reload.h"
#include "publish.h"
#include "site/images/images.h"
#include "site/pages/page_recipes.h"
#include "site/render_site.h"

namespace hgj::serve {

namespace fs = std::filesystem;

namespace {

// Every changed path must be a steward Markdown file that is still there.
bool only_steward_files(const std::vector<fs::path>& changed) {
  for (const fs::path& path : changed) {
    std::error_code ec;
    if (path.extension() != ".md" || path.parent_path().filename() != "stewards" ||
        !fs::is_regular_file(path, ec)) {
      return false;
    }
  }
  return !changed.empty();
}

}  // namespace

std::optional<BuildReport> update_site(SiteState& state, const BuildOptions& o,
                                       const std::vector<fs::path>& changed, DiagnosticSink& sink) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<fs::path> files = changed;
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  if (!state.clean || !state.theme || state.index.content != &state.content ||
      !only_steward_files(files)) {
    return std::nullopt;
  }
  const Instant now = build_time();

  std::vector<const Steward*> edited;
  for (const fs::path& file : files) {
    std::string id;
    if (!reload_steward_file(state.content, file.string(), &id)) {
      state.clean = false;  // possibly half updated: the next build must be a full one
      return std::nullopt;
    }
    edited.push_back(state.content.steward(id));
  }
  // Assembled again as of now, as a build now would: a page that shows the time (a notice
  // that started since, the next 敲门日 on a new day) gets a new recipe like any other.
  // The index reads no steward, so assembling costs no more than the content it reads.
  state.index = site::assemble(state.content, now, state.index.zone, state.index.base_url);
  state.index.print_boards = o.print;  // as build_site() has it

  // The same render as the build's (site/render_site.h), in place: the served folder's
  // record is taken out before a page changes, each file is replaced atomically for the
  // readers, the pages whose recipe is unchanged are kept, and the new record goes last.
  const fs::path out = o.out_dir;
  const site::PageRecord record = site::take_page_record(out);
  const site::RenderTotals totals =
      site::render_site(state.index, *state.theme, out, sink, {}, record, replace_file);
  for (const Steward* st : edited)
    update_steward_images(state.content, *st, out, photo_cache_folder(o), sink);

  BuildReport report;
  report.pages = totals.rendered;
  report.files = totals.files;
  report.bytes = totals.bytes;
  state.clean = sink.sorted().empty();
  if (sink.error_count() > 0) report.exit_code = 1;
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace hgj::serve
