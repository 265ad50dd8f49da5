// The pictures a forwarded link and a home-screen shortcut show, drawn at build time
// from the site's own name (nothing to supply, nothing fetched): the browser tab's icon
// (assets/icon.svg), a phone's home-screen icon (assets/touch-icon.png, 180×180) and the
// card a chat app shows for a shared page (assets/share.png, 1200×630). Their colour is
// the theme's `theme_color` (strings.toml), the one the page's <meta name="theme-color">
// names.
#pragma once

#include <string>

namespace hgj::site {

// A square of the colour with the street's first character in white, `size` px wide.
std::string icon_svg(const std::string& street, const std::string& color, int size);

// 1200×630: the street, the tagline under it and, when given, a line such as the hotline.
std::string share_svg(const std::string& street, const std::string& tagline,
                      const std::string& line, const std::string& color);

// The SVG drawn as a PNG without metadata (same input, same bytes).
std::string svg_to_png(const std::string& svg);

}  // namespace hgj::site
