// Every HTML page of the site as a job: its output path, template and a function that
// builds its data. `hgj build` renders them all; `hgj serve` re-renders only the pages
// an edit touches. Jobs refer into the SiteIndex and its Content, which must outlive them.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "site/pages/issue_row_cache.h"
#include "site/pages/page_data.h"
#include "site/pages/site_index.h"
#include "site/templates/theme.h"

namespace hgj::site {

struct PageJob {
  std::string path;                             // output path
  std::string tmpl;                             // template name
  std::function<Data(const IssueRows&)> build;  // the page's data, its issue rows from the argument
  bool absolute = false;  // 404.html: served from any folder, so links start at the site's path
  bool elder = false;     // the 长辈模式 copy under elder/ (docs/accessibility.md)
  // Where page_jobs() put this page's elder/ copy; no_copy for a copy and for 404.html.
  static constexpr std::size_t no_copy = static_cast<std::size_t>(-1);
  std::size_t elder_copy = no_copy;
};

// In a fixed order: singleton lists, then per community, grid, building, steward …, 404,
// then the elder/ copy of each page but 404.
std::vector<PageJob> page_jobs(const SiteIndex& index);

// What every page shares (site globals, strings, the navigation), made once per build.
class PageRenderer {
 public:
  PageRenderer(const SiteIndex& index, const Theme& theme);
  // The page's HTML; a template runtime error goes to `error` (then the HTML is empty).
  // `templates` belongs to the calling thread.
  std::string render(const PageJob& job, TemplateSet& templates, std::string& error) const;
  // The page and its elder/ copy from one build of the page data (the copy differs only
  // in where its links lead), as render() would make each.
  std::pair<std::string, std::string> render_with_elder(const PageJob& job, TemplateSet& templates,
                                                        std::string& error) const;
  // The two halves of render(): the page's data exactly as its template is rendered with
  // it (built and placed; what its recipe digests, page_recipes.h), then the rendering.
  // For a page with an elder/ copy, `page` must be placed in the main tree (data() of the
  // page, not of its copy) and is changed into the copy's data.
  Data data(const PageJob& job, TemplateSet& templates, std::string& error) const;
  std::string render(const PageJob& job, const Data& page, TemplateSet& templates,
                     std::string& error) const;
  std::pair<std::string, std::string> render_with_elder(const PageJob& job, Data& page,
                                                        TemplateSet& templates,
                                                        std::string& error) const;
  // What every page takes from the globals (site, strings, date).
  const Data& shared() const { return shared_; }
  // The page names in which a page and its elder/ copy differ: what rendering threads
  // make their TemplateSet with (TemplateSet::render_twice).
  static const std::set<std::string>& elder_varies();
  // The names every page takes from the globals (site, strings, date), and those that say
  // where a page stands: lines of a template that read nothing else are rendered once for
  // each place (TemplateSet::SharedNames).
  static const TemplateSet::SharedNames& shared_names();

 private:
  // The page's data, with its issue rows as its template takes them.
  Data build(const PageJob& job, TemplateSet& templates, std::string& error) const;
  // The page's path in either tree (elder/ taken off), and the way back to the site root.
  static std::string_view self_of(const PageJob& job);
  std::string root_of(const PageJob& job) const;
  void place(const PageJob& job, bool elder, Data& page) const;
  // What turns a page placed for the main tree into its elder/ copy: `res` and `elder`.
  static void place_elder(const std::string& root, Data& page);
  struct NavItem {
    std::string section, label, path;
  };
  Data nav_data(const std::string& section) const;

  const SiteIndex& index_;
  const Theme& theme_;
  Data shared_;
  mutable IssueRowCache ready_rows_;  // filled while rendering; thread-safe
  std::vector<NavItem> nav_;
  std::string absolute_root_;
};

}  // namespace hgj::site
