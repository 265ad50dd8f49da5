#include "image_metadata.h"

#include <array>
#include <cstdint>
#include <cstring>

#include "hgj/image_signature.h"
#include "libvips.h"
#include "site/images/site_size_photo.h"

namespace hgj {

namespace {

unsigned byte_at(std::string_view s, std::size_t at) { return static_cast<unsigned char>(s[at]); }

std::uint32_t big_endian32(std::string_view s, std::size_t at) {
  return std::uint32_t{byte_at(s, at)} << 24 | std::uint32_t{byte_at(s, at + 1)} << 16 |
         std::uint32_t{byte_at(s, at + 2)} << 8 | byte_at(s, at + 3);
}

void put32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

// A TIFF block ("MM", one IFD) holding the orientation and nothing else.
std::string orientation_tiff(int orientation) {
  std::string t("MM\0\x2A\0\0\0\x08", 8);
  t += std::string("\0\x01", 2);                    // one entry
  t += std::string("\x01\x12\0\x03\0\0\0\x01", 8);  // Orientation, SHORT, count 1
  t += static_cast<char>(0);
  t += static_cast<char>(orientation);
  t += std::string("\0\0\0\0\0\0", 6);  // value padding, no next IFD
  return t;
}

// The orientation in EXIF data that starts with the TIFF header (a PNG's eXIf).
int tiff_orientation(std::string_view tiff) {
  return exif_orientation(std::string("Exif\0\0", 6) + std::string(tiff));
}

// --- JPEG -----------------------------------------------------------------------------

bool starts_with(std::string_view data, std::string_view prefix) {
  return data.substr(0, prefix.size()) == prefix;
}

// Where the entropy-coded data that starts at `at` ends: the next marker other than a
// stuffed zero or a restart marker, or the end of the file.
std::size_t end_of_scan(std::string_view jpeg, std::size_t at) {
  while (at < jpeg.size()) {
    const void* found = std::memchr(jpeg.data() + at, 0xFF, jpeg.size() - at);
    if (!found) return jpeg.size();
    at = static_cast<std::size_t>(static_cast<const char*>(found) - jpeg.data());
    if (at + 1 >= jpeg.size()) return jpeg.size();
    const unsigned next = byte_at(jpeg, at + 1);
    if (next != 0x00 && (next < 0xD0 || next > 0xD7)) return at;
    at += 2;
  }
  return jpeg.size();
}

// The markers whose segments a decoder reads: frames (SOF0–SOF15, of which C4 is the
// Huffman tables, CC the arithmetic-coding conditions and C8, reserved, is not one),
// quantization tables, scans, restart interval, line count, hierarchical progression
// and expansion.
bool decoding_marker(unsigned marker) {
  return (marker >= 0xC0 && marker <= 0xCF && marker != 0xC8) || (marker >= 0xDA && marker <= 0xDF);
}

}  // namespace

std::string jpeg_without_metadata(std::string_view jpeg) {
  if (!is_jpeg(jpeg)) throw ImageMetadataError("not a JPEG");
  std::string jfif;  // the APP0 segment, rebuilt without a thumbnail
  std::string body;
  int orientation = 1;
  bool scanned = false;
  std::size_t at = 2;
  while (at < jpeg.size()) {
    // Stray bytes before a marker are skipped, as libjpeg skips them (with a warning).
    while (at < jpeg.size() && byte_at(jpeg, at) != 0xFF) ++at;
    while (at < jpeg.size() && byte_at(jpeg, at) == 0xFF) ++at;  // fill bytes
    if (at >= jpeg.size()) break;
    const unsigned marker = byte_at(jpeg, at++);
    if (marker == 0xD9) {  // end of image: whatever follows (a second picture, a trailer) goes
      body += "\xFF\xD9";
      break;
    }
    // TEM, restart markers and a second start of image stand alone; here they mean nothing.
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) continue;
    if (at + 2 > jpeg.size()) throw ImageMetadataError("JPEG: cut off in a segment's length");
    const std::size_t length = byte_at(jpeg, at) << 8 | byte_at(jpeg, at + 1);
    if (length < 2 || length > jpeg.size() - at)
      throw ImageMetadataError("JPEG: a segment runs past the end");
    const std::string_view data = jpeg.substr(at + 2, length - 2);
    const std::string_view segment = jpeg.substr(at - 2, length + 2);
    at += length;
    if (marker == 0xE0) {
      // JFIF's fixed part (version, units, density) says how to read the pixels; its
      // thumbnail is a second picture, and a JFXX extension only carries one.
      if (jfif.empty() && starts_with(data, std::string_view("JFIF\0", 5)) && data.size() >= 14) {
        jfif = std::string("\xFF\xE0\x00\x10", 4) + std::string(data.substr(0, 12)) +
               std::string("\0\0", 2);
      }
    } else if (marker == 0xE1) {
      if (starts_with(data, std::string_view("Exif\0\0", 6)) && orientation == 1) {
        const int o = exif_orientation(data);
        if (o >= 1 && o <= 8) orientation = o;
      }
    } else if (marker == 0xEE) {
      // Adobe's marker tells a decoder whether CMYK was transformed: only that is kept.
      if (data.size() == 12 && starts_with(data, "Adobe"))
        body += std::string(
                    "\xFF\xEE\0\x0E"
                    "Adobe\0\x64\0\0\0\0",
                    15) +
                data.back();
    } else if (decoding_marker(marker)) {
      body += segment;
      if (marker == 0xDA) {  // start of scan: the entropy-coded data follows
        scanned = true;
        const std::size_t end = end_of_scan(jpeg, at);
        body += jpeg.substr(at, end - at);
        at = end;
      }
    }
    // Everything else goes: APP2–APP15 (ICC profile, MPF, IPTC, Photoshop, vendor
    // notes), comments, and reserved or unknown markers, which could carry any text.
  }
  if (!scanned) throw ImageMetadataError("JPEG: no image data");
  std::string out("\xFF\xD8", 2);
  out += jfif;
  if (orientation != 1) {
    const std::string exif = std::string("Exif\0\0", 6) + orientation_tiff(orientation);
    out += "\xFF\xE1";
    out += static_cast<char>((exif.size() + 2) >> 8);
    out += static_cast<char>((exif.size() + 2) & 0xFF);
    out += exif;
  }
  out += body;
  return out;
}

// --- PNG ------------------------------------------------------------------------------

namespace {

std::uint32_t crc32(std::string_view bytes) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (char b : bytes) c = table[(c ^ static_cast<unsigned char>(b)) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

std::string png_chunk(std::string_view type, std::string_view data) {
  std::string chunk;
  put32(chunk, static_cast<std::uint32_t>(data.size()));
  chunk += type;
  chunk += data;
  put32(chunk, crc32(std::string(type) + std::string(data)));
  return chunk;
}

// Ancillary chunks a correct picture needs; everything else ancillary is dropped.
bool render_chunk(std::string_view type) {
  for (const char* keep : {"tRNS", "gAMA", "cHRM", "sRGB", "sBIT", "pHYs", "bKGD"})
    if (type == keep) return true;
  return false;
}

}  // namespace

std::string png_without_metadata(std::string_view png) {
  if (!is_png(png)) throw ImageMetadataError("not a PNG");
  std::string out(png.substr(0, 8));
  int orientation = 1;
  bool ended = false;
  for (std::size_t at = 8; !ended;) {
    if (at + 12 > png.size()) throw ImageMetadataError("PNG: cut off before IEND");
    const std::uint32_t length = big_endian32(png, at);
    if (length > png.size() - at - 12) throw ImageMetadataError("PNG: a chunk runs past the end");
    const std::string_view type = png.substr(at + 4, 4);
    const std::string_view whole = png.substr(at, 12 + std::size_t{length});
    at += whole.size();
    if (type == "eXIf") {
      const int o = tiff_orientation(whole.substr(8, length));
      if (o >= 2 && o <= 8) orientation = o;
      continue;
    }
    // The four critical chunks and the rendering ones; an unknown chunk, even one marked
    // critical, could carry any text.
    const bool critical = type == "IHDR" || type == "PLTE" || type == "IDAT" || type == "IEND";
    if (!critical && !render_chunk(type)) continue;
    if (type == "IDAT" && orientation != 1) {
      out += png_chunk("eXIf", orientation_tiff(orientation));
      orientation = 1;
    }
    out += whole;
    ended = type == "IEND";
  }
  return out;
}

std::string publishable_image(std::string_view bytes) {
  if (is_jpeg(bytes)) return jpeg_without_metadata(bytes);
  if (is_png(bytes)) return png_without_metadata(bytes);
  start_vips();
  const vips::VImage image = vips::VImage::new_from_buffer(
      bytes.data(), bytes.size(), "", vips::VImage::option()->set("fail_on", VIPS_FAIL_ON_WARNING));
  return encode_image(image, ".png", vips::VImage::option()->set("strip", true));
}

}  // namespace hgj
