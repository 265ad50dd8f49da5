// A steward photo as staff may hand it over, damaged or not: the short way for photos
// already the site's size (site/site_size_photo.h) either declines or makes a whole JPEG.
// Seeds: the demo's photos, 240×300 JPEG and PNG. Half the inputs are also read as an
// EXIF segment, to reach the orientation reader with any offsets.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "site/site_size_photo.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (const auto jpeg = hgj::encode_site_size_photo(bytes, 240, 300, 82)) {
    if (!jpeg->starts_with("\xFF\xD8") || !jpeg->ends_with("\xFF\xD9")) std::abort();
  }
  if (size % 2 == 0) {
    const int orientation = hgj::exif_orientation(bytes);
    if (orientation < 0 || orientation > 8) std::abort();
  }
  return 0;
}
