// The recipe of every HTML page: a digest of exactly what its template is rendered with —
// the page's data as placed (PageRenderer::data()), the globals every page shares (site,
// the theme's strings, today's date), the template's source with its partials inlined
// (and the issue_row partial rows are rendered from), hgj's version and the page's path.
// Exact by construction: the renderer reads nothing else. The record of an output is
// kept in it (page_record_file); a rebuild that starts from that output (publish.h,
// Reuse::previous) renders only the pages whose recipe changed and keeps the others.
// Any doubt — no record, one of another hgj, a line that cannot be read — means none is
// kept.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>

#include "site/pages/page_data.h"
#include "site/templates/theme.h"

namespace hgj::site {

// At the output's root. It holds digests, paths and sizes only: public, as the pages are.
inline constexpr const char* page_record_file = ".page-recipes";

struct PageEntry {
  std::string recipe;  // 32 hex digits
  std::uint64_t size = 0;
};

// Output path → entry.
using PageRecord = std::unordered_map<std::string, PageEntry>;

// The record in the output folder `dir`, removed from it before anything there is
// rewritten: a build killed or failed midway must leave no record that lies. Empty when
// there is none or it cannot be trusted. Throws std::filesystem::filesystem_error when
// it cannot be removed.
PageRecord take_page_record(const std::filesystem::path& dir);

// The record as written into the output, lines sorted by path.
std::string page_record_text(const PageRecord& record);

// What every page of one render shares, digested once; then each page's recipe.
class PageRecipes {
 public:
  PageRecipes(const Theme& theme, const Data& globals);
  // nullopt when `page` holds what cannot be digested (a lambda): never kept.
  std::optional<std::string> recipe(const std::string& tmpl, const std::string& path,
                                    const Data& page) const;
  // The elder/ copy's: made from the same data by PageRenderer::place_elder().
  static std::string elder_recipe(const std::string& page_recipe, const std::string& elder_path);

 private:
  std::map<std::string, std::string> templates_;  // template name → digest of what it renders
};

}  // namespace hgj::site
