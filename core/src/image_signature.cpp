#include "hgj/image_signature.h"

namespace hgj {

bool is_jpeg(std::string_view bytes) { return bytes.starts_with("\xFF\xD8\xFF"); }

bool is_png(std::string_view bytes) { return bytes.starts_with("\x89PNG\r\n\x1A\n"); }

bool looks_like_image(std::string_view head) {
  return is_jpeg(head) || is_png(head) || head.starts_with("GIF8") ||
         (head.starts_with("RIFF") && head.substr(8, 4) == "WEBP");
}

}  // namespace hgj
