#include "site/render_site.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "hgj/files.h"
#include "publish.h"
#include "site/feeds.h"
#include "site/ics.h"
#include "site/job_ranges.h"
#include "site/page_data.h"
#include "site/page_jobs.h"
#include "site/share_images.h"
#include "site/urls.h"

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

RenderTotals render_site(const SiteIndex& s, const Theme& theme, const fs::path& out, int jobs,
                         DiagnosticSink& sink, const Progress& progress, const PageRecord& previous,
                         PutFile put) {
  const std::vector<PageJob> pages = page_jobs(s);
  const PageRenderer renderer(s, theme);
  const PageRecipes recipes(theme, renderer.shared());

  const unsigned threads =
      jobs > 0 ? static_cast<unsigned>(jobs) : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::size_t> rendered;  // each elder/ copy is rendered with its page
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (!pages[i].elder) rendered.push_back(i);
  }
  // Each page's entry of the new record, by its index in `pages`; an empty recipe is
  // left out.
  std::vector<PageEntry> entries(pages.size());
  JobRanges ranges(rendered.size(), threads);
  std::atomic<std::size_t> done{0}, bytes{0}, kept{0};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  // Whether the previous output holds the page `i` of recipe `recipe` as it is.
  const auto keep = [&](std::size_t i, const std::string& recipe) {
    const auto it = previous.find(pages[i].path);
    if (it == previous.end() || it->second.recipe != recipe) return false;
    return keep_file(out / pages[i].path, it->second.size);
  };
  const auto worker = [&](unsigned thread) {
    TemplateSet templates(theme, PageRenderer::elder_varies(), PageRenderer::shared_names());
    const auto emit = [&](std::size_t i, const std::string& html) {
      put(out / pages[i].path, html);
      entries[i].size = html.size();
      bytes += html.size();
      ++done;
    };
    while (const std::optional<std::size_t> taken = ranges.take(thread)) {
      const std::size_t i = rendered[*taken];
      const PageJob& job = pages[i];
      const bool with_copy = job.elder_copy != PageJob::no_copy;
      try {
        std::string error;
        Data page = renderer.data(job, templates, error);
        if (error.empty()) {
          const std::optional<std::string> recipe = recipes.recipe(job.tmpl, job.path, page);
          if (recipe) {
            entries[i].recipe = *recipe;
            if (with_copy) {
              entries[job.elder_copy].recipe =
                  PageRecipes::elder_recipe(*recipe, pages[job.elder_copy].path);
            }
          }
          // Both files kept, or both written (neither kept without its recipe).
          if (recipe && keep(i, entries[i].recipe) &&
              (!with_copy || keep(job.elder_copy, entries[job.elder_copy].recipe))) {
            entries[i].size = previous.at(job.path).size;
            if (with_copy) {
              entries[job.elder_copy].size = previous.at(pages[job.elder_copy].path).size;
            }
            bytes += entries[i].size + (with_copy ? entries[job.elder_copy].size : 0);
            done += with_copy ? 2 : 1;
            ++kept;
            continue;
          }
          if (with_copy) {
            auto [html, elder_html] = renderer.render_with_elder(job, page, templates, error);
            if (error.empty()) {
              emit(i, html);
              emit(job.elder_copy, elder_html);
            }
          } else {
            const std::string html = renderer.render(job, page, templates, error);
            if (error.empty()) emit(i, html);
          }
        }
        if (!error.empty()) {
          // Not written: not recorded either.
          entries[i].recipe.clear();
          if (with_copy) entries[job.elder_copy].recipe.clear();
          sink.error({theme.file_of(job.tmpl), 0, 0}, error + " (rendering " + job.path + ")");
          done += with_copy ? 2 : 1;
        }
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        failed = true;
        ranges.stop();  // stop the others too
      }
    }
  };
  // The feeds, calendars and JSON files are written beside the pages, not after them.
  std::vector<std::string> listed;
  for (const PageJob& job : pages) {
    if (!job.absolute && !job.elder) listed.push_back(job.path);
  }
  RenderTotals data_totals;
  std::vector<std::thread> pool;
  pool.emplace_back([&] {
    try {
      write_data_files(s, theme, listed, {out, put, data_totals});
    } catch (...) {
      std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      failed = true;
      ranges.stop();
    }
  });
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker, t);
  if (progress) {
    while (done < pages.size() && !failed) {
      progress(done, pages.size());
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
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
