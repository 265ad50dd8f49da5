#include "site/render_site.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "publish.h"
#include "site/feeds.h"
#include "site/ics.h"
#include "site/page_data.h"
#include "site/urls.h"

namespace hgj::site {

namespace fs = std::filesystem;

namespace {

struct PageJob {
  std::string path;      // output path
  std::string tmpl;      // template name
  std::function<Data()> build;
  bool absolute = false;  // 404.html: served from any folder, so links start at the site's path
};

std::vector<PageJob> page_jobs(const SiteIndex& s) {
  const Content& c = *s.content;
  std::vector<PageJob> jobs;
  const auto add = [&](std::string path, std::string tmpl, std::function<Data()> build) {
    jobs.push_back({std::move(path), std::move(tmpl), std::move(build)});
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
        add(community_log_path(x.id, month), "community_log",
            [&s, &x, m = month] { return community_log_page(s, x, m); });
      }
    }
  }
  for (const Grid& x : c.grids) add(grid_path(x.id), "grid", [&s, &x] { return grid_page(s, x); });
  for (const Building& x : c.buildings) {
    auto it = s.issues_by_building.find(x.id);
    const int pages = page_count(it == s.issues_by_building.end() ? 0 : it->second.size(),
                                 issues_per_building_page);
    for (int p = 1; p <= pages; ++p) {
      add(building_path(x.id, p), "building", [&s, &x, p] { return building_page(s, x, p); });
    }
  }
  for (const Steward& x : c.stewards) {
    add(steward_path(x.id), "steward", [&s, &x] { return steward_page(s, x); });
  }
  for (const DutyScheme& x : c.duties) add(duty_path(x.id), "duty", [&s, &x] { return duty_page(s, x); });
  for (const Page& x : c.pages) add(page_path(x.id), "page", [&s, &x] { return free_page(s, x); });
  for (const Notice& x : c.notices) {
    add(notice_path(x.id), "notice", [&s, &x] { return notice_page(s, x); });
  }
  for (const std::string& name : s.categories) {
    auto it = s.issues_by_category.find(name);
    const int pages = page_count(it == s.issues_by_category.end() ? 0 : it->second.size(),
                                 issues_per_category_page);
    for (int p = 1; p <= pages; ++p) {
      add(category_path(s.slug_of(name), p), "category",
          [&s, &name, p] { return category_page(s, name, p); });
    }
  }
  add("404.html", "404", [&s] { return not_found_page(s); });
  jobs.back().absolute = true;
  return jobs;
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
  sd["language"] = site.language;
  g["site"] = std::move(sd);
  Data t = object();
  for (const auto& [key, text] : theme.strings()) t[key] = text;
  g["t"] = std::move(t);
  g["updated"] = date_text(s.today);
  return g;
}

struct NavItem {
  std::string section, label, path;
};

std::vector<NavItem> nav_items(const SiteIndex& s, const Theme& theme) {
  std::vector<NavItem> items = {
      {"home", theme.string("nav_home"), home_path()},
      {"communities", theme.string("nav_communities"), communities_path()},
      {"events", theme.string("nav_events"), events_path()},
      {"notices", theme.string("nav_notices"), notices_path()},
      {"stats", theme.string("nav_stats"), stats_path()},
  };
  for (const Page& p : s.content->pages) items.push_back({"page-" + p.id, p.title, page_path(p.id)});
  return items;
}

Data nav_data(const std::vector<NavItem>& items, const std::string& section) {
  std::vector<Data> out;
  for (const NavItem& item : items) {
    Data d = object();
    d["label"] = item.label;
    d["url"] = item.path;
    d["current"] = item.section == section;
    out.push_back(std::move(d));
  }
  return list_of(out);
}

void copy_file(const fs::path& from, const fs::path& to, RenderTotals& totals) {
  fs::create_directories(to.parent_path());
  fs::copy_file(from, to, fs::copy_options::overwrite_existing);
  ++totals.files;
  totals.bytes += fs::file_size(to);
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
  const std::string events_url = absolute_url(s.base_url, events_path());
  write(out, "events.ics",
        ics_calendar({c.site.title, s.base_url, events_url}, all, s.zone, s.now), totals);
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
          ics_calendar({community.name, s.base_url, events_url}, mine, s.zone, s.now), totals);
  }
  write(out, "notices.atom", atom_feed(s, c.site.title + " " + theme.string("nav_notices")), totals);
  write(out, "sitemap.xml", sitemap_xml(s, pages), totals);
  write(out, "robots.txt", robots_txt(s), totals);
  write(out, "stewards.json", stewards_json(s), totals);
  write(out, "buildings.json", buildings_json(s), totals);
  write(out, "issues.json", issues_json(s), totals);
  write(out, "search.json", search_json(s), totals);
  for (const ThemeAsset& asset : theme.assets()) {
    copy_file(asset.source, out / "assets" / asset.path, totals);
  }
}

}  // namespace

RenderTotals render_site(const SiteIndex& s, const Theme& theme, const fs::path& out, int jobs,
                         DiagnosticSink& sink, const Progress& progress) {
  const std::vector<PageJob> pages = page_jobs(s);
  const Data shared = globals(s, theme);
  const std::vector<NavItem> nav = nav_items(s, theme);
  const std::string absolute_root = site_path(s.base_url);

  std::atomic<std::size_t> next{0}, done{0}, bytes{0};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  const auto worker = [&] {
    TemplateSet templates(theme);
    for (std::size_t i = next++; i < pages.size(); i = next++) {
      const PageJob& job = pages[i];
      try {
        Data page = job.build();
        page["root"] = job.absolute ? absolute_root : root_prefix(job.path);
        const Data* title = page.get("page_title");
        if (!title || !title->is_string() || title->string_value().empty()) {
          page["page_title"] = theme.string("title_" + job.tmpl);
        }
        const Data* section = page.get("section");
        page["nav"] = nav_data(nav, section && section->is_string() ? section->string_value() : "");
        std::string error;
        const std::string html = templates.render(job.tmpl, shared, page, error);
        if (!error.empty()) {
          sink.error({theme.file_of(job.tmpl), 0, 0}, error + " (rendering " + job.path + ")");
        } else {
          write_file(out / job.path, html);
          bytes += html.size();
        }
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        failed = true;
        next = pages.size();  // stop the others too
      }
      ++done;
    }
  };
  const unsigned threads = jobs > 0 ? static_cast<unsigned>(jobs)
                                    : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
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
  totals.pages = pages.size();
  totals.files = pages.size();
  totals.bytes = bytes;
  std::vector<std::string> listed;
  for (const PageJob& job : pages) {
    if (!job.absolute) listed.push_back(job.path);
  }
  write_data_files(s, theme, out, listed, totals);
  return totals;
}

}  // namespace hgj::site
