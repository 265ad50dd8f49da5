// Metadata is dropped from pictures without touching their pixels: the image data of a
// JPEG or PNG comes out byte for byte, and only what decoding needs is kept.
#include "image_metadata.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <vector>
#include <vips/vips8>

#include "libvips.h"
#include "site/images/site_size_photo.h"

namespace hgj {

namespace {

std::string be16(std::size_t v) { return {static_cast<char>(v >> 8), static_cast<char>(v & 0xFF)}; }

std::string segment(unsigned char marker, const std::string& data) {
  return std::string("\xFF") + static_cast<char>(marker) + be16(data.size() + 2) + data;
}

// An EXIF block (big-endian TIFF) with an ImageDescription and an Orientation.
std::string exif_tiff(const std::string& description, int orientation) {
  std::string t("MM\0\x2A\0\0\0\x08", 8);
  t += be16(2);
  const std::size_t text_at = 8 + 2 + 2 * 12 + 4;
  t += std::string("\x01\x0E\0\x02", 4) + std::string("\0\0", 2) + be16(description.size() + 1) +
       std::string("\0\0", 2) + be16(text_at);
  t += std::string("\x01\x12\0\x03\0\0\0\x01", 8) + be16(orientation) + std::string("\0\0", 2);
  t += std::string("\0\0\0\0", 4) + description + std::string(1, '\0');
  return t;
}

std::uint32_t crc(const std::string& bytes) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (char b : bytes) {
    c ^= static_cast<unsigned char>(b);
    for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
  }
  return c ^ 0xFFFFFFFFu;
}

std::string be32(std::uint32_t v) { return be16(v >> 16) + be16(v & 0xFFFF); }

std::string png_chunk(const std::string& type, const std::string& data) {
  return be32(static_cast<std::uint32_t>(data.size())) + type + data + be32(crc(type + data));
}

std::string picture(const char* suffix) {
  start_vips();
  vips::VImage image =
      vips::VImage::xyz(64, 48).extract_band(0).linear(3, 10).cast(VIPS_FORMAT_UCHAR);
  image = image.bandjoin({image, image.invert()})
              .copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
  return encode_image(image, suffix, vips::VImage::option()->set("strip", true));
}

// The chunk types of a PNG in order.
std::vector<std::string> chunk_types(const std::string& png) {
  std::vector<std::string> types;
  for (std::size_t at = 8; at + 12 <= png.size();) {
    const std::size_t length =
        static_cast<unsigned char>(png[at]) << 24 | static_cast<unsigned char>(png[at + 1]) << 16 |
        static_cast<unsigned char>(png[at + 2]) << 8 | static_cast<unsigned char>(png[at + 3]);
    types.push_back(png.substr(at + 4, 4));
    at += 12 + length;
  }
  return types;
}

bool same_pixels(const std::string& a, const std::string& b) {
  const vips::VImage x = vips::VImage::new_from_buffer(a, ""),
                     y = vips::VImage::new_from_buffer(b, "");
  return x.width() == y.width() && x.height() == y.height() && (x - y).abs().max() == 0;
}

}  // namespace

TEST_CASE(
    "a JPEG loses EXIF, XMP, ICC, IPTC, comments and trailing data, and keeps its image data") {
  const std::string plain = picture(".jpg");
  const std::string dirty =
      plain.substr(0, 2) + segment(0xE1, std::string("Exif\0\0", 6) + exif_tiff("CANARY-EXIF", 1)) +
      segment(0xE1, std::string("http://ns.adobe.com/xap/1.0/\0", 29) + "CANARY-XMP") +
      segment(0xE2, std::string("ICC_PROFILE\0\x01\x01", 14) + "CANARY-ICC") +
      segment(0xED, "Photoshop 3.0 CANARY-IPTC") + segment(0xFE, "CANARY-COMMENT") +
      plain.substr(2) + "CANARY-TRAILER";
  const std::string clean = jpeg_without_metadata(dirty);
  CHECK(clean.find("CANARY") == std::string::npos);
  CHECK(clean.find("Exif") == std::string::npos);  // orientation 1 needs no segment
  CHECK(clean.size() <= plain.size());
  // From the first table to the end, the bytes are the original's.
  const std::size_t tables = plain.find("\xFF\xDB");
  REQUIRE(tables != std::string::npos);
  CHECK(clean.substr(clean.find("\xFF\xDB")) == plain.substr(tables));
  CHECK(same_pixels(clean, plain));
  CHECK(jpeg_without_metadata(clean) == clean);
}

TEST_CASE("a JPEG's reserved and unknown markers go too: they could carry any text") {
  const std::string plain = picture(".jpg");
  const std::size_t scan = plain.find("\xFF\xDA");
  REQUIRE(scan != std::string::npos);
  // Found by fuzz_photo: a segment under marker 00 was kept whole, with an APP11 inside.
  const std::string smuggled = plain.substr(0, scan) +
                               segment(0x00, std::string("\xFF\xEB\0\x10"
                                                         "CANARY-ZERO",
                                                         15)) +
                               segment(0x02, "CANARY-RESERVED") + segment(0xF7, "CANARY-JPG7") +
                               segment(0xC8, "CANARY-JPG") + segment(0xEE, "AdobeCANARY") +
                               segment(0xEE, std::string("Adobe\x12\x34\x56\x78\x9A\xBC\x01", 12)) +
                               plain.substr(scan);
  const std::string clean = jpeg_without_metadata(smuggled);
  CHECK(clean.find("CANARY") == std::string::npos);
  CHECK(clean.find(std::string("\xFF\xEE\0\x0E"
                               "Adobe\0\x64\0\0\0\0\x01",
                               16)) != std::string::npos);
  CHECK(same_pixels(clean, plain));
  CHECK(jpeg_without_metadata(clean) == clean);
}

TEST_CASE("a JPEG's EXIF orientation is kept alone, so the picture still shows upright") {
  const std::string plain = picture(".jpg");
  const std::string turned =
      plain.substr(0, 2) + segment(0xE1, std::string("Exif\0\0", 6) + exif_tiff("CANARY-EXIF", 6)) +
      plain.substr(2);
  const std::string clean = jpeg_without_metadata(turned);
  CHECK(clean.find("CANARY") == std::string::npos);
  const std::size_t exif = clean.find("Exif");
  REQUIRE(exif != std::string::npos);
  const std::size_t length = static_cast<unsigned char>(clean[exif - 2]) << 8 |
                             static_cast<unsigned char>(clean[exif - 1]);
  CHECK(exif_orientation(clean.substr(exif, length - 2)) == 6);
  start_vips();
  CHECK(vips::VImage::new_from_buffer(clean, "").get_int(VIPS_META_ORIENTATION) == 6);
}

TEST_CASE(
    "a PNG keeps its critical and rendering chunks byte for byte and loses text, EXIF and time") {
  const std::string plain = picture(".png");
  const std::size_t ihdr_end = 8 + 25;
  const std::size_t iend = plain.rfind("IEND") - 4;
  const std::string dirty =
      plain.substr(0, ihdr_end) + png_chunk("gAMA", be32(45455)) +
      png_chunk("tEXt", std::string("Comment\0CANARY-TEXT", 19)) +
      png_chunk("zTXt", std::string("Title\0\0x\x9C", 9)) +
      png_chunk("iTXt", std::string("XML:com.adobe.xmp\0\0\0\0\0CANARY-ITXT", 34)) +
      png_chunk("eXIf", exif_tiff("CANARY-EXIF", 1)) +
      png_chunk("tIME", "\x07\xEA\x0B\x14\x08\0\0") +
      png_chunk("iCCP", std::string("CANARY-PROFILE\0\0", 16)) +
      png_chunk("prVt", "CANARY-PRIVATE") + png_chunk("CNRY", "CANARY-CRITICAL") +
      plain.substr(ihdr_end, iend - ihdr_end) +
      png_chunk("tEXt", std::string("Late\0CANARY-LATE", 16)) + plain.substr(iend) +
      "CANARY-TRAILER";
  const std::string clean = png_without_metadata(dirty);
  CHECK(clean.find("CANARY") == std::string::npos);
  std::vector<std::string> expected = chunk_types(plain);
  expected.insert(expected.begin() + 1, "gAMA");
  CHECK(chunk_types(clean) == expected);
  // Everything but the added gAMA chunk is the original, byte for byte.
  CHECK(clean.substr(0, ihdr_end) + clean.substr(ihdr_end + 16) == plain);
  CHECK(same_pixels(clean, plain));
}

TEST_CASE("a PNG's eXIf orientation is kept alone, before the image data") {
  const std::string plain = picture(".png");
  const std::string turned =
      plain.substr(0, 33) + png_chunk("eXIf", exif_tiff("CANARY-EXIF", 8)) + plain.substr(33);
  const std::string clean = png_without_metadata(turned);
  CHECK(clean.find("CANARY") == std::string::npos);
  const std::vector<std::string> types = chunk_types(clean);
  const auto exif = std::find(types.begin(), types.end(), "eXIf");
  CHECK(exif < std::find(types.begin(), types.end(), "IDAT"));
  CHECK(std::count(types.begin(), types.end(), "eXIf") == 1);
  const std::size_t at = clean.find("eXIf");
  CHECK(exif_orientation(std::string("Exif\0\0", 6) + clean.substr(at + 4, 30)) == 8);
}

TEST_CASE("a JPEG or PNG whose structure cannot be walked is refused with a reason") {
  const std::string png = picture(".png");
  CHECK_THROWS_WITH_AS(png_without_metadata(png.substr(0, 33) + be32(1000) + "IDATxxxxxxxx"),
                       "PNG: a chunk runs past the end", ImageMetadataError);
  CHECK_THROWS_WITH_AS(png_without_metadata(png.substr(0, png.size() - 12)),
                       "PNG: cut off before IEND", ImageMetadataError);
  CHECK_THROWS_WITH_AS(jpeg_without_metadata(std::string("\xFF\xD8\xFF\xE1\x40\x00Exif", 10)),
                       "JPEG: a segment runs past the end", ImageMetadataError);
  CHECK_THROWS_WITH_AS(jpeg_without_metadata("GIF89a"), "not a JPEG", ImageMetadataError);
  // Found by fuzz_photo: headers only, which cleaned would not even be a JPEG any more.
  CHECK_THROWS_WITH_AS(jpeg_without_metadata(std::string("\xFF\xD8\xFF\xE0\0\x04\x04\x03", 8)),
                       "JPEG: no image data", ImageMetadataError);
}

TEST_CASE("publishable_image cleans JPEG and PNG and re-encodes other formats as PNG") {
  const std::string jpeg = picture(".jpg");
  const std::string commented =
      jpeg.substr(0, 2) + segment(0xFE, "CANARY-COMMENT") + jpeg.substr(2);
  CHECK(publishable_image(commented) == jpeg_without_metadata(commented));
  const std::string gif = picture(".gif");
  REQUIRE(gif.starts_with("GIF8"));
  const std::string png = publishable_image(gif);
  CHECK(png.starts_with("\x89PNG\r\n\x1A\n"));
  CHECK(png_without_metadata(png) == png);
}

}  // namespace hgj
