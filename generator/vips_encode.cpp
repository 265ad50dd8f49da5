#include "vips_encode.h"

#include <glib.h>

namespace hgj {

std::string encode_image(const vips::VImage& image, const char* suffix, vips::VOption* options) {
  void* data = nullptr;
  std::size_t size = 0;
  image.write_to_buffer(suffix, &data, &size, options);
  std::string bytes(static_cast<const char*>(data), size);
  g_free(data);
  return bytes;
}

}  // namespace hgj
