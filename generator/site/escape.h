// Escaping for markup the generator builds in C++ (SVG, Atom, sitemap, the serve
// overlay); templates escape through Mustache.
#pragma once

#include <string>
#include <string_view>

namespace hgj::site {

// &, <, >, " and ' escaped: safe in XML and HTML text and quoted attributes.
std::string xml_escape(std::string_view text);

}  // namespace hgj::site
