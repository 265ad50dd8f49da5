// What kind of picture some bytes hold, judged by their first bytes: for the content
// check (is a photo field a picture at all) and for the image stages choosing how to
// treat a file.
#pragma once

#include <string_view>

namespace hgj {

bool is_jpeg(std::string_view bytes);
bool is_png(std::string_view bytes);
// JPEG, PNG, GIF or WebP: the formats a photo or WeChat QR image may come in.
bool looks_like_image(std::string_view head);

}  // namespace hgj
