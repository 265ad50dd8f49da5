#include "fleet/fleet_thumbnail.h"

#include <sodium.h>

#include <stdexcept>

#include "libvips.h"

namespace hgj {

std::optional<std::string> fleet_thumbnail_jpeg(const std::string& picture, std::string& why) {
  try {
    start_vips();
    const std::string bytes = read_image_file(picture);
    vips::VImage small = web_rgb(thumbnail(
        bytes, fleet_thumbnail_size, vips::VImage::option()->set("height", fleet_thumbnail_size)));
    // No metadata: the page or the workbench shows it, nobody needs its EXIF.
    return encode_image(small, ".jpg", vips::VImage::option()->set("Q", 75)->set("strip", true));
  } catch (const vips::VError& e) {
    why = take_vips_error(e.what());
  } catch (const std::exception& e) {
    why = e.what();
  }
  return std::nullopt;
}

std::string data_uri(const std::string& mime, const std::string& bytes) {
  std::string text(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  text.resize(text.size() - 1);  // its terminating NUL
  return "data:" + mime + ";base64," + text;
}

}  // namespace hgj
