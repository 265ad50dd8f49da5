// A steward photo as staff may hand it over, damaged or not: the short way for photos
// already the site's size (site/images/site_size_photo.h) either declines or makes a whole JPEG.
// Seeds: the demo's photos, 240×300 JPEG and PNG. Half the inputs are also read as an
// EXIF segment, to reach the orientation reader with any offsets. The metadata stripper
// (image_metadata.h) refuses the input or returns a picture of the same kind that it
// leaves as it is when given again.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "hgj/image_signature.h"
#include "image_metadata.h"
#include "site/images/site_size_photo.h"

namespace {

template <typename Strip>
void strip_twice(std::string_view bytes, Strip strip, std::string_view signature) {
  std::string once;
  try {
    once = strip(bytes);
  } catch (const hgj::ImageMetadataError&) {
    return;
  }
  if (!once.starts_with(signature) || strip(once) != once) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (const auto jpeg = hgj::encode_site_size_photo(bytes, 240, 300, 82)) {
    if (!jpeg->starts_with("\xFF\xD8") || !jpeg->ends_with("\xFF\xD9")) std::abort();
  }
  if (hgj::is_jpeg(bytes)) strip_twice(bytes, hgj::jpeg_without_metadata, "\xFF\xD8");
  if (hgj::is_png(bytes)) strip_twice(bytes, hgj::png_without_metadata, "\x89PNG\r\n\x1A\n");
  if (size % 2 == 0) {
    const int orientation = hgj::exif_orientation(bytes);
    if (orientation < 0 || orientation > 8) std::abort();
  }
  return 0;
}
