// libvips as the site, print and kiosk-bundle image stages use it: started once, a source
// image read, encoded to bytes, and a failure turned into one message.
#pragma once

#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include <vips/vips8>

namespace hgj {

// Starts libvips once per process (a second call does nothing): no operation cache
// (`hgj serve` rebuilds in one process, and a changed photo could come back stale), one
// libvips thread per operation (the stages already work on several images at once), and
// its warnings kept for take_vips_error() instead of printed. Throws when it cannot start.
void start_vips();

// The image encoded by the saver `suffix` picks (".jpg", ".png") with `options`.
std::string encode_image(const vips::VImage& image, const char* suffix, vips::VOption* options);

// `bytes` decoded strictly (a truncated file fails rather than giving a grey half) and
// shrunk to `width` with thumbnail's other `options` (height, crop, size); EXIF
// orientation applied.
vips::VImage thumbnail(const std::string& bytes, int width, vips::VOption* options);

// sRGB without alpha (flattened onto white), as JPEG wants.
vips::VImage web_rgb(vips::VImage image);

// A source image's bytes. Throws std::runtime_error("cannot be read").
std::string read_image_file(const std::filesystem::path& file);

// The message of the libvips failure just caught as `what`, with libvips' error buffer
// emptied. The buffer is one for the whole process and accumulates, so without this the
// next failure would repeat this one's message; this failure's is the last line. Some
// loaders say why only in a warning (a cut PNG: "not enough data"): then that warning.
// While other threads use libvips the message may be theirs: see VipsFailures.
std::string take_vips_error(std::string_view what);

// Failures met while several threads use libvips, explained once they are done: each is
// tried again alone, so the reason reported is its own and not another image's.
class VipsFailures {
 public:
  using Attempt = std::function<void()>;
  using Report = std::function<void(const std::string& reason)>;
  // Thread-safe.
  void add(Attempt attempt, Report report);
  // After the parallel work: runs each attempt again in turn and reports why it failed.
  void explain();

 private:
  std::mutex mutex_;
  std::vector<std::pair<Attempt, Report>> failures_;
};

}  // namespace hgj
