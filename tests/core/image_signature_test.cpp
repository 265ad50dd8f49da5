// Judging a picture's format by its first bytes (hgj/image_signature.h).
#include "hgj/image_signature.h"

#include <doctest/doctest.h>

#include <string>

using namespace hgj;

TEST_CASE("pictures are told apart by their first bytes") {
  const std::string jpeg("\xFF\xD8\xFF\xE0", 4), png("\x89PNG\r\n\x1A\n\0\0", 10);
  CHECK(is_jpeg(jpeg));
  CHECK_FALSE(is_jpeg(png));
  CHECK(is_png(png));
  CHECK_FALSE(is_png(jpeg));
  CHECK_FALSE(is_png(png.substr(0, 7)));  // cut short
  CHECK_FALSE(is_jpeg(""));
  for (const std::string& head :
       {jpeg, png, std::string("GIF89a"), std::string("RIFF\0\0\0\0WEBPVP8 ", 16)}) {
    CHECK(looks_like_image(head));
  }
  CHECK_FALSE(looks_like_image(std::string("RIFF\0\0\0\0WAVEfmt ", 16)));
  CHECK_FALSE(looks_like_image("<svg xmlns"));
  CHECK_FALSE(looks_like_image(""));
}
