// The small picture of a screen's last screenshot `hgj fleet` and the workbench's 触摸屏
// page show in their table: made here with libvips, once for both.
#pragma once

#include <optional>
#include <string>

namespace hgj {

// The box the thumbnail fits in, in pixels: a portrait or a landscape screen's picture
// keeps a table row low.
inline constexpr int fleet_thumbnail_size = 120;

// `picture` (a screenshot a screen uploaded) as a small JPEG; nullopt with `why` when it
// cannot be read as a picture (cut off, not an image).
std::optional<std::string> fleet_thumbnail_jpeg(const std::string& picture, std::string& why);

// The same as a data: URI, so hgj fleet's page needs nothing beside it.
std::string data_uri(const std::string& mime, const std::string& bytes);

}  // namespace hgj
