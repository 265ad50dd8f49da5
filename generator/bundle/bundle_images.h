// The bundle's pictures: steward photos shrunk for lobby screens and the WeChat-group
// QR codes, under images/ in the bundle folder:
//   images/steward-<steward-id>.jpg   JPEG, sRGB, no metadata, within the size limits
//   images/qr-<12 hex digits>.png     PNG, named by its content so shared QR codes
//                                     (one group per building) are stored once
#pragma once

#include <filesystem>

#include "bundle/write_bundle.h"

namespace hgj {

// Writes the images and sets each BundleSteward's photo / wechat_qr to the paths
// written. A picture that cannot be read or decoded is a warning naming the file and
// is left out; a failure to write is an error. Shrunk photos are kept in
// options.photo_cache between runs; `files` counts what was written and what was there.
void write_bundle_images(const Content& content, const BundleOptions& options, Bundle& bundle,
                         const std::filesystem::path& out_dir, DiagnosticSink& sink,
                         BundleFiles& files);

}  // namespace hgj
