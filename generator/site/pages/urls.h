// Where every page of the site lives, and how pages link to each other. All links in
// pages are relative (the site works from any folder, also opened as file://); only
// feeds, the sitemap and QR codes use the absolute base_url.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace hgj::site {

// Output paths relative to the site root, '/' separated, always naming the file.
std::string home_path();                            // index.html
std::string communities_path();                     // communities/index.html
std::string community_path(const std::string& id);  // community/<id>/index.html
std::string community_log_path(const std::string& id,
                               const std::string& month);  // …/log/<YYYY-MM>/index.html
std::string grid_path(const std::string& id);              // grid/<id>/index.html
// Page 1 is building/<id>/index.html, page n > 1 building/<id>/page-<n>.html.
std::string building_path(const std::string& id, int page = 1);
std::string steward_path(const std::string& id);  // steward/<id>/index.html
std::string duty_path(const std::string& id);     // duties/<id>/index.html
std::string page_path(const std::string& id);     // pages/<id>/index.html
std::string notice_path(const std::string& id);   // notices/<id>/index.html
std::string notices_path();                       // notices/index.html
std::string events_path();                        // events/index.html
std::string stats_path();                         // stats/index.html
std::string categories_path();                    // category/index.html
std::string category_path(const std::string& slug,
                          int page = 1);                // category/<slug>/[page-<n>.html]
std::string issue_anchor(const std::string& issue_id);  // issue-<id>

// The ASCII slug of the category at `index` (0-based) in the site's list: c01, c02, …
std::string category_slug(std::size_t index);

// The prefix that leads from the folder of page `from` back to the site root:
// "" for index.html, "../../" for building/x/index.html.
std::string root_prefix(std::string_view from);
// A relative link from page `from` to the output path `to`.
std::string relative_link(std::string_view from, std::string_view to);
// The base URL every output links under: the --base-url option when given, else
// site.toml's base_url; without a trailing slash.
std::string resolved_base_url(std::string_view option, std::string_view site_base_url);
// The public URL of an output path: base_url + "/" + path, "index.html" dropped.
std::string absolute_url(std::string_view base_url, std::string_view path);

// Pagination: how many pages `count` rows need at `per_page` (at least 1), and which
// page (1-based) holds the row at `index`.
int page_count(std::size_t count, std::size_t per_page);
int page_of(std::size_t index, std::size_t per_page);

inline constexpr std::size_t issues_per_building_page = 20;
inline constexpr std::size_t issues_per_category_page = 100;

}  // namespace hgj::site
