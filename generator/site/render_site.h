// The render stage of `hgj build`: every HTML page of the site rendered in parallel
// (one TemplateSet per thread, pages claimed from a shared counter), then the feeds,
// calendars, JSON, theme assets and WeChat QR images. Writes into `out`, which is the
// staging folder; publishing is the caller's business.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string_view>

#include "hgj/diagnostics.h"
#include "publish.h"
#include "site/pages/page_recipes.h"
#include "site/pages/site_index.h"
#include "site/templates/theme.h"

namespace hgj::site {

struct RenderTotals {
  std::size_t pages = 0;  // HTML pages
  std::size_t files = 0;  // every file written
  std::size_t bytes = 0;
  // HTML pages rendered and pages kept as the previous output had them (page_recipes.h);
  // a page and its elder/ copy count as one.
  std::size_t rendered = 0, kept = 0;
};

// Called now and then from one rendering thread at a time: pages done, pages total.
using Progress = std::function<void(std::size_t done, std::size_t total)>;

// How each file goes into `out` (publish.h): write_file() into a staging folder,
// replace_file() into a folder being served. Either leaves a file with the right bytes
// alone; true when it wrote.
using PutFile = bool (*)(const std::filesystem::path& path, std::string_view bytes);

// Renders into `out`. Template runtime errors and I/O errors go to `sink` (I/O errors
// also throw std::filesystem::filesystem_error). On the run's worker pool (hgj/parallel.h).
// `previous`: the record of the output `out` was started from (take_page_record()); a
// page whose recipe it holds, with its file there, is kept and not rendered. The new
// record is written into `out` last. `put`: how every file is written.
RenderTotals render_site(const SiteIndex& index, const Theme& theme,
                         const std::filesystem::path& out, DiagnosticSink& sink,
                         const Progress& progress, const PageRecord& previous = {},
                         PutFile put = write_file);

}  // namespace hgj::site
