// The site's machine-readable files: notices.atom (Atom 1.0), sitemap.xml, robots.txt,
// and the public JSON (stewards, buildings, issues, and the find-my-building index).
// Only public fields: private-category issues carry no title or resolution, and
// nothing the model does not hold (reporters, private_ columns) can appear.
#pragma once

#include <string>
#include <vector>

#include "site/pages/site_index.h"

namespace hgj::site {

std::string atom_feed(const SiteIndex& s, const std::string& feed_title);
// `paths` are output paths of the HTML pages to list.
std::string sitemap_xml(const SiteIndex& s, const std::vector<std::string>& paths);
std::string robots_txt(const SiteIndex& s);

std::string stewards_json(const SiteIndex& s);
std::string buildings_json(const SiteIndex& s);
std::string issues_json(const SiteIndex& s);
// [{"n": name, "c": community, "a": address, "k": what the box matches
// (search_haystack), "u": root-relative page}], by building id.
std::string search_json(const SiteIndex& s);

}  // namespace hgj::site
