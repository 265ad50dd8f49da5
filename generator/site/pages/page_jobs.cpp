#include "site/pages/page_jobs.h"

#include "hgj/filings.h"
#include "site/pages/urls.h"

namespace hgj::site {

namespace {

std::string page_title(const Data& page) {
  const Data* title = page.get("page_title");
  return title && title->is_string() ? title->string_value() : std::string();
}

// "/" or "/sub/" from https://host/sub
std::string site_path(const std::string& base_url) {
  std::string_view url = base_url;
  if (auto p = url.find("://"); p != std::string_view::npos) {
    url.remove_prefix(p + 3);
    auto slash = url.find('/');
    url = slash == std::string_view::npos ? std::string_view() : url.substr(slash);
  }
  std::string path(url);
  while (!path.empty() && path.back() == '/') path.pop_back();
  return path + "/";
}

Data globals(const SiteIndex& s, const Theme& theme) {
  const Site& site = s.content->site;
  Data g = object();
  Data sd = object();
  sd["title"] = site.title;
  sd["street"] = site.street;
  sd["district"] = text_or_false(site.district);
  sd["hotline"] = phone_data(site.hotline);
  // The filing numbers, linked as the rules for sites hosted in mainland China require.
  if (!site.icp.empty()) {
    Data icp = object();
    icp["text"] = site.icp;
    icp["url"] = std::string(icp_filing_url);
    sd["icp"] = std::move(icp);
  }
  if (!site.police_filing.empty()) {
    Data police = object();
    police["text"] = site.police_filing;
    police["url"] = police_filing_url(site.police_filing);
    sd["police_filing"] = std::move(police);
  }
  sd["language"] = site.language;
  // What a share card needs an absolute address for; nothing without a base_url.
  sd["share_image"] =
      s.base_url.empty() ? Data(false) : Data(absolute_url(s.base_url, "assets/share.png"));
  g["site"] = std::move(sd);
  Data t = object();
  for (const auto& [key, text] : theme.strings()) t[key] = text;
  g["t"] = std::move(t);
  g["updated"] = date_text(s.today);
  return g;
}

// Rows for a template that takes them as HTML: each issue's row rendered once for every
// page, with root_mark for `root` (ready_rows.h), which each page then replaces with its
// own. The partial reads nothing else of the page.
class ReadyIssueRows final : public IssueRows {
 public:
  ReadyIssueRows(const SiteIndex& s, IssueRowCache& cache, TemplateSet& templates,
                 const Data& globals, std::string root, std::string& error)
      : s_(s),
        cache_(cache),
        templates_(templates),
        globals_(globals),
        root_(std::move(root)),
        error_(error) {}

  Data row(const Issue& issue) const override {
    const auto marked = cache_.get(issue, [&]() -> std::optional<std::string> {
      const Data row = issue_row(s_, issue);
      if (row_text_holds(row, root_mark)) return std::nullopt;  // the mark would be ambiguous
      return render(row, std::string(1, root_mark));
    });
    if (marked) return Data(marked->with_root(root_));
    if (!error_.empty()) return Data(std::string());
    // A row whose own text holds the mark: rendered for this page alone.
    return Data(render(issue_row(s_, issue), root_).value_or(std::string()));
  }

 private:
  std::optional<std::string> render(const Data& row, const std::string& root) const {
    Data page = object();
    page["root"] = root;
    std::string html = templates_.render_issue_row(globals_, page, row, error_);
    if (!error_.empty()) return std::nullopt;
    return html;
  }

  const SiteIndex& s_;
  IssueRowCache& cache_;
  TemplateSet& templates_;
  const Data& globals_;
  std::string root_;
  std::string& error_;
};

}  // namespace

std::vector<PageJob> page_jobs(const SiteIndex& s) {
  const Content& c = *s.content;
  std::vector<PageJob> jobs;
  using Build = std::function<Data(const IssueRows&)>;
  const auto add_rows = [&](std::string path, std::string tmpl, Build build) {
    jobs.push_back({std::move(path), std::move(tmpl), std::move(build)});
  };
  // A page without issue rows.
  const auto add = [&](std::string path, std::string tmpl, std::function<Data()> build) {
    add_rows(std::move(path), std::move(tmpl),
             [build = std::move(build)](const IssueRows&) { return build(); });
  };
  add(home_path(), "home", [&s] { return home_page(s); });
  add(communities_path(), "communities", [&s] { return communities_page(s); });
  add(notices_path(), "notices", [&s] { return notices_page(s); });
  add(events_path(), "events", [&s] { return events_page(s); });
  add(stats_path(), "stats", [&s] { return stats_page(s); });
  add(categories_path(), "categories", [&s] { return categories_page(s); });
  for (const Community& x : c.communities) {
    add(community_path(x.id), "community", [&s, &x] { return community_page(s, x); });
    if (auto it = s.community_months.find(x.id); it != s.community_months.end()) {
      for (const auto& [month, issues] : it->second) {
        add_rows(community_log_path(x.id, month), "community_log",
                 [&s, &x, m = month](const IssueRows& rows) {
                   return community_log_page(s, x, m, rows);
                 });
      }
    }
  }
  for (const Grid& x : c.grids) add(grid_path(x.id), "grid", [&s, &x] { return grid_page(s, x); });
  for (const Building& x : c.buildings) {
    auto it = s.issues_by_building.find(x.id);
    const int pages = page_count(it == s.issues_by_building.end() ? 0 : it->second.size(),
                                 issues_per_building_page);
    for (int p = 1; p <= pages; ++p) {
      add_rows(building_path(x.id, p), "building",
               [&s, &x, p](const IssueRows& rows) { return building_page(s, x, p, rows); });
    }
  }
  for (const Steward& x : c.stewards) {
    add_rows(steward_path(x.id), "steward",
             [&s, &x](const IssueRows& rows) { return steward_page(s, x, rows); });
  }
  for (const DutyScheme& x : c.duties)
    add(duty_path(x.id), "duty", [&s, &x] { return duty_page(s, x); });
  for (const Page& x : c.pages) add(page_path(x.id), "page", [&s, &x] { return free_page(s, x); });
  for (const Notice& x : c.notices) {
    if (!s.notice_started(x)) continue;  // its page would publish it before its start
    add(notice_path(x.id), "notice", [&s, &x] { return notice_page(s, x); });
  }
  for (const std::string& name : s.categories) {
    auto it = s.issues_by_category.find(name);
    const int pages = page_count(it == s.issues_by_category.end() ? 0 : it->second.size(),
                                 issues_per_category_page);
    for (int p = 1; p <= pages; ++p) {
      add_rows(category_path(s.slug_of(name), p), "category",
               [&s, &name, p](const IssueRows& rows) { return category_page(s, name, p, rows); });
    }
  }
  add("404.html", "404", [&s] { return not_found_page(s); });
  jobs.back().absolute = true;
  // 长辈模式 without JavaScript: every page again under elder/, where relative page links
  // stay (see PageRenderer::render).
  const std::size_t n = jobs.size() - 1;
  for (std::size_t i = 0; i < n; ++i) {
    PageJob copy = jobs[i];
    copy.path = "elder/" + copy.path;
    copy.elder = true;
    jobs[i].elder_copy = jobs.size();
    jobs.push_back(std::move(copy));
  }
  return jobs;
}

PageRenderer::PageRenderer(const SiteIndex& s, const Theme& theme)
    : index_(s),
      theme_(theme),
      shared_(globals(s, theme)),
      ready_rows_(s.content->issues),
      absolute_root_(site_path(s.base_url)) {
  nav_ = {
      {"home", theme.string("nav_home"), home_path()},
      {"communities", theme.string("nav_communities"), communities_path()},
      {"events", theme.string("nav_events"), events_path()},
      {"notices", theme.string("nav_notices"), notices_path()},
      {"stats", theme.string("nav_stats"), stats_path()},
  };
  for (const Page& p : s.content->pages) nav_.push_back({"page-" + p.id, p.title, page_path(p.id)});
}

Data PageRenderer::nav_data(const std::string& section) const {
  std::vector<Data> out;
  for (const NavItem& item : nav_) {
    Data d = object();
    d["label"] = item.label;
    d["url"] = item.path;
    d["current"] = item.section == section;
    out.push_back(std::move(d));
  }
  return list_of(std::move(out));
}

std::string PageRenderer::render(const PageJob& job, TemplateSet& templates,
                                 std::string& error) const {
  const Data page = data(job, templates, error);
  if (!error.empty()) return {};
  return render(job, page, templates, error);
}

std::pair<std::string, std::string> PageRenderer::render_with_elder(const PageJob& job,
                                                                    TemplateSet& templates,
                                                                    std::string& error) const {
  Data page = data(job, templates, error);
  if (!error.empty()) return {};
  return render_with_elder(job, page, templates, error);
}

Data PageRenderer::data(const PageJob& job, TemplateSet& templates, std::string& error) const {
  Data page = build(job, templates, error);
  if (error.empty()) place(job, job.elder, page);
  return page;
}

std::string PageRenderer::render(const PageJob& job, const Data& page, TemplateSet& templates,
                                 std::string& error) const {
  return templates.render(job.tmpl, shared_, page, error);
}

std::pair<std::string, std::string> PageRenderer::render_with_elder(const PageJob& job, Data& page,
                                                                    TemplateSet& templates,
                                                                    std::string& error) const {
  const std::string root = root_of(job);
  return templates.render_twice(
      job.tmpl, shared_, page, [&](Data& d) { place_elder(root, d); }, error);
}

const std::set<std::string>& PageRenderer::elder_varies() {
  static const std::set<std::string> names = {"res", "elder"};
  return names;
}

const TemplateSet::SharedNames& PageRenderer::shared_names() {
  static const TemplateSet::SharedNames names = {{"site", "t", "updated"},  // globals()
                                                 {"root", "res", "elder"},  // place()
                                                 true};  // globals() sets t to the strings
  return names;
}

// The per-page variables: where the page sits and what its links are relative to.
// An elder/ page's links are relative to elder/ (so they stay there); `res` reaches
// files outside it: assets, photos, feeds. `self` is the page's path in either tree.
// A page and its copy differ in `res` and `elder` alone (elder_varies(), place_elder()).
void PageRenderer::place(const PageJob& job, bool elder, Data& page) const {
  const std::string root = root_of(job);
  page["root"] = root;
  page["self"] = job.absolute ? home_path() : std::string(self_of(job));
  page["res"] = root;
  page["elder"] = false;
  if (elder) place_elder(root, page);
  const Data* title = page.get("page_title");
  if (!title || !title->is_string() || title->string_value().empty()) {
    page["page_title"] = theme_.string("title_" + job.tmpl);
  }
  const Data* section = page.get("section");
  page["nav"] = nav_data(section && section->is_string() ? section->string_value() : "");
  // The head's meta partial: a page's own description (a building's names its stewards)
  // or the site's; the canonical address of the page, the same for its elder/ copy.
  const Data* description = page.get("description");
  const Data* callers = page.get("meta_callers");
  if (callers && callers->is_string()) {
    page["description"] = page_title(page) + theme_.string("meta_stewards") +
                          callers->string_value() + theme_.string("meta_stewards_end");
  } else if (!description || !description->is_string() || description->string_value().empty()) {
    page["description"] = index_.content->site.title + "：" + theme_.string("meta_about");
  }
  page["canonical"] = index_.base_url.empty() || job.absolute
                          ? Data(false)
                          : Data(absolute_url(index_.base_url, self_of(job)));
}

void PageRenderer::place_elder(const std::string& root, Data& page) {
  page["res"] = "../" + root;
  page["elder"] = true;
}

std::string_view PageRenderer::self_of(const PageJob& job) {
  std::string_view self = job.path;
  if (job.elder) self.remove_prefix(std::string_view("elder/").size());
  return self;
}

std::string PageRenderer::root_of(const PageJob& job) const {
  return job.absolute ? absolute_root_ : root_prefix(self_of(job));
}

Data PageRenderer::build(const PageJob& job, TemplateSet& templates, std::string& error) const {
  if (!theme_.takes_ready_rows(job.tmpl)) return job.build(IssueRowData(index_));
  const ReadyIssueRows rows(index_, ready_rows_, templates, shared_, root_of(job), error);
  return job.build(rows);
}

}  // namespace hgj::site
