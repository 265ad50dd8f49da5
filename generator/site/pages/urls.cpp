#include "site/pages/urls.h"

#include <algorithm>
#include <cstdio>

namespace hgj::site {

std::string home_path() { return "index.html"; }
std::string communities_path() { return "communities/index.html"; }
std::string community_path(const std::string& id) { return "community/" + id + "/index.html"; }
std::string community_log_path(const std::string& id, const std::string& month) {
  return "community/" + id + "/log/" + month + "/index.html";
}
std::string grid_path(const std::string& id) { return "grid/" + id + "/index.html"; }
std::string building_path(const std::string& id, int page) {
  if (page <= 1) return "building/" + id + "/index.html";
  return "building/" + id + "/page-" + std::to_string(page) + ".html";
}
std::string steward_path(const std::string& id) { return "steward/" + id + "/index.html"; }
std::string duty_path(const std::string& id) { return "duties/" + id + "/index.html"; }
std::string page_path(const std::string& id) { return "pages/" + id + "/index.html"; }
std::string notice_path(const std::string& id) { return "notices/" + id + "/index.html"; }
std::string notices_path() { return "notices/index.html"; }
std::string events_path() { return "events/index.html"; }
std::string stats_path() { return "stats/index.html"; }
std::string categories_path() { return "category/index.html"; }
std::string category_path(const std::string& slug, int page) {
  if (page <= 1) return "category/" + slug + "/index.html";
  return "category/" + slug + "/page-" + std::to_string(page) + ".html";
}
std::string issue_anchor(const std::string& issue_id) { return "issue-" + issue_id; }

std::string category_slug(std::size_t index) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "c%02zu", index + 1);
  return buf;
}

std::string root_prefix(std::string_view from) {
  std::string prefix;
  for (char c : from) {
    if (c == '/') prefix += "../";
  }
  return prefix;
}

std::string relative_link(std::string_view from, std::string_view to) {
  return root_prefix(from) + std::string(to);
}

std::string resolved_base_url(std::string_view option, std::string_view site_base_url) {
  std::string url(option.empty() ? site_base_url : option);
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string absolute_url(std::string_view base_url, std::string_view path) {
  std::string url(base_url);
  while (!url.empty() && url.back() == '/') url.pop_back();
  std::string p(path);
  if (p == "index.html")
    p.clear();
  else if (p.ends_with("/index.html"))
    p.resize(p.size() - std::string_view("index.html").size());
  return url + "/" + p;
}

int page_count(std::size_t count, std::size_t per_page) {
  if (per_page == 0) return 1;
  return std::max<int>(1, static_cast<int>((count + per_page - 1) / per_page));
}

int page_of(std::size_t index, std::size_t per_page) {
  if (per_page == 0) return 1;
  return static_cast<int>(index / per_page) + 1;
}

}  // namespace hgj::site
