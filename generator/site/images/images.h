// The site's images: steward photos resized for the web, initials avatars for stewards
// without a usable photo, and the WeChat-group QR codes. Templates reference exactly
// these paths (under the output root):
//   photos/<steward-id>.jpg   when Steward::photo is not empty
//   avatars/<steward-id>.svg  when it is
//   qr/<steward-id>.png       when Steward::wechat_qr is not empty
#pragma once

#include <filesystem>
#include <string>

#include "hgj/diagnostics.h"
#include "hgj/initials.h"  // initials(), used with avatar_svg
#include "hgj/model.h"

namespace hgj {

// Photo size on the site: 240×300 (4:5), cropped to fill, JPEG quality 82.
inline constexpr int photo_width = 240;
inline constexpr int photo_height = 300;
inline constexpr int photo_quality = 82;

// The avatar background for a steward id, "#rrggbb": picked by a stable hash of the
// id from a palette where white text has at least 4.5:1 contrast (WCAG AA).
std::string avatar_color(const std::string& steward_id);

// A 240×300 SVG avatar: the initials in white on avatar_color(id), with the full
// name as its <title>. All text is XML-escaped.
std::string avatar_svg(const std::string& steward_id, const std::string& name);

// Writes every steward's images under `out_root` (see the top of this file), several
// stewards at a time. A photo that cannot be decoded is a warning naming the file; the
// steward then gets an avatar at avatars/<id>.svg and, so that pages pointing at
// photos/<id>.jpg still show something, the same avatar as that JPEG. A QR code that is
// not a PNG is converted. Failures to write are errors. Resized photos are kept in
// `cache_folder` between builds (site/images/photo_cache.h; empty: not kept).
void write_site_images(const Content& content, const std::filesystem::path& out_root,
                       const std::filesystem::path& cache_folder, DiagnosticSink& sink);

// One steward's images, as write_site_images() writes them, each file replaced
// atomically; an image the steward no longer has is removed. For `hgj serve`'s rebuild
// of one edited steward in the served folder.
void update_steward_images(const Content& content, const Steward& steward,
                           const std::filesystem::path& out_root,
                           const std::filesystem::path& cache_folder, DiagnosticSink& sink);

}  // namespace hgj
