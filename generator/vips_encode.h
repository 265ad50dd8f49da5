// Encoding a libvips image to bytes in memory, shared by the site and kiosk-bundle
// image stages.
#pragma once

#include <string>
#include <vips/vips8>

namespace hgj {

// The image encoded by the saver `suffix` picks (".jpg", ".png") with `options`.
std::string encode_image(const vips::VImage& image, const char* suffix, vips::VOption* options);

}  // namespace hgj
