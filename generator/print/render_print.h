// The print stage: 公示牌 (notice boards) and 联户卡 (contact-card sheets) as PDF, one
// of each per building plus one combined file of each per community for the print
// shop. Used by `hgj print` and by `hgj build` (into print/ of the site).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "hgj/diagnostics.h"
#include "hgj/model.h"
#include "hgj/recurrence.h"

namespace hgj {

namespace site {
class Theme;
}

struct PrintOptions {
  std::string paper;                     // A3 | A4; empty: site.toml's [print] paper
  std::vector<std::string> buildings;    // only these buildings (and these communities);
  std::vector<std::string> communities;  // both empty: everything
  std::string base_url;                  // for the QR codes; empty: site.toml's
  bool strict = false;                   // an undecodable photo is an error, not a warning
  Instant now = 0;                       // the print date and the PDFs' creation date
  std::string theme_dir;                 // print.toml, else default_theme_dir's, else defaults
  // Templates and print.css for the HTML views: `site_theme` when given (hgj build
  // passes the site's), else loaded from theme_dir over default_theme_dir (empty: the
  // source tree's themes/default).
  const site::Theme* site_theme = nullptr;
  std::string default_theme_dir;
  // The print output this run replaces: every file whose recipe (print/print_recipes.h)
  // is unchanged is taken from it instead of laid out again. Empty: lay out everything.
  std::filesystem::path reuse_from;
  // The print output this run replaces, to write the reprint list against (reprint.json,
  // diff/reprint.h): the boards and card sheets whose printed content differs from what
  // it recorded. Empty, or buildings selected: no list.
  std::filesystem::path compare_with;
  bool progress = false;  // a progress bar on stderr when it is a terminal
};

struct PrintReport {
  int exit_code = 0;            // 0 ok; 1 content problems (photos under strict); 2 theme, font,
                                // selection or I/O problems
  std::size_t boards = 0;       // buildings printed
  std::size_t board_pages = 0;  // pages over all boards (a crowded board takes two)
  std::size_t card_sheets = 0;
  // Laid out by this run, and taken unchanged from `reuse_from`: boards (the PDF, or its
  // HTML view), card-sheet PDFs, and communities (their two combined PDFs).
  std::size_t boards_laid_out = 0, boards_reused = 0;
  std::size_t cards_laid_out = 0, cards_reused = 0;
  std::size_t communities_merged = 0, communities_reused = 0;
  std::size_t files = 0;
  std::size_t bytes = 0;
  double seconds = 0;
};

// Writes into `out_dir` (created if needed; the caller stages it, see publish.h):
//   boards/<building>.pdf          the 公示牌, A3 or A4 portrait
//   boards/<building>.html         the same board as a page to print from a browser
//   boards/img/<picture>           the photos, WeChat QR images and QR codes they show
//   cards/<building>.pdf           联户卡 sheets, A4, ten 90×54 mm cards with crop marks
//   community/<id>-boards.pdf      every selected board of the community, in building order
//   community/<id>-cards.pdf       the same for the card sheets
//   .recipes.json                  what each file was made from (print/print_recipes.h)
//   reprint.json                   with options.compare_with: what to print again
// Community files are written for every community when nothing is selected, and for
// the communities named in options.communities otherwise. Every problem goes to `sink`;
// returns false (and report->exit_code ≠ 0) when the output must not be published.
bool render_print(const Content& content, const PrintOptions& options,
                  const std::filesystem::path& out_dir, DiagnosticSink& sink,
                  PrintReport* report = nullptr);

// What a run laid out and what it took unchanged from the output it replaces, for the
// command's log: "公示牌 重排 3 张、沿用 4,997 张；联户卡 …".
std::string reuse_summary(const PrintReport& report);
// 4997 → "4,997": the counts of a city are read at a glance (every reuse report).
std::string grouped(std::size_t n);

}  // namespace hgj
