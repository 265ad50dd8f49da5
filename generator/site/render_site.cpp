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

// Through write_file(), like every file of the output (publish.h).
void copy_file(const fs::path& from, const fs::path& to, RenderTotals& totals) {
  const std::optional<std::string> bytes = read_whole_file(from);
  if (!bytes)
    throw fs::filesystem_error("cannot read", from, std::make_error_code(std::errc::io_error));
  write_file(to, *bytes);
  ++totals.files;
  totals.bytes += bytes->size();
}

void write(const fs::path& out, const std::string& path, const std::string& bytes,
           RenderTotals& totals) {
  write_file(out / path, bytes);
  ++totals.files;
  totals.bytes += bytes.size();
}

void write_data_files(const SiteIndex& s, const Theme& theme, const fs::path& out,
                      const std::vector<std::string>& pages, RenderTotals& totals) {
  const Content& c = *s.content;
  std::vector<const Event*> all;
  for (const Event& e : c.events) all.push_back(&e);
  IcsCalendars calendars(s.base_url, absolute_url(s.base_url, events_path()), s.zone, s.now);
  write(out, "events.ics", calendars.calendar(c.site.title, all), totals);
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
    write(out, "community/" + community.id + "/events.ics",
          calendars.calendar(community.name, mine), totals);
  }
  write(out, "notices.atom", atom_feed(s, c.site.title + " " + theme.string("nav_notices")),
        totals);
  write(out, "sitemap.xml", sitemap_xml(s, pages), totals);
  write(out, "robots.txt", robots_txt(s), totals);
  write(out, "stewards.json", stewards_json(s), totals);
  write(out, "buildings.json", buildings_json(s), totals);
  write(out, "issues.json", issues_json(s), totals);
  write(out, "search.json", search_json(s), totals);
  for (const ThemeAsset& asset : theme.assets()) {
    copy_file(asset.source, out / "assets" / asset.path, totals);
  }
  // The tab's icon, the home-screen icon and the share picture (share_images.h).
  const std::string& color = theme.string("theme_color");
  write(out, "assets/icon.svg", icon_svg(c.site.street, color, 64), totals);
  write(out, "assets/touch-icon.png", svg_to_png(icon_svg(c.site.street, color, 180)), totals);
  const std::string hotline =
      c.site.hotline ? theme.string("footer_hotline") + " " + c.site.hotline->display : "";
  write(out, "assets/share.png",
        svg_to_png(share_svg(c.site.street, theme.string("site_tagline"), hotline, color)), totals);
}

}  // namespace

RenderTotals render_site(const SiteIndex& s, const Theme& theme, const fs::path& out, int jobs,
                         DiagnosticSink& sink, const Progress& progress) {
  const std::vector<PageJob> pages = page_jobs(s);
  const PageRenderer renderer(s, theme);

  const unsigned threads =
      jobs > 0 ? static_cast<unsigned>(jobs) : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::size_t> rendered;  // each elder/ copy is rendered with its page
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (!pages[i].elder) rendered.push_back(i);
  }
  JobRanges ranges(rendered.size(), threads);
  std::atomic<std::size_t> done{0}, bytes{0};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  const auto worker = [&](unsigned thread) {
    TemplateSet templates(theme, PageRenderer::elder_varies(), PageRenderer::shared_names());
    const auto emit = [&](const PageJob& job, const std::string& html) {
      write_file(out / job.path, html);
      bytes += html.size();
      ++done;
    };
    while (const std::optional<std::size_t> taken = ranges.take(thread)) {
      const PageJob& job = pages[rendered[*taken]];
      const bool with_copy = job.elder_copy != PageJob::no_copy;
      try {
        std::string error;
        if (with_copy) {
          auto [html, elder_html] = renderer.render_with_elder(job, templates, error);
          if (error.empty()) {
            emit(job, html);
            emit(pages[job.elder_copy], elder_html);
          }
        } else {
          const std::string html = renderer.render(job, templates, error);
          if (error.empty()) emit(job, html);
        }
        if (!error.empty()) {
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
      write_data_files(s, theme, out, listed, data_totals);
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

  RenderTotals totals;
  totals.files = pages.size() + data_totals.files;
  for (const PageJob& job : pages)
    totals.pages += job.elder ? 0 : 1;  // a page and its elder/ copy: one
  totals.bytes = bytes + data_totals.bytes;
  return totals;
}

}  // namespace hgj::site
