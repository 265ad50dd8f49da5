// Every picture hgj publishes leaves without the metadata cameras, phones and editors write
// into it: EXIF (with GPS and the camera's serial), JPEG comments, XMP, IPTC, colour
// profiles (their names and descriptions are free text), PNG text chunks and timestamps.
// The pixels are untouched: the image data is copied byte for byte, so a QR code keeps
// every module and a JPEG is not encoded a second time.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace hgj {

struct ImageMetadataError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The JPEG with only what decoding needs: the frame, tables, scans, a JFIF header without
// its thumbnail and an Adobe colour-transform marker. An EXIF orientation other than 1 is
// kept, alone in a minimal EXIF segment, so the picture still shows upright. Data after
// the end-of-image marker is dropped. Throws ImageMetadataError when the segments cannot
// be walked or hold no scan.
std::string jpeg_without_metadata(std::string_view jpeg);

// The PNG with its critical chunks and those a correct render needs (tRNS, gAMA, cHRM,
// sRGB, sBIT, pHYs, bKGD); an eXIf orientation other than 1 is kept alone, as above.
// Throws ImageMetadataError when the chunks cannot be walked.
std::string png_without_metadata(std::string_view png);

// A JPEG or PNG without its metadata, as above; any other picture (GIF, WebP) is
// re-encoded as a PNG without metadata. Throws ImageMetadataError or vips::VError.
std::string publishable_image(std::string_view bytes);

}  // namespace hgj
