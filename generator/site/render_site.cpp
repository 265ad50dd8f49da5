#include "site/render_site.h"

#include <atomic>
#include <chrono>
#include <mutex>

#include "hgj/files.h"
#include "hgj/parallel.h"
#include "publish.h"
#include "site/images/share_images.h"
#include "site/job_ranges.h"
#include "site/pages/feeds.h"
#include "site/pages/ics.h"
#include "site/pages/page_data.h"
#include "site/pages/page_jobs.h"
#include "site/pages/urls.h"
#include "site/render_page.h"

namespace hgj::site {

namespace fs = std::filesystem;

namespace {

// Each data file through `put` (render_site.h), counted.
struct DataWriter {
  const fs::path& out;
  PutFile put;
  RenderTotals& totals;

  void operator()(const std::string& path, const std::string& bytes) const {
    put(out / path, bytes);
    ++totals.files;
    totals.bytes += bytes.size();
  }
  void copy(const fs::path& from, const std::string& path) const {
    const std::optional<std::string> bytes = read_whole_file(from);
    if (!bytes)
      throw fs::filesystem_error("cannot read", from, std::make_error_code(std::errc::io_error));
    (*this)(path, *bytes);
  }
};

void write_data_files(const SiteIndex& s, const Theme& theme, const std::vector<std::string>& pages,
                      const DataWriter& write) {
  const Content& c = *s.content;
  std::vector<const Event*> all;
  for (const Event& e : c.events) all.push_back(&e);
  IcsCalendars calendars(s.base_url, absolute_url(s.base_url, events_path()), s.zone, s.now);
  write("events.ics", calendars.calendar(c.site.title, all));
  for (const Community& community : c.communities) {
    std::vector<const Event*> mine;
    for (const Event& e : c.events) {
      bool covers = e.scope.empty();
      for (const std::string& id : e.scope) {
        const Building* b = c.building(id);
        covers = covers || id == community.id || (b && b->community == community.id);
      }
      if (covers) mine.push_back(&e);
    }
    write("community/" + community.id + "/events.ics", calendars.calendar(community.name, mine));
  }
  write("notices.atom", atom_feed(s, c.site.title + " " + theme.string("nav_notices")));
  write("sitemap.xml", sitemap_xml(s, pages));
  write("robots.txt", robots_txt(s));
  write("stewards.json", stewards_json(s));
  write("buildings.json", buildings_json(s));
  write("issues.json", issues_json(s));
  write("search.json", search_json(s));
  for (const ThemeAsset& asset : theme.assets()) {
    write.copy(asset.source, "assets/" + asset.path);
  }
  // The tab's icon, the home-screen icon and the share picture (share_images.h).
  const std::string& color = theme.string("theme_color");
  write("assets/icon.svg", icon_svg(c.site.street, color, 64));
  write("assets/touch-icon.png", svg_to_png(icon_svg(c.site.street, color, 180)));
  const std::string hotline =
      c.site.hotline ? theme.string("footer_hotline") + " " + c.site.hotline->display : "";
  write("assets/share.png",
        svg_to_png(share_svg(c.site.street, theme.string("site_tagline"), hotline, color)));
}

}  // namespace

RenderTotals render_site(const SiteIndex& s, const Theme& theme, const fs::path& out,
                         DiagnosticSink& sink, const Progress& progress, const PageRecord& previous,
                         PutFile put) {
  const std::vector<PageJob> pages = page_jobs(s);
  const PageRenderer renderer(s, theme);
  const PageRecipes recipes(theme, renderer.shared());

  std::vector<std::size_t> rendered;  // each elder/ copy is rendered with its page
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (!pages[i].elder) rendered.push_back(i);
  }
  // The feeds, calendars and JSON files are written beside the pages, not after them:
  // they are the hand-out's first item, then the pages.
  std::vector<std::string> listed;
  for (const PageJob& job : pages) {
    if (!job.absolute && !job.elder) listed.push_back(job.path);
  }
  RenderTotals data_totals;
  const std::size_t items = rendered.size() + 1;
  const unsigned threads = pool_threads(items);
  JobRanges ranges(items, threads);
  // Each page's entry of the new record, by its index in `pages`; an empty recipe is
  // left out.
  std::vector<PageEntry> entries(pages.size());
  std::atomic<std::size_t> done{0}, bytes{0}, kept{0};
  // Whether the previous output holds the page as it is.
  const KeepPage keep = [&](const PageJob& job, const std::string& recipe) {
    const auto it = previous.find(job.path);
    if (it == previous.end() || it->second.recipe != recipe) return false;
    return keep_file(out / job.path, it->second.size);
  };
  // Progress is told by whichever worker comes by when it is due.
  std::mutex progress_mutex;
  auto progress_due = std::chrono::steady_clock::now();
  const auto tell_progress = [&] {
    std::unique_lock lock(progress_mutex, std::try_to_lock);
    if (!lock || std::chrono::steady_clock::now() < progress_due) return;
    progress(done, pages.size());
    progress_due = std::chrono::steady_clock::now() + std::chrono::milliseconds(100);
  };
  if (progress) tell_progress();
  const auto render_one = [&](TemplateSet& templates, std::size_t item) {
    if (item == 0) return write_data_files(s, theme, listed, {out, put, data_totals});
    const std::size_t i = rendered[item - 1];
    const PageJob& job = pages[i];
    const bool with_copy = job.elder_copy != PageJob::no_copy;
    const PageJob* copy = with_copy ? &pages[job.elder_copy] : nullptr;
    RenderedPage made = render_page(renderer, recipes, templates, job, copy, keep);
    if (!made.error.empty()) {
      // Not written: not recorded either.
      sink.error({theme.file_of(job.tmpl), 0, 0}, made.error + " (rendering " + job.path + ")");
      done += with_copy ? 2 : 1;
      return;
    }
    entries[i].recipe = std::move(made.recipe);
    if (with_copy) entries[job.elder_copy].recipe = std::move(made.elder_recipe);
    if (made.kept) {
      entries[i].size = previous.at(job.path).size;
      if (with_copy) entries[job.elder_copy].size = previous.at(copy->path).size;
      ++kept;
    } else {
      put(out / job.path, made.html);
      entries[i].size = made.html.size();
      if (with_copy) {
        put(out / copy->path, made.elder_html);
        entries[job.elder_copy].size = made.elder_html.size();
      }
    }
    bytes += entries[i].size + (with_copy ? entries[job.elder_copy].size : 0);
    done += with_copy ? 2 : 1;
  };
  run_pool(
      threads, ranges, [&](unsigned) { return thread_templates(theme); },
      [&](TemplateSet& templates, std::size_t item) {
        render_one(templates, item);
        if (progress) tell_progress();
      });
  if (progress) progress(pages.size(), pages.size());

  // Last, when every page it names is in place (a build that stops before leaves none).
  PageRecord record;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (!entries[i].recipe.empty()) record.emplace(pages[i].path, std::move(entries[i]));
  }
  const std::string record_text = page_record_text(record);
  put(out / page_record_file, record_text);

  RenderTotals totals;
  totals.files = pages.size() + data_totals.files + 1;
  for (const PageJob& job : pages)
    totals.pages += job.elder ? 0 : 1;  // a page and its elder/ copy: one
  totals.bytes = bytes + data_totals.bytes + record_text.size();
  totals.kept = kept;
  totals.rendered = totals.pages - kept;
  return totals;
}

}  // namespace hgj::site
