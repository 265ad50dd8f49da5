#include "bundle/bundle_images.h"

#include <algorithm>
#include <map>
#include <vips/vips8>

#include "hgj/image_signature.h"
#include "hgj/language.h"
#include "hgj/parallel.h"
#include "hgj/sha256.h"
#include "image_metadata.h"
#include "libvips.h"
#include "publish.h"
#include "site/images/photo_cache.h"

namespace hgj {

namespace {

namespace fs = std::filesystem;

// Shrinks (never enlarges) to fit the limits, applies EXIF orientation, and encodes
// as a baseline sRGB JPEG with alpha flattened onto white. A truncated file fails.
std::string screen_photo(const std::string& bytes, const BundleOptions& o) {
  const vips::VImage image = web_rgb(thumbnail(
      bytes, o.photo_max_width,
      vips::VImage::option()->set("height", o.photo_max_height)->set("size", VIPS_SIZE_DOWN)));
  return encode_image(image, ".jpg",
                      vips::VImage::option()
                          ->set("Q", o.photo_quality)
                          ->set("strip", true)
                          ->set("optimize_coding", true));
}

// A PNG QR code keeps its pixels byte for byte (re-encoding gains nothing and a scanner
// needs every module) but not its metadata; other formats are converted losslessly to PNG.
std::string qr_png(const std::string& bytes) {
  if (is_png(bytes)) return png_without_metadata(bytes);
  vips::VImage image = vips::VImage::new_from_buffer(
      bytes, "", vips::VImage::option()->set("fail_on", VIPS_FAIL_ON_WARNING));
  return encode_image(image, ".png", vips::VImage::option()->set("strip", true));
}

// What the photo cache keys screen_photo()'s results by, besides the source's bytes: a
// change to the limits, the quality or libvips starts a fresh cache folder.
std::string screen_photo_recipe(const BundleOptions& o) {
  return "kiosk-" + std::to_string(o.photo_max_width) + "x" + std::to_string(o.photo_max_height) +
         "-q" + std::to_string(o.photo_quality) + "-strip-optimized-vips" + vips_version_string();
}

class ImageWriter {
 public:
  ImageWriter(const Content& content, const BundleOptions& options, const fs::path& out_dir,
              DiagnosticSink& sink, BundleFiles& files)
      : root_(content.root),
        options_(options),
        out_(out_dir),
        sink_(sink),
        files_(files),
        photos_(options.photo_cache, screen_photo_recipe(options)) {}

  // The bundle path of the steward's photo, or "" (after a warning or error).
  std::string photo(const Steward& s) {
    if (s.photo.empty()) return {};
    const fs::path source = root_ / s.photo;
    PhotoCache::Photo jpeg;
    try {
      jpeg = photos_.get(read_image_file(source), [this](const std::string& bytes) {
        return screen_photo(bytes, options_);
      });
    } catch (const std::exception&) {
      failures_.add(
          [this, source] { screen_photo(read_image_file(source), options_); },
          [this, source, id = s.id](const std::string& reason) {
            sink_.warning(
                {source.generic_string(), 0, 0},
                say("红管家 " + id + " 的照片打不开，没有放进触摸屏数据（屏上显示姓名头像）：" +
                        reason,
                    "photo of " + id +
                        " left out of the kiosk bundle (the kiosk shows initials): " + reason));
          });
      return {};
    }
    const std::string path = "images/steward-" + s.id + ".jpg";
    if (!store(path, jpeg.jpeg, source)) return {};
    photos_.keep(jpeg, out_ / path);
    return path;
  }

  // The bundle path of a QR image; several stewards may share one source file.
  std::string qr(const std::string& relative) {
    const fs::path source = root_ / relative;
    std::string png;
    try {
      png = qr_png(read_image_file(source));
    } catch (const std::exception&) {
      failures_.add([source] { qr_png(read_image_file(source)); },
                    [this, source](const std::string& reason) {
                      sink_.warning({source.generic_string(), 0, 0},
                                    say("微信群二维码打不开，没有放进触摸屏数据：" + reason,
                                        "WeChat QR image left out of the kiosk bundle: " + reason));
                    });
      return {};
    }
    const std::string path = "images/qr-" + sha256_hex(png).substr(0, 12) + ".png";
    return store(path, png, source) ? path : "";
  }

  // The warnings for images left out, each with its own reason. After the parallel work
  // (libvips.h).
  void explain_failures() { failures_.explain(); }

 private:
  bool store(const std::string& path, const std::string& bytes, const fs::path& source) {
    try {
      files_.write(out_, path, bytes);
      return true;
    } catch (const std::exception& e) {
      sink_.error({source.generic_string(), 0, 0},
                  "cannot write " + (out_ / path).string() + ": " + e.what());
      return false;
    }
  }

  fs::path root_;
  const BundleOptions& options_;
  fs::path out_;
  DiagnosticSink& sink_;
  BundleFiles& files_;
  PhotoCache photos_;
  VipsFailures failures_;
};

}  // namespace

void write_bundle_images(const Content& content, const BundleOptions& options, Bundle& bundle,
                         const fs::path& out_dir, DiagnosticSink& sink, BundleFiles& files) {
  start_vips();
  ImageWriter writer(content, options, out_dir, sink, files);
  // bundle.stewards mirrors content.stewards index for index (assemble_bundle).
  parallel_for(content.stewards.size(), 1, [&](std::size_t i) {
    bundle.stewards[i].photo = writer.photo(content.stewards[i]);
  });
  // QR sources are few and shared: convert each once.
  std::map<std::string, std::string> qr_paths;
  for (std::size_t i = 0; i < content.stewards.size(); ++i) {
    const std::string& source = content.stewards[i].wechat_qr;
    if (source.empty()) continue;
    auto [it, fresh] = qr_paths.try_emplace(source);
    if (fresh) it->second = writer.qr(source);
    bundle.stewards[i].wechat_qr = it->second;
  }
  writer.explain_failures();
}

}  // namespace hgj
