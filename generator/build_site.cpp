// `hgj build`, in named stages: load → assemble → render site → images → print → kiosk
// bundle → publish.
#include "build_site.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <ostream>

#include "bundle/write_bundle.h"
#include "clock.h"
#include "diff/publication.h"
#include "exit_code.h"
#include "hgj/bundle.h"
#include "hgj/language.h"
#include "hgj/loader.h"
#include "hgj/parallel.h"
#include "output_folder.h"
#include "print/render_print.h"
#include "publish.h"
#include "site/images/images.h"
#include "site/images/photo_cache.h"
#include "site/pages/page_recipes.h"
#include "site/pages/site_index.h"
#include "site/pages/urls.h"
#include "site/render_site.h"
#include "site/templates/theme.h"
#include "site_state.h"
#include "theme_folders.h"

namespace hgj {

namespace fs = std::filesystem;

namespace {

// The chosen theme's folder (theme_folders.h).
fs::path theme_dir(const BuildOptions& o, const Site& s) {
  return theme_folder(o.theme.empty() ? s.theme : o.theme, o.themes_dir, o.content_dir);
}

fs::path default_theme_dir(const BuildOptions& o) {
  return theme_folder("default", o.themes_dir, o.content_dir);
}

std::string kilobytes(std::size_t bytes) { return std::to_string((bytes + 512) / 1024) + " KB"; }

void progress_line(std::ostream& log, std::size_t done, std::size_t total) {
  log << "\rhgj build: rendering " << done << "/" << total << " pages" << std::flush;
  if (done == total) log << "\r\033[K" << std::flush;
}

// Stage timings on the log when HGJ_TIMINGS is set (for benchmarks and profiling).
class StageClock {
 public:
  explicit StageClock(std::ostream& log) : log_(log), on_(std::getenv("HGJ_TIMINGS") != nullptr) {}
  void lap(const char* stage) {
    const auto now = std::chrono::steady_clock::now();
    if (on_) {
      log_ << "hgj build: " << stage << " " << std::chrono::duration<double>(now - last_).count()
           << " s\n";
    }
    last_ = now;
  }

 private:
  std::ostream& log_;
  bool on_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace

fs::path photo_cache_folder(const BuildOptions& o) {
  if (!o.cache) return {};
  return o.cache_dir.empty() ? default_cache_folder() : fs::path(o.cache_dir);
}

BuildReport build_site(const BuildOptions& o, DiagnosticSink& sink, std::ostream& log,
                       SiteState* keep) {
  const auto started = std::chrono::steady_clock::now();
  StageClock clock(log);
  BuildReport report;
  const auto fail = [&](int code) {
    report.exit_code = code;
    return report;
  };
  // What stops the build writing its output ends it with 2: a refusal (another run writes
  // it, or it is not hgj's) reported as it is, or a file-system error. Called in a catch
  // block; anything else goes on up.
  const auto output_failed = [&] {
    try {
      throw;
    } catch (const OutputRefused& e) {
      report.refused = e.what();
    } catch (const fs::filesystem_error& e) {
      sink.error({e.path1().string(), 0, 0}, e.code().message() + " (" + e.what() + ")");
    }
    return fail(exit_usage_error);
  };

  // 1. Load: the same diagnostics as `hgj check`; no output is touched on errors. Another
  // run writing the output is refused first (output_folder.h).
  std::unique_ptr<OutputLock> early;
  try {
    early = lock_early(o.out_dir);
  } catch (...) {
    return output_failed();
  }
  set_worker_threads(o.jobs);
  LoadResult loaded = load_content(o.content_dir, sink);
  if (loaded.io_error) return fail(exit_usage_error);
  if (problems_stop(sink, o.strict)) return fail(exit_content_error);
  const Content& content = loaded.content;
  clock.lap("load");

  if (!check_installed_theme(default_theme_dir(o), sink)) return fail(exit_usage_error);
  std::optional<site::Theme> theme =
      site::Theme::load(theme_dir(o, content.site), default_theme_dir(o), sink);
  if (!theme) return fail(exit_usage_error);  // a theme is not content: as under `hgj print`
  const std::optional<TimeZone> zone = TimeZone::make(content.site.timezone);
  if (!zone) {
    sink.error({o.content_dir + "/site.toml", 0, 0},
               say("不认识的时区“" + content.site.timezone + "”：中国请写 \"Asia/Shanghai\"",
                   "unknown time zone \"" + content.site.timezone + "\""));
    return fail(exit_content_error);
  }
  Instant now = 0;
  try {
    now = build_time();
  } catch (const BadSourceDateEpoch& e) {
    sink.error({"hgj", 0, 0}, e.what());  // not a content file: the run itself
    return fail(exit_usage_error);
  }
  const std::string base_url = site::resolved_base_url(o.base_url, content.site.base_url);

  std::unique_ptr<OutputLock> lock;
  try {
    lock =
        claim_output({o.out_dir,
                      o.force,
                      {{o.content_dir, say("内容文件夹", "the content folder")},
                       {theme_dir(o, content.site), say("主题文件夹", "the theme folder")},
                       {default_theme_dir(o), say("默认主题文件夹", "the default theme folder")},
                       {photo_cache_folder(o), say("照片缓存文件夹", "the photo cache folder")}}});
  } catch (...) {
    return output_failed();
  }

  try {
    // Rebuilds start from the output before last (publish.h): most pages come out the
    // same, and a file left alone costs a fraction of a new one.
    Staging staging(o.out_dir, Staging::Reuse::previous);
    // The pages the reused output holds, by recipe (site/pages/page_recipes.h); the record is
    // taken out of it before anything there changes. --full keeps none.
    site::PageRecord previous_pages = site::take_page_record(staging.dir());
    if (o.full) previous_pages.clear();
    // 2. Photos, avatars and WeChat QR images (site/images/images.h), made while the site is
    // assembled (on one core) and the pages render: libvips waits on its own worker
    // threads, and the render threads fill those gaps. (The future joins before anything
    // here unwinds.)
    std::future<void> images = std::async(std::launch::async, [&] {
      write_site_images(content, staging.dir(), photo_cache_folder(o), sink);
    });
    // 3. Assemble, 4. render into the staging folder beside the output.
    site::SiteIndex index = site::assemble(content, now, *zone, base_url);
    index.print_boards = o.print;  // building pages link their 公示牌
    clock.lap("assemble");
    site::Progress progress;
    if (o.progress)
      progress = [&log](std::size_t done, std::size_t total) { progress_line(log, done, total); };
    const site::RenderTotals totals =
        site::render_site(index, *theme, staging.dir(), sink, progress, previous_pages);
    images.get();
    if (problems_stop(sink, o.strict)) return fail(exit_content_error);
    log << "hgj build: "
        << say("页面 重新生成 " + grouped(totals.rendered) + " 个、沿用 " + grouped(totals.kept) +
                   " 个",
               "pages: " + grouped(totals.rendered) + " rendered, " + grouped(totals.kept) +
                   " kept")
        << '\n';
    clock.lap("render and images");

    // 5. 公示牌 and 联户卡 PDFs into print/ (print/render_print.h).
    if (o.print) {
      PrintOptions po;
      po.base_url = base_url;
      po.strict = o.strict;
      po.now = now;
      po.theme_dir = theme_dir(o, content.site).string();
      po.default_theme_dir = default_theme_dir(o).string();
      po.site_theme = &*theme;
      po.progress = o.progress;
      // What the output being replaced holds already is taken from it, unchanged.
      if (!o.full) po.reuse_from = staging.target() / "print";
      // The reprint list (print/reprint.json) is made against it, --full or not.
      po.compare_with = staging.target() / "print";
      PrintReport printed;
      if (!render_print(content, po, staging.dir() / "print", sink, &printed)) {
        return fail(printed.exit_code != exit_ok ? printed.exit_code : exit_content_error);
      }
      log << "hgj build: " << reuse_summary(printed) << '\n';
      clock.lap("print");
    }

    // 6. The kiosk bundle into kiosk/ (bundle/write_bundle.h), over the one of the output
    // the staging started from: a file that comes out the same is left alone. Its
    // manifest lists what is in kiosk/, so nothing stale may be left there by then.
    if (o.kiosk) {
      BundleOptions bo;
      bo.now = now;
      bo.base_url = base_url;
      bo.signing_key = o.signing_key;
      bo.strings = theme->strings();  // the kiosk's words: the site's theme
      bo.photo_cache = photo_cache_folder(o);
      // (The manifest and urgent.json, written after it, are spared for write_file() to
      // find them the same.)
      bo.before_manifest = [&staging] {
        staging.remove_unwritten({std::string("kiosk/") + bundle_manifest_file,
                                  std::string("kiosk/") + bundle_urgent_file});
      };
      BundleFiles bundled;
      if (!write_kiosk_bundle(content, bo, staging.dir() / "kiosk", sink, &bundled))
        return fail(exit_content_error);
      if (problems_stop(sink, o.strict)) return fail(exit_content_error);
      const std::size_t written = bundled.written, unchanged = bundled.unchanged;
      log << "hgj build: "
          << say("触摸屏数据包 重写 " + grouped(written) + " 个文件、未变 " + grouped(unchanged) +
                     " 个",
                 "kiosk bundle: " + grouped(written) + " files written, " + grouped(unchanged) +
                     " unchanged")
          << '\n';
      clock.lap("kiosk bundle");
    }
    staging.remove_unwritten();  // (done already when a bundle was made)

    // 7. Publish: swap the staged folder in atomically, then the record of what it was
    // built from (diff/publication.h), copied while the lock is held.
    const std::size_t files = staging.files_written(), bytes = staging.bytes_written();
    std::optional<PublicationRecord> record;
    if (o.record_publication) record.emplace(staging.target(), o.content_dir, now);
    staging.commit();
    if (record) {
      try {
        record->commit();
      } catch (const fs::filesystem_error& e) {
        // The site is out; only `hgj diff`'s default comparison is missing.
        sink.warning({e.path1().string(), 0, 0}, e.what());
      }
    }
    clock.lap("publish");
    report.pages = totals.pages;
    report.files = files;
    report.bytes = bytes;
    if (keep != nullptr) {
      // Moving the collections keeps their elements where the index points.
      keep->content = std::move(loaded.content);
      keep->theme = std::move(theme);
      keep->index = std::move(index);
      keep->index.content = &keep->content;
      keep->clean = sink.sorted().empty();
    }
  } catch (...) {
    return output_failed();
  }

  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f", report.seconds);
  std::string shown = fs::path(o.out_dir).lexically_normal().string();
  if (!shown.ends_with('/')) shown += '/';
  log << "hgj build: "
      << say(std::to_string(report.pages) + " 个页面、" + std::to_string(report.files) +
                 " 个文件、" + kilobytes(report.bytes) + "，用时 " + seconds + " 秒 → " + shown,
             std::to_string(report.pages) + " pages, " + std::to_string(report.files) + " files, " +
                 kilobytes(report.bytes) + " in " + seconds + " s → " + shown)
      << '\n';
  return report;
}

}  // namespace hgj
