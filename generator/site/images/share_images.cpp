#include "site/images/share_images.h"

#include <algorithm>
#include <vips/vips8>

#include "image_metadata.h"
#include "libvips.h"
#include "site/templates/escape.h"

namespace hgj::site {

namespace {

constexpr const char* kFonts =
    "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif";

// The first character (code point) of the text, "" when empty.
std::string first_character(const std::string& text) {
  if (text.empty()) return {};
  std::size_t n = 1;
  while (n < text.size() && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) ++n;
  return text.substr(0, n);
}

std::size_t characters(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// A line of white text centred at y, its size cut so that it fits 1080 of the 1200 px.
std::string line_svg(const std::string& text, int y, int size, int weight) {
  const int fit = static_cast<int>(1080 / std::max<std::size_t>(1, characters(text)));
  size = std::min(size, fit);
  return "<text x=\"600\" y=\"" + std::to_string(y) + "\" fill=\"#fff\" font-size=\"" +
         std::to_string(size) + "\" font-weight=\"" + std::to_string(weight) +
         "\" text-anchor=\"middle\" font-family=\"" + kFonts + "\">" + xml_escape(text) + "</text>";
}

}  // namespace

std::string icon_svg(const std::string& street, const std::string& color, int size) {
  const std::string s = std::to_string(size);
  // A baseline .35 em below the middle centres a CJK glyph (as the avatars do).
  const int font = size * 64 / 100;
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + s + "\" height=\"" + s +
         "\" viewBox=\"0 0 " + s + " " + s + "\"><rect width=\"" + s + "\" height=\"" + s +
         "\" fill=\"" + xml_escape(color) + "\"/><text x=\"" + std::to_string(size / 2) +
         "\" y=\"" + std::to_string(size / 2 + font * 35 / 100) + "\" fill=\"#fff\" font-size=\"" +
         std::to_string(font) + "\" font-weight=\"700\" text-anchor=\"middle\" font-family=\"" +
         kFonts + "\">" + xml_escape(first_character(street)) + "</text></svg>\n";
}

std::string share_svg(const std::string& street, const std::string& tagline,
                      const std::string& line, const std::string& color) {
  std::string out =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"630\" viewBox=\"0 0 "
      "1200 630\"><rect width=\"1200\" height=\"630\" fill=\"" +
      xml_escape(color) + "\"/>" +
      "<rect x=\"40\" y=\"40\" width=\"1120\" height=\"550\" rx=\"24\" fill=\"none\" "
      "stroke=\"#fff\" stroke-width=\"6\"/>";
  out += line_svg(street, line.empty() ? 290 : 250, 140, 700);
  out += line_svg(tagline, line.empty() ? 420 : 380, 96, 400);
  if (!line.empty()) out += line_svg(line, 500, 56, 700);
  return out + "</svg>\n";
}

std::string svg_to_png(const std::string& svg) {
  start_vips();
  // Flattened: the pictures are opaque, and a home screen shows transparency as black.
  const vips::VImage image = vips::VImage::new_from_buffer(svg, "").flatten();
  return png_without_metadata(
      encode_image(image, ".png", vips::VImage::option()->set("strip", true)));
}

}  // namespace hgj::site
