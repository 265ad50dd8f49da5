// Photos already the size the site shows them (240×300, as docs/content.md asks) take a
// short way: decoded by libpng or libjpeg and encoded by libjpeg with the settings of the
// libvips way (site/images/images.cpp). For a picture this small, libvips' per-image pipeline,
// not the codecs, is most of the cost: 0.9 ms a photo against 0.2 ms this way.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hgj {

// The site's JPEG of `bytes` (baseline, standard Huffman tables, `quality`, no metadata)
// when they are a PNG or JPEG of exactly width×height that libvips would only re-encode:
// grey or colour of up to 8 bits a sample, no transparency, no colour profile, gamma or
// chromaticities, and upright (no EXIF orientation other than 1). nullopt for anything
// else, and for a file libpng or libjpeg finds damaged or warns about: the libvips way
// then takes it, and names what is wrong.
std::optional<std::string> encode_site_size_photo(std::string_view bytes, int width, int height,
                                                  int quality);

// "png1.6.39-jpeg2.1.5": the codecs' versions, for the photo cache's recipe.
std::string site_size_photo_codecs();

// The orientation in a JPEG APP1 segment's data ("Exif\0\0" + TIFF): 1–8, 1 when the
// segment has none, 0 when it is not EXIF or cannot be read.
int exif_orientation(std::string_view app1);

}  // namespace hgj
