#include "site/images/site_size_photo.h"

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <vips/vips8>

#include "libvips.h"

namespace hgj {

namespace {

// A width×height picture, top half black and bottom half white, saved by libvips as
// `suffix` with `options` (".png[…]", ".jpg[…]"); `bands` 1 (grey), 3, or 4 (alpha).
std::string picture(const char* suffix, int bands = 3, int width = 240, int height = 300,
                    vips::VOption* options = nullptr) {
  start_vips();  // as hgj runs it: without the operation cache, which ignores metadata changes
  const vips::VImage grey =
      (vips::VImage::xyz(width, height).extract_band(1) >= height / 2).cast(VIPS_FORMAT_UCHAR);
  vips::VImage image = grey;
  if (bands >= 3) image = grey.bandjoin(grey).bandjoin(grey);
  if (bands == 4) image = image.bandjoin(grey.linear(0, 255).cast(VIPS_FORMAT_UCHAR));
  image = image.copy(vips::VImage::option()->set(
      "interpretation", bands == 1 ? VIPS_INTERPRETATION_B_W : VIPS_INTERPRETATION_sRGB));
  return encode_image(image, suffix, options ? options : vips::VImage::option());
}

double mean_at(const std::string& jpeg, int x, int y) {
  return vips::VImage::new_from_buffer(jpeg, "").extract_area(x, y, 20, 20).avg();
}

// `png` with a chunk of `type` and `data` after its header (IHDR).
std::string with_chunk(const std::string& png, const char* type, const std::string& data) {
  std::string chunk = type + data;
  std::uint32_t crc = 0xFFFFFFFF;  // PNG's CRC-32, bit by bit
  for (char c : chunk) {
    crc ^= static_cast<unsigned char>(c);
    for (int k = 0; k < 8; ++k) crc = crc & 1 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
  }
  crc ^= 0xFFFFFFFF;
  const auto big_endian = [](std::uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  const std::size_t after_header = 8 + 12 + 13;
  return png.substr(0, after_header) + big_endian(static_cast<std::uint32_t>(data.size())) + chunk +
         big_endian(crc) + png.substr(after_header);
}

std::optional<std::string> encode(const std::string& bytes) {
  return encode_site_size_photo(bytes, 240, 300, 82);
}

// "Exif\0\0" + a little- or big-endian TIFF whose first IFD holds `entries` (tag, type,
// value) as 12-byte entries.
std::string exif(bool little, std::initializer_list<std::array<int, 3>> entries) {
  std::string out("Exif\0\0", 6);
  const auto put16 = [&](int v) {
    out += static_cast<char>(little ? v & 0xFF : v >> 8 & 0xFF);
    out += static_cast<char>(little ? v >> 8 & 0xFF : v & 0xFF);
  };
  const auto put32 = [&](int v) {
    if (little) {
      put16(v & 0xFFFF);
      put16(v >> 16);
    } else {
      put16(v >> 16);
      put16(v & 0xFFFF);
    }
  };
  out += little ? "II" : "MM";
  put16(42);
  put32(8);
  put16(static_cast<int>(entries.size()));
  for (const auto& [tag, type, value] : entries) {
    put16(tag);
    put16(type);
    put32(1);
    put16(value);
    put16(0);
  }
  put32(0);
  return out;
}

}  // namespace

TEST_CASE("a PNG or JPEG already 240x300 is encoded without libvips, as libvips would") {
  for (const char* suffix :
       {".png", ".jpg", ".png[palette]", ".png[interlace]", ".jpg[interlace]"}) {
    INFO(std::string(suffix));
    const std::optional<std::string> jpeg = encode(picture(suffix));
    REQUIRE(jpeg);
    REQUIRE(jpeg->starts_with("\xFF\xD8\xFF"));
    CHECK(jpeg->find("\xFF\xC0") != std::string::npos);  // baseline
    CHECK(jpeg->find("\xFF\xC2") == std::string::npos);
    const vips::VImage image = vips::VImage::new_from_buffer(*jpeg, "");
    CHECK(image.width() == 240);
    CHECK(image.height() == 300);
    CHECK(image.bands() == 3);
    CHECK(mean_at(*jpeg, 110, 40) < 20);       // black on top
    CHECK(mean_at(*jpeg, 110, 240) > 235);     // white below
    CHECK(*jpeg == *encode(picture(suffix)));  // the same bytes every build
  }
}

TEST_CASE("a grey photo stays a grey JPEG") {
  for (const char* suffix : {".png", ".png[bitdepth=1]", ".png[bitdepth=4]", ".jpg"}) {
    INFO(std::string(suffix));
    const std::optional<std::string> jpeg = encode(picture(suffix, 1));
    REQUIRE(jpeg);
    CHECK(vips::VImage::new_from_buffer(*jpeg, "").bands() == 1);
    CHECK(mean_at(*jpeg, 110, 40) < 20);
    CHECK(mean_at(*jpeg, 110, 240) > 235);
  }
}

TEST_CASE("a PNG whose image data was damaged is left to libvips") {
  std::string png = picture(".png");
  const std::size_t data = png.find("IDAT") + 4 + 20;
  png[data] = static_cast<char>(png[data] ^ 0x55);  // the chunk's CRC no longer matches
  CHECK(!encode(png));
}

TEST_CASE("the short way matches libvips' encoding of the same photo") {
  const std::string png = picture(".png");
  const std::string ours = *encode(png);
  const std::string theirs = encode_image(
      vips::VImage::new_from_buffer(png, ""), ".jpg",
      vips::VImage::option()->set("Q", 82)->set("strip", true)->set("optimize_coding", false));
  const vips::VImage a = vips::VImage::new_from_buffer(ours, "");
  const vips::VImage b = vips::VImage::new_from_buffer(theirs, "");
  CHECK((a - b).abs().max() <= 2);
  CHECK(std::abs(static_cast<double>(ours.size()) - static_cast<double>(theirs.size())) <
        0.05 * static_cast<double>(theirs.size()));
}

TEST_CASE("photos libvips must look at are left to it") {
  CHECK(!encode(picture(".png", 3, 241, 300)));  // another size: resized
  CHECK(!encode(picture(".jpg", 3, 300, 240)));
  CHECK(!encode(picture(".png", 4)));  // transparency: flattened onto white
  // 16-bit. (A 16-bit image, not bitdepth=16 on an 8-bit one: libvips 8.14 then reads past
  // its rows, which AddressSanitizer reports.) Kept alive: new_from_buffer reads lazily.
  const std::string png8 = picture(".png");
  const vips::VImage deep =
      (vips::VImage::new_from_buffer(png8, "").cast(VIPS_FORMAT_USHORT) * 257)
          .cast(VIPS_FORMAT_USHORT)
          .copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_RGB16));
  const std::string png16 = encode_image(deep, ".png", vips::VImage::option());
  REQUIRE(png16[24] == 16);  // IHDR's bit depth
  CHECK(!encode(png16));
  CHECK(!encode(picture(".png").substr(0, 300)));  // cut off: libvips names the problem
  CHECK(!encode(picture(".jpg").substr(0, 2000)));
  CHECK(!encode("GIF89a not a photo"));
  CHECK(!encode(""));

  // A colour profile: libvips converts to sRGB.
  const std::string png = picture(".png");  // new_from_buffer reads it lazily: kept alive
  vips::VImage with_profile = vips::VImage::new_from_buffer(png, "");
  with_profile = with_profile.icc_transform(
      "srgb", vips::VImage::option()->set("embedded", false)->set("input_profile", "srgb"));
  CHECK(with_profile.get_typeof(VIPS_META_ICC_NAME) != 0);
  CHECK(!encode(encode_image(with_profile, ".png", vips::VImage::option())));
  CHECK(!encode(encode_image(with_profile, ".jpg", vips::VImage::option())));

  // An orientation other than upright: libvips turns the picture.
  vips::VImage turned = vips::VImage::new_from_buffer(png, "").copy();
  turned.set(VIPS_META_ORIENTATION, 6);
  CHECK(!encode(encode_image(turned, ".jpg", vips::VImage::option())));
  CHECK(encode(with_chunk(png, "tEXt", std::string("Comment\0hi", 10))));  // the chunk is well made
  CHECK(!encode(with_chunk(png, "eXIf", exif(false, {{0x0112, 3, 6}}).substr(6))));
  CHECK(!encode(with_chunk(png, "gAMA", std::string("\0\0\xB1\x8F", 4))));  // libpng would convert
  turned.set(VIPS_META_ORIENTATION, 1);
  CHECK(encode(encode_image(turned, ".jpg", vips::VImage::option())));  // upright EXIF is fine
}

TEST_CASE("the EXIF orientation is read in either byte order, and nonsense is 0") {
  CHECK(exif_orientation(exif(true, {{0x0112, 3, 6}})) == 6);
  CHECK(exif_orientation(exif(false, {{0x010F, 2, 0}, {0x0112, 3, 3}})) == 3);
  CHECK(exif_orientation(exif(true, {{0x010F, 2, 0}})) == 1);  // none: upright
  CHECK(exif_orientation(exif(true, {{0x0112, 3, 9}})) == 0);  // out of range
  CHECK(exif_orientation(exif(true, {{0x0112, 4, 6}})) == 0);  // not a SHORT
  CHECK(exif_orientation(std::string("Exif\0\0", 6) + "XX*") == 0);
  const std::string whole = exif(true, {{0x0112, 3, 6}});
  for (std::size_t cut = 0; cut < whole.size() - 6; ++cut) {  // a short segment is never read past
    INFO(cut);
    const int found = exif_orientation(whole.substr(0, cut));
    CHECK((found == 0 || found == 1));
  }
  CHECK(exif_orientation("JFIF") == 0);
}

}  // namespace hgj
