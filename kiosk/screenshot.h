// The picture a screen sends the fleet of what it shows (issue #24 item 2): the frame read
// back from the renderer, shrunk and encoded as a PNG small enough for a street's
// upload folder.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace hgj::kiosk {

inline constexpr int screenshot_long_side = 540;                // pixels, at most
inline constexpr std::size_t screenshot_max_bytes = 100 << 10;  // nginx takes up to 256 KiB

// `argb`, a w×h frame of opaque ARGB8888 pixels (rows of w*4 bytes), shrunk to at most
// `long_side` pixels on its long side as a PNG with no text chunks; shrunk by a quarter
// more while the PNG is over `max_bytes` (a screen full of photos). Empty with `why` when
// cairo fails.
std::string screenshot_png(std::vector<unsigned char>& argb, int w, int h, int long_side,
                           std::size_t max_bytes, std::string& why);

}  // namespace hgj::kiosk
