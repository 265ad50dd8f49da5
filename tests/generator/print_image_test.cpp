// Pictures for print: PNGs of every colour type and JPEGs decode to the same pixels,
// premultiplied; a JPEG goes into the PDF as it is; a broken file is refused.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vips/vips8>

#include "../temp_folder.h"
#include "image_metadata.h"
#include "libvips.h"
#include "print/image.h"

using namespace hgj;
using hgj::testing::TempFolder;

namespace {

// A 4×2 picture: red, green, blue, white / black, grey, half-transparent red, clear.
vips::VImage picture() {
  start_vips();
  const std::vector<double> rgba = {255, 0,   0,   255, 0,   255, 0, 255, 0,   0,   255,
                                    255, 255, 255, 255, 255, 0,   0, 0,   255, 128, 128,
                                    128, 255, 255, 0,   0,   128, 0, 0,   0,   0};
  static const std::vector<unsigned char> bytes(rgba.begin(), rgba.end());  // outlives the image
  return vips::VImage::new_from_memory(const_cast<unsigned char*>(bytes.data()), bytes.size(), 4, 2,
                                       4, VIPS_FORMAT_UCHAR)
      .copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
}

std::string saved(const vips::VImage& image, const char* suffix) {
  return encode_image(image, suffix, vips::VImage::option());
}

// The pixel at (x, y) as 0xAARRGGBB, premultiplied; alpha 0xFF for an opaque surface.
std::uint32_t pixel(const print::Image& image, int x, int y) {
  cairo_surface_t* s = image.surface.get();
  cairo_surface_flush(s);
  const auto* row = cairo_image_surface_get_data(s) + y * cairo_image_surface_get_stride(s);
  const std::uint32_t p = reinterpret_cast<const std::uint32_t*>(row)[x];
  return cairo_image_surface_get_format(s) == CAIRO_FORMAT_RGB24 ? (p | 0xFF000000u) : p;
}

// Channel by channel within 1 (a palette encoder may move a grey by one step).
bool near(std::uint32_t a, std::uint32_t b) {
  for (int shift = 0; shift < 32; shift += 8) {
    const int x = (a >> shift) & 0xFF, y = (b >> shift) & 0xFF;
    if (x - y > 1 || y - x > 1) return false;
  }
  return true;
}

std::optional<print::Image> load(const TempFolder& dir, const std::string& name,
                                 const std::string& bytes, std::string& why) {
  dir.write(name, bytes);
  return print::load_image(dir.path() / name, why);
}

}  // namespace

TEST_CASE("print images: PNGs of every colour type decode to the same premultiplied pixels") {
  TempFolder dir;
  const vips::VImage rgba = picture();
  const vips::VImage rgb = rgba.extract_band(0, vips::VImage::option()->set("n", 3));
  struct Case {
    std::string name;
    std::string bytes;
    bool alpha;
  };
  const std::vector<Case> cases = {
      {"rgba.png", saved(rgba, ".png"), true},
      {"rgb.png", saved(rgb, ".png"), false},
      {"rgb16.png", saved(rgb.cast(VIPS_FORMAT_USHORT) * 257, ".png[bitdepth=16]"), false},
      {"palette.png", saved(rgb, ".png[palette,Q=100,effort=1]"), false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    std::string why;
    const auto image = load(dir, c.name, c.bytes, why);
    REQUIRE_MESSAGE(image, why);
    CHECK(image->width == 4);
    CHECK(image->height == 2);
    CHECK(near(pixel(*image, 0, 0), 0xFFFF0000u));
    CHECK(near(pixel(*image, 1, 0), 0xFF00FF00u));
    CHECK(near(pixel(*image, 2, 0), 0xFF0000FFu));
    CHECK(near(pixel(*image, 3, 0), 0xFFFFFFFFu));
    CHECK(near(pixel(*image, 0, 1), 0xFF000000u));
    CHECK(near(pixel(*image, 1, 1), 0xFF808080u));
    if (c.alpha) {
      CHECK(near(pixel(*image, 2, 1), 0x80800000u));  // half red, half covered
      CHECK(near(pixel(*image, 3, 1), 0u));
    }
    // Only a JPEG is embedded as it is.
    const unsigned char* mime = nullptr;
    unsigned long length = 0;
    cairo_surface_get_mime_data(image->surface.get(), CAIRO_MIME_TYPE_JPEG, &mime, &length);
    CHECK(mime == nullptr);
  }
  // Grey, and grey with alpha.
  const vips::VImage grey = rgb.colourspace(VIPS_INTERPRETATION_B_W);
  std::string why;
  const auto g = load(dir, "grey.png", saved(grey, ".png"), why);
  REQUIRE_MESSAGE(g, why);
  CHECK(near(pixel(*g, 3, 0), 0xFFFFFFFFu));
  CHECK(near(pixel(*g, 0, 1), 0xFF000000u));
  const auto ga =
      load(dir, "grey-alpha.png", saved(grey.bandjoin(rgba.extract_band(3)), ".png"), why);
  REQUIRE_MESSAGE(ga, why);
  CHECK(near(pixel(*ga, 3, 1), 0u));
  CHECK(near(pixel(*ga, 3, 0), 0xFFFFFFFFu));
}

TEST_CASE("print images: a JPEG keeps its bytes for the PDF; broken files are refused") {
  TempFolder dir;
  const vips::VImage rgb = picture().extract_band(0, vips::VImage::option()->set("n", 3));
  const std::string jpeg = saved(
      rgb.resize(8, vips::VImage::option()->set("kernel", VIPS_KERNEL_NEAREST)), ".jpg[Q=95]");
  std::string why;
  const auto image = load(dir, "photo.jpg", jpeg, why);
  REQUIRE_MESSAGE(image, why);
  CHECK(image->width == 32);
  const unsigned char* mime = nullptr;
  unsigned long length = 0;
  cairo_surface_get_mime_data(image->surface.get(), CAIRO_MIME_TYPE_JPEG, &mime, &length);
  // The file's own image data, without the metadata libvips wrote (image_metadata.h).
  CHECK(std::string(reinterpret_cast<const char*>(mime), length) == jpeg_without_metadata(jpeg));
  CHECK(length < jpeg.size());

  const std::string png = saved(rgb, ".png");
  for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"truncated.png", png.substr(0, png.size() / 2)},
           {"truncated.jpg", jpeg.substr(0, jpeg.size() / 2)},
           {"text.png", "not a picture"},
           {"empty.png", ""}}) {
    CAPTURE(name);
    why.clear();
    CHECK_FALSE(load(dir, name, bytes, why));
    CHECK(why == "cannot be decoded as a JPEG or PNG image");
  }
  why.clear();
  CHECK_FALSE(print::load_image(dir.path() / "missing.png", why));
  CHECK(why == "cannot be read");
}

TEST_CASE("print images: a picture over 1,200 pixels is shrunk to fit, a JPEG staying a JPEG") {
  TempFolder dir;
  start_vips();
  // Noise, so the source JPEG is as heavy as a phone photo of the same size.
  const vips::VImage noise = vips::VImage::gaussnoise(
      2400, 3000, vips::VImage::option()->set("mean", 128)->set("sigma", 30));
  const vips::VImage rgb =
      noise.bandjoin({noise.flip(VIPS_DIRECTION_HORIZONTAL), noise.flip(VIPS_DIRECTION_VERTICAL)})
          .cast(VIPS_FORMAT_UCHAR)
          .copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
  const std::string jpeg = saved(rgb, ".jpg[Q=90]");
  std::string why;
  const auto photo = load(dir, "phone.jpg", jpeg, why);
  REQUIRE_MESSAGE(photo, why);
  CHECK(photo->width == 960);
  CHECK(photo->height == 1200);
  CHECK(cairo_image_surface_get_width(photo->surface.get()) == 960);
  const unsigned char* mime = nullptr;
  unsigned long length = 0;
  cairo_surface_get_mime_data(photo->surface.get(), CAIRO_MIME_TYPE_JPEG, &mime, &length);
  REQUIRE(mime != nullptr);
  CHECK(length < jpeg.size() / 4);  // what the PDFs embed
  CHECK(vips::VImage::new_from_buffer(mime, length, "").width() == 960);

  const std::string png = saved(rgb.crop(0, 0, 1600, 400), ".png");
  const auto wide = load(dir, "wide.png", png, why);
  REQUIRE_MESSAGE(wide, why);
  CHECK(wide->width == 1200);
  CHECK(wide->height == 300);
  mime = nullptr;
  cairo_surface_get_mime_data(wide->surface.get(), CAIRO_MIME_TYPE_JPEG, &mime, &length);
  CHECK(mime == nullptr);  // a PNG stays lossless

  // At the limit nothing is re-encoded: the file's own bytes go into the PDF, without
  // their metadata.
  const std::string exact = saved(rgb.crop(0, 0, 1200, 900), ".jpg[Q=90]");
  const auto kept = load(dir, "exact.jpg", exact, why);
  REQUIRE_MESSAGE(kept, why);
  cairo_surface_get_mime_data(kept->surface.get(), CAIRO_MIME_TYPE_JPEG, &mime, &length);
  CHECK(std::string(reinterpret_cast<const char*>(mime), length) == jpeg_without_metadata(exact));
}
