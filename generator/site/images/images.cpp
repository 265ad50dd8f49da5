#include "site/images/images.h"

#include <glib.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iterator>
#include <map>
#include <vips/vips8>

#include "hgj/image_signature.h"
#include "hgj/initials.h"
#include "hgj/language.h"
#include "hgj/parallel.h"
#include "image_metadata.h"
#include "libvips.h"
#include "publish.h"
#include "site/images/photo_cache.h"
#include "site/images/site_size_photo.h"
#include "site/templates/escape.h"

namespace hgj {

namespace fs = std::filesystem;

namespace {

// --- avatar colours -------------------------------------------------------------------

// White text on each has a contrast ratio of 6.1–6.9 (tests check ≥ 4.5).
constexpr const char* palette[] = {"#b3261e", "#a0370a", "#8a5300", "#2e6b30", "#00695c",
                                   "#1d5f99", "#4a4fb5", "#7b3fa0", "#a12a6b", "#56636d"};

std::uint32_t fnv1a(std::string_view text) {
  std::uint32_t hash = 2166136261u;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  return hash;
}

}  // namespace

std::string avatar_color(const std::string& steward_id) {
  return palette[fnv1a(steward_id) % std::size(palette)];
}

std::string avatar_svg(const std::string& steward_id, const std::string& name) {
  const std::string text = initials(name);
  const auto chars = std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // UTF-8 lead bytes: characters
  });
  const int font_size = chars <= 1 ? 120 : 88;
  // A baseline 0.35em below the middle centres CJK glyphs without relying on
  // dominant-baseline, which not every renderer supports.
  const int baseline = photo_height / 2 + font_size * 35 / 100;
  const std::string w = std::to_string(photo_width);
  const std::string h = std::to_string(photo_height);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h +
         "\" viewBox=\"0 0 " + w + ' ' + h +
         "\" role=\"img\" aria-labelledby=\"t\">"
         "<title id=\"t\">" +
         site::xml_escape(name) +
         "</title>"
         "<rect width=\"" +
         w + "\" height=\"" + h + "\" fill=\"" + avatar_color(steward_id) +
         "\"/>"
         "<text x=\"" +
         std::to_string(photo_width / 2) + "\" y=\"" + std::to_string(baseline) +
         "\" fill=\"#fff\" font-size=\"" + std::to_string(font_size) +
         "\" font-weight=\"700\" text-anchor=\"middle\" font-family=\"'Noto Sans CJK SC',"
         "'Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif\">" +
         site::xml_escape(text) + "</text></svg>\n";
}

namespace {

// --- libvips --------------------------------------------------------------------------

// Baseline, not progressive: at 240×300 a photo is 10–20 KB, where progressive files
// are no smaller and show nothing sooner, and encoding one costs a quarter more.
std::string encode_jpeg(const vips::VImage& image) {
  return encode_image(web_rgb(image), ".jpg",
                      vips::VImage::option()
                          ->set("Q", photo_quality)
                          ->set("strip", true)
                          ->set("optimize_coding", false));  // as site_size_photo.cpp says
}

// The photo, opened strictly (a truncated file is an error, not a grey half) to be read
// once from top to bottom. Opening reads only the header: size, orientation, pixel format
// and profile; the pixels are decoded when the image is encoded.
vips::VImage open_photo(const std::string& bytes) {
  return vips::VImage::new_from_buffer(bytes, "",
                                       vips::VImage::option()
                                           ->set("access", VIPS_ACCESS_SEQUENTIAL)
                                           ->set("fail_on", VIPS_FAIL_ON_WARNING));
}

// True when the photo, as displayed, already has the 4:5 shape: nothing is cropped, so
// the attention search (most of a photo's cost) would only find the whole picture.
bool has_photo_shape(const vips::VImage& header) {
  long width = header.width(), height = header.height();
  int orientation = 1;
  if (header.get_typeof(VIPS_META_ORIENTATION) != 0)
    orientation = header.get_int(VIPS_META_ORIENTATION);
  if (orientation >= 5) std::swap(width, height);  // EXIF 5–8 turn the picture sideways
  return width * photo_height == height * photo_width;
}

// True when the photo is already what the site shows: 240×300, upright, 8-bit sRGB or
// grey without a colour profile. It is then only encoded again, without thumbnail's
// resize pipeline (for what the short way leaves to libvips: a PNG with gamma, say).
bool has_site_size(const vips::VImage& header) {
  const bool upright =
      header.get_typeof(VIPS_META_ORIENTATION) == 0 || header.get_int(VIPS_META_ORIENTATION) <= 1;
  const VipsInterpretation kind = header.interpretation();
  return header.width() == photo_width && header.height() == photo_height && upright &&
         header.format() == VIPS_FORMAT_UCHAR && header.get_typeof(VIPS_META_ICC_NAME) == 0 &&
         (kind == VIPS_INTERPRETATION_sRGB || kind == VIPS_INTERPRETATION_B_W);
}

// Decodes a photo strictly (a truncated file is an error, not a grey half) and crops it
// to fill 240×300, keeping the most interesting part. EXIF orientation is applied. A
// plain PNG or JPEG already 240×300 goes the short way, without libvips.
std::string resize_photo_with(const std::string& bytes) {
  if (auto jpeg = encode_site_size_photo(bytes, photo_width, photo_height, photo_quality))
    return *jpeg;
  const vips::VImage photo = open_photo(bytes);
  if (has_site_size(photo)) return encode_jpeg(photo);
  const VipsInteresting crop =
      has_photo_shape(photo) ? VIPS_INTERESTING_CENTRE : VIPS_INTERESTING_ATTENTION;
  return encode_jpeg(thumbnail(
      bytes, photo_width, vips::VImage::option()->set("height", photo_height)->set("crop", crop)));
}

// Both ways already write no metadata; the JPEG is walked once more so that stays true
// whatever a libvips or libjpeg upgrade adds.
std::string resize_photo(const std::string& bytes) {
  return jpeg_without_metadata(resize_photo_with(bytes));
}

std::string svg_to_jpeg(const std::string& svg) {
  return encode_jpeg(vips::VImage::new_from_buffer(svg, ""));
}

// A PNG keeps its pixels byte for byte (a scanner needs every module); other formats are
// converted losslessly. Either way without metadata.
std::string qr_png(const std::string& bytes) {
  if (is_png(bytes)) return png_without_metadata(bytes);
  vips::VImage image = vips::VImage::new_from_buffer(
      bytes, "", vips::VImage::option()->set("fail_on", VIPS_FAIL_ON_WARNING));
  return encode_image(image, ".png", vips::VImage::option()->set("strip", true));
}

// The recipe of resize_photo() as the photo cache names it: a change to the size, the
// quality, libvips or the codecs of the short way starts a fresh cache folder. "nometa":
// photos cached before metadata was stripped on the way out are never reused.
std::string photo_recipe() {
  return std::to_string(photo_width) + "x" + std::to_string(photo_height) + "-q" +
         std::to_string(photo_quality) + "-baseline-std-huffman-nometa-vips" +
         vips_version_string() + "-" + site_size_photo_codecs();
}

// --- one steward ----------------------------------------------------------------------

class StewardImages {
 public:
  using Writer = std::function<void(const fs::path&, std::string_view)>;
  StewardImages(const Content& content, const fs::path& out_root, const fs::path& cache_folder,
                DiagnosticSink& sink, Writer writer = hgj::write_file)
      : content_root_(content.root),
        out_(out_root),
        photos_(cache_folder, photo_recipe()),
        sink_(sink),
        write_(std::move(writer)) {}

  void write(const Steward& s) {
    if (s.photo.empty() || !write_photo(s)) {
      write_(out_ / "avatars" / (s.id + ".svg"), avatar_svg(s.id, s.name));
    }
    if (!s.wechat_qr.empty()) write_qr(s);
  }

  // The warnings for images that could not be decoded, each with its own reason. After
  // the parallel work (libvips.h).
  void explain_failures() { failures_.explain(); }

 private:
  // False when the photo could not be decoded (after writing the avatar in its place).
  bool write_photo(const Steward& s) {
    const fs::path source = content_root_ / s.photo;
    const fs::path output = out_ / "photos" / (s.id + ".jpg");
    PhotoCache::Photo photo;
    try {
      photo = photos_.get(read_image_file(source), resize_photo);
    } catch (const std::exception&) {
      failures_.add([source] { resize_photo(read_image_file(source)); },
                    [this, source, photo = s.photo, id = s.id](const std::string& reason) {
                      sink_.warning({source.generic_string(), 0, 0},
                                    say("照片“" + photo + "”打不开（" + reason + "）：红管家 " +
                                            id + " 先显示姓名头像；请换一张 JPEG 或 PNG 照片",
                                        "照片 \"" + photo + "\" cannot be decoded (" + reason +
                                            "); steward " + id + " gets an initials avatar"));
                    });
      const std::string svg = avatar_svg(s.id, s.name);
      write_(output, svg_to_jpeg(svg));
      return false;
    }
    write_(output, photo.jpeg);
    photos_.keep(photo, output);
    return true;
  }

  // A QR code is published as a PNG without metadata (image_metadata.h); one that can be
  // neither cleaned nor converted is left out with a warning, never copied as it is.
  void write_qr(const Steward& s) {
    const fs::path source = content_root_ / s.wechat_qr;
    std::string bytes;
    try {
      bytes = qr_png(read_image_file(source));
    } catch (const std::exception&) {
      failures_.add([source] { qr_png(read_image_file(source)); },
                    [this, source, qr = s.wechat_qr](const std::string& reason) {
                      sink_.warning({source.generic_string(), 0, 0},
                                    say("微信群二维码“" + qr + "”转不成 PNG（" + reason +
                                            "），没有发布：请换一张 JPEG 或 PNG 图片",
                                        "微信群二维码 \"" + qr + "\" cannot be converted to PNG (" +
                                            reason + ")"));
                    });
      return;
    }
    write_(out_ / "qr" / (s.id + ".png"), bytes);
  }

  fs::path content_root_;
  fs::path out_;
  PhotoCache photos_;
  VipsFailures failures_;
  DiagnosticSink& sink_;
  Writer write_;
};

}  // namespace

void write_site_images(const Content& content, const fs::path& out_root,
                       const fs::path& cache_folder, DiagnosticSink& sink) {
  start_vips();
  StewardImages images(content, out_root, cache_folder, sink);
  parallel_for(content.stewards.size(), 8, [&](std::size_t i) {
    const Steward& s = content.stewards[i];
    try {
      images.write(s);
    } catch (const std::exception& e) {
      sink.error(s.where,
                 "cannot write the images of steward " + s.id + ": " + take_vips_error(e.what()));
    }
  });
  images.explain_failures();
}

void update_steward_images(const Content& content, const Steward& steward, const fs::path& out_root,
                           const fs::path& cache_folder, DiagnosticSink& sink) {
  start_vips();
  // Written first and the leftovers removed after, so a reloading page never finds no image.
  std::map<fs::path, bool> written;
  for (const char* kind : {"photos/", "avatars/", "qr/"}) {
    const char* suffix = kind[0] == 'p' ? ".jpg" : kind[0] == 'a' ? ".svg" : ".png";
    written[out_root / (kind + steward.id + suffix)] = false;
  }
  StewardImages images(content, out_root, cache_folder, sink,
                       [&written](const fs::path& path, std::string_view bytes) {
                         replace_file(path, bytes);
                         written[path] = true;
                       });
  try {
    images.write(steward);
  } catch (const std::exception& e) {
    sink.error(steward.where, "cannot write the images of steward " + steward.id + ": " +
                                  take_vips_error(e.what()));
  }
  images.explain_failures();
  for (const auto& [path, done] : written) {
    std::error_code ec;
    if (!done) fs::remove(path, ec);
  }
}

}  // namespace hgj
