#include "serve/incremental.h"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <set>
#include <unordered_map>

#include "clock.h"
#include "hgj/parallel.h"
#include "hgj/reload.h"
#include "publish.h"
#include "site/images/images.h"
#include "site/pages/feeds.h"
#include "site/pages/page_jobs.h"
#include "site/pages/page_recipes.h"
#include "site/pages/stats.h"
#include "site/pages/urls.h"
#include "site/render_page.h"

namespace hgj::serve {

namespace fs = std::filesystem;

namespace {

void add_building(const site::SiteIndex& s, const std::string& id, std::set<std::string>& paths) {
  const Content& c = *s.content;
  const Building* b = c.building(id);
  if (b == nullptr) return;
  auto issues = s.issues_by_building.find(id);
  const int pages =
      site::page_count(issues == s.issues_by_building.end() ? 0 : issues->second.size(),
                       site::issues_per_building_page);
  for (int p = 1; p <= pages; ++p) paths.insert(site::building_path(id, p));
  if (!b->grid.empty()) paths.insert(site::grid_path(b->grid));
  paths.insert(site::community_path(b->community));
}

// The history, monthly log and category page that list one issue.
void add_issue(const site::SiteIndex& s, const Issue& issue, std::set<std::string>& paths) {
  if (const int page = s.issue_page(issue); page > 0 && s.content->building(issue.building)) {
    paths.insert(site::building_path(issue.building, page));
  }
  const Building* b = s.content->building(issue.building);
  if (b == nullptr) b = s.content->former_building(issue.building);
  if (b != nullptr) {
    paths.insert(site::community_log_path(b->community, site::issue_month(issue)));
  }
  if (auto list = s.issues_by_category.find(issue.category); list != s.issues_by_category.end()) {
    const auto at = std::find(list->second.begin(), list->second.end(), &issue);
    const auto index = static_cast<std::size_t>(at - list->second.begin());
    paths.insert(site::category_path(s.slug_of(issue.category),
                                     site::page_of(index, site::issues_per_category_page)));
  }
}

// Whether stewards.json (site/pages/feeds.h) would list the two alike.
bool same_listing(const Steward& a, const Steward& b) {
  return a.name == b.name && a.phone == b.phone && a.party_member == b.party_member &&
         a.role == b.role && a.buildings == b.buildings && a.since == b.since &&
         a.honors == b.honors && a.office_hours == b.office_hours;
}

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

struct PagePair {
  const site::PageJob* page;
  const site::PageJob* elder;  // its elder/ copy, or null
};

struct RenderOutcome {
  std::size_t pages = 0, files = 0;  // pages rendered, files that changed
  std::string error;                 // the first template error, if any
  const site::PageJob* failed = nullptr;
  site::PageRecord recipes;  // of the pages written (site/pages/page_recipes.h)
};

// Renders the pages with their elder/ copies (site/render_page.h) on the worker pool and
// replaces the served files that changed. Stops at the first template error.
RenderOutcome render_pairs(const SiteState& state, const std::vector<PagePair>& pairs,
                           const fs::path& out) {
  const site::PageRenderer renderer(state.index, *state.theme);
  const site::PageRecipes recipes(*state.theme, renderer.shared());
  RenderOutcome outcome;
  std::mutex mutex;
  InOrder hand_out(pairs.size());
  run_pool(
      pool_threads(pairs.size()), hand_out,
      [&](unsigned) { return site::thread_templates(*state.theme); },
      [&](site::TemplateSet& templates, std::size_t i) {
        const PagePair& pair = pairs[i];
        const site::RenderedPage made =
            site::render_page(renderer, recipes, templates, *pair.page, pair.elder);
        std::size_t changed = 0;
        if (made.error.empty()) {
          changed += replace_file(out / pair.page->path, made.html);
          if (pair.elder) changed += replace_file(out / pair.elder->path, made.elder_html);
        }
        std::lock_guard lock(mutex);
        if (!made.error.empty()) {
          if (outcome.error.empty()) {
            outcome.error = made.error;
            outcome.failed = pair.page;
          }
          return hand_out.stop();
        }
        if (!made.recipe.empty()) {
          outcome.recipes[pair.page->path] = {made.recipe, made.html.size()};
          if (pair.elder)
            outcome.recipes[pair.elder->path] = {made.elder_recipe, made.elder_html.size()};
        }
        outcome.pages += pair.elder ? 2 : 1;
        outcome.files += changed;
      });
  return outcome;
}

}  // namespace

std::vector<std::string> pages_showing(const site::SiteIndex& s, const Steward& before,
                                       const Steward& after) {
  // The home page counts covered buildings; the communities page (5,000 buildings at city
  // scale) names each building's stewards. The other site-wide pages show no steward.
  std::set<std::string> paths = {site::steward_path(after.id)};
  if (before.buildings != after.buildings) paths.insert(site::home_path());
  if (before.buildings != after.buildings || before.name != after.name)
    paths.insert(site::communities_path());
  for (const Steward* st : {&before, &after}) {
    for (const BuildingRef& ref : st->buildings) add_building(s, ref.building, paths);
  }
  for (const Issue* issue : s.content->issues_handled_by(after.id)) add_issue(s, *issue, paths);
  return {paths.begin(), paths.end()};
}

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
  // Pages show today's date and the next 敲门日: on a new day everything changes.
  if (state.index.zone.local_date(build_time()) != state.index.today) return std::nullopt;

  std::set<std::string> paths;
  std::vector<const Steward*> edited;
  bool buildings_moved = false, listing_changed = false;
  for (const fs::path& file : files) {
    std::string id;
    const Steward* old = nullptr;
    for (const Steward& st : state.content.stewards) {
      if (fs::path(st.where.file).filename() == file.filename()) old = &st;
    }
    const Steward before = old ? *old : Steward{};
    if (!reload_steward_file(state.content, file.string(), &id)) {
      state.clean = false;  // possibly half updated: the next build must be a full one
      return std::nullopt;
    }
    const Steward* after = state.content.steward(id);
    buildings_moved = buildings_moved || before.buildings != after->buildings;
    listing_changed = listing_changed || !same_listing(before, *after);
    for (const std::string& path : pages_showing(state.index, before, *after)) paths.insert(path);
    edited.push_back(after);
  }

  const fs::path out = o.out_dir;
  if (state.jobs.empty()) {
    state.jobs = site::page_jobs(state.index);
    for (std::size_t i = 0; i < state.jobs.size(); ++i) state.job_at.emplace(state.jobs[i].path, i);
  }
  BuildReport report;
  std::vector<PagePair> chosen;
  for (const std::string& path : paths) {
    const auto at = state.job_at.find(path);
    if (at == state.job_at.end()) continue;
    // The 长辈模式 copy of a page under elder/ shows what the page shows.
    const site::PageJob& page = state.jobs[at->second];
    chosen.push_back({&page, page.elder_copy == site::PageJob::no_copy
                                 ? nullptr
                                 : &state.jobs[page.elder_copy]});
  }
  // The served folder's page record (site/pages/page_recipes.h) is taken out before a page
  // changes and put back with these pages' recipes after: a later build may start from
  // this folder, and a record must never name a recipe its page was not made from.
  site::PageRecord record = site::take_page_record(out);
  const RenderOutcome outcome = render_pairs(state, chosen, out);
  if (!outcome.error.empty()) {
    sink.error({state.theme->file_of(outcome.failed->tmpl), 0, 0},
               outcome.error + " (rendering " + outcome.failed->path + ")");
    state.clean = false;
    report.exit_code = 1;
    return report;
  }
  report.pages = outcome.pages;
  report.files = outcome.files;
  if (!record.empty()) {
    for (const auto& [path, entry] : outcome.recipes) record[path] = entry;
    replace_file(out / site::page_record_file, site::page_record_text(record));
  }
  for (const Steward* st : edited)
    update_steward_images(state.content, *st, out, photo_cache_folder(o), sink);
  if (listing_changed)
    report.files += replace_file(out / "stewards.json", site::stewards_json(state.index));
  // buildings.json lists each building's stewards; search.json names no steward.
  if (buildings_moved)
    report.files += replace_file(out / "buildings.json", site::buildings_json(state.index));
  state.clean = sink.sorted().empty();
  if (sink.error_count() > 0) report.exit_code = 1;
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace hgj::serve
