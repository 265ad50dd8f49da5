#include "print/image.h"

#include <cstdint>
#include <cstring>
#include <mutex>
#include <vector>
#include <vips/vips8>

#include "hgj/image_signature.h"
#include "image_metadata.h"
#include "libvips.h"

namespace hgj::print {

namespace {

// RGBA bytes → a cairo surface (premultiplied, native-endian ARGB32).
SurfacePtr to_surface(const unsigned char* rgba, int width, int height, bool opaque) {
  cairo_surface_t* s =
      cairo_image_surface_create(opaque ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32, width, height);
  SurfacePtr surface(s, cairo_surface_destroy);
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) return nullptr;
  cairo_surface_flush(s);
  unsigned char* data = cairo_image_surface_get_data(s);
  const int stride = cairo_image_surface_get_stride(s);
  for (int y = 0; y < height; ++y) {
    auto* row = reinterpret_cast<std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    for (int x = 0; x < width; ++x) {
      const unsigned char* p = rgba + (static_cast<std::size_t>(y) * width + x) * 4;
      const std::uint32_t a = opaque ? 255 : p[3];
      auto pre = [a](unsigned char c) { return static_cast<std::uint32_t>((c * a + 127) / 255); };
      row[x] = (a << 24) | (pre(p[0]) << 16) | (pre(p[1]) << 8) | pre(p[2]);
    }
  }
  cairo_surface_mark_dirty(s);
  return surface;
}

// A PNG through cairo's own reader (libpng), straight into a surface: five times faster
// than libvips' pipeline for a 240×300 photo, and a city prints 10,000 of them. nullptr
// when cairo cannot read it, or when it carries an orientation (eXIf) that only the
// libvips path applies; that path then decides.
SurfacePtr png_surface(const std::string& bytes) {
  if (bytes.find("eXIf") != std::string::npos) return nullptr;
  struct Reader {
    const std::string& bytes;
    std::size_t at = 0;
  } reader{bytes};
  cairo_surface_t* s = cairo_image_surface_create_from_png_stream(
      [](void* closure, unsigned char* data, unsigned int length) {
        auto* r = static_cast<Reader*>(closure);
        if (r->bytes.size() - r->at < length) return CAIRO_STATUS_READ_ERROR;
        std::memcpy(data, r->bytes.data() + r->at, length);
        r->at += length;
        return CAIRO_STATUS_SUCCESS;
      },
      &reader);
  SurfacePtr surface(s, cairo_surface_destroy);
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) return nullptr;
  return surface;
}

// The longest side a picture keeps for print. A steward's photo is printed a few
// centimetres wide, where 1,200 pixels is over 600 dpi; a phone's 4,000-pixel, 5 MB photo
// would otherwise be decoded whole (48 MB of pixels) and go whole into every PDF that
// shows it: the building's board, its cards and the community's combined files.
constexpr int print_max_side = 1200;

// `bytes`, or when the picture is larger than print_max_side, the picture shrunk to fit,
// upright, as a JPEG when it was one (else a PNG). Throws vips::VError when it cannot be
// decoded.
std::string fit_for_print(std::string bytes) {
  if (is_png(bytes) && bytes.size() >= 24) {
    // The size is in the header chunk, which a PNG starts with: no decoder to start for
    // each of a city's ten thousand small photos.
    const auto be32 = [&](std::size_t at) {
      std::uint32_t v = 0;
      for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
      return v;
    };
    if (be32(16) <= print_max_side && be32(20) <= print_max_side) return bytes;
  } else {
    const vips::VImage header = vips::VImage::new_from_buffer(bytes, "");
    if (header.width() <= print_max_side && header.height() <= print_max_side) return bytes;
  }
  const bool jpeg = is_jpeg(bytes);
  const vips::VImage smaller =
      thumbnail(bytes, print_max_side,
                vips::VImage::option()->set("height", print_max_side)->set("size", VIPS_SIZE_DOWN));
  return jpeg ? encode_image(smaller, ".jpg",
                             vips::VImage::option()
                                 ->set("Q", 90)
                                 ->set("strip", true)
                                 ->set("optimize_coding", true))
              : encode_image(smaller, ".png", vips::VImage::option()->set("strip", true));
}

}  // namespace

std::optional<Image> load_image(const std::filesystem::path& file, std::string& error) {
  start_vips();
  std::string read;
  try {
    read = read_image_file(file);
  } catch (const std::runtime_error& e) {
    error = e.what();  // "cannot be read"
    return std::nullopt;
  }
  std::shared_ptr<const std::string> bytes;
  try {
    // Without metadata: a JPEG's bytes go into the PDF as they are (below).
    bytes = std::make_shared<const std::string>(publishable_image(fit_for_print(std::move(read))));
  } catch (const std::exception&) {
    error = "cannot be decoded as a JPEG or PNG image";
    vips_error_clear();
    return std::nullopt;
  }
  Image image;
  if (is_png(*bytes)) {
    if ((image.surface = png_surface(*bytes))) {
      image.width = cairo_image_surface_get_width(image.surface.get());
      image.height = cairo_image_surface_get_height(image.surface.get());
      return image;
    }
  }
  std::vector<unsigned char> rgba;
  bool opaque = true;
  bool keep_jpeg = is_jpeg(*bytes);
  try {
    vips::VImage in = vips::VImage::new_from_buffer(bytes->data(), bytes->size(), "",
                                                    vips::VImage::option()
                                                        ->set("access", VIPS_ACCESS_SEQUENTIAL)
                                                        ->set("fail_on", VIPS_FAIL_ON_TRUNCATED));
    // The JPEG goes into the PDF as it is only when it already looks as decoded here:
    // upright and RGB or grey (a CMYK or rotated one is embedded as pixels).
    if (in.get_typeof(VIPS_META_ORIENTATION) != 0 && in.get_int(VIPS_META_ORIENTATION) > 1) {
      keep_jpeg = false;
    }
    if (in.bands() != 3 && in.bands() != 1) keep_jpeg = false;
    vips::VImage img = in.autorot().colourspace(VIPS_INTERPRETATION_sRGB);
    opaque = !img.has_alpha();
    if (opaque) img = img.bandjoin_const({255});
    img = img.cast(VIPS_FORMAT_UCHAR);
    std::size_t size = 0;
    void* memory = img.write_to_memory(&size);
    image.width = img.width();
    image.height = img.height();
    rgba.assign(static_cast<unsigned char*>(memory), static_cast<unsigned char*>(memory) + size);
    g_free(memory);
  } catch (const vips::VError&) {
    error = "cannot be decoded as a JPEG or PNG image";
    vips_error_clear();
    return std::nullopt;
  }
  if (image.width <= 0 || image.height <= 0 ||
      rgba.size() != static_cast<std::size_t>(image.width) * image.height * 4) {
    error = "cannot be decoded as a JPEG or PNG image";
    return std::nullopt;
  }
  image.surface = to_surface(rgba.data(), image.width, image.height, opaque);
  if (!image.surface) {
    error = "is too large to print";
    return std::nullopt;
  }
  if (keep_jpeg && opaque) {
    // The surface owns a reference to the bytes until cairo lets go of the MIME data.
    auto* keep = new std::shared_ptr<const std::string>(bytes);
    cairo_surface_set_mime_data(
        image.surface.get(), CAIRO_MIME_TYPE_JPEG,
        reinterpret_cast<const unsigned char*>(bytes->data()), bytes->size(),
        [](void* p) { delete static_cast<std::shared_ptr<const std::string>*>(p); }, keep);
  }
  return image;
}

}  // namespace hgj::print
