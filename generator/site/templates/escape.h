// Escaping for markup: the markup the generator builds in C++ (SVG, Atom, sitemap, the
// serve overlay) and, through TemplateSet, the values Mustache templates write.
#pragma once

#include <string>
#include <string_view>

namespace hgj::site {

// &, <, >, " and ' escaped (' as &#39;): safe in XML and HTML text and quoted attributes.
std::string xml_escape(std::string_view text);

// The same, with ' as &apos;: the entities of kainjow's html_escape(), which templates
// have always written.
std::string mustache_escape(std::string_view text);

}  // namespace hgj::site
