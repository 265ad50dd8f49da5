#include "libvips.h"

#include <glib.h>

#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "hgj/files.h"

namespace hgj {

namespace {

// This thread's newest libvips warning since its last take_vips_error().
thread_local std::string last_warning;

void keep_vips_warning(const gchar*, GLogLevelFlags, const gchar* message, gpointer) {
  last_warning = message != nullptr ? message : "";
}

}  // namespace

void start_vips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (vips_init("hgj") != 0) throw std::runtime_error("libvips failed to start");
    vips_cache_set_max(0);
    vips_concurrency_set(1);
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, keep_vips_warning, nullptr);
  });
}

std::string encode_image(const vips::VImage& image, const char* suffix, vips::VOption* options) {
  void* data = nullptr;
  std::size_t size = 0;
  image.write_to_buffer(suffix, &data, &size, options);
  std::string bytes(static_cast<const char*>(data), size);
  g_free(data);
  return bytes;
}

vips::VImage thumbnail(const std::string& bytes, int width, vips::VOption* options) {
  // thumbnail_buffer takes a reference of its own: ours must be dropped (LeakSanitizer).
  const std::unique_ptr<VipsBlob, void (*)(VipsBlob*)> blob(
      vips_blob_copy(bytes.data(), bytes.size()),
      [](VipsBlob* b) { vips_area_unref(VIPS_AREA(b)); });
  return vips::VImage::thumbnail_buffer(blob.get(), width,
                                        options->set("option_string", "fail_on=warning"));
}

vips::VImage web_rgb(vips::VImage image) {
  if (image.interpretation() != VIPS_INTERPRETATION_sRGB) {
    image = image.colourspace(VIPS_INTERPRETATION_sRGB);
  }
  if (image.has_alpha()) {
    image = image.flatten(
        vips::VImage::option()->set("background", std::vector<double>{255, 255, 255}));
  }
  return image;
}

std::string read_image_file(const std::filesystem::path& file) {
  std::optional<std::string> bytes = read_whole_file(file);
  if (!bytes) throw std::runtime_error("cannot be read");
  return std::move(*bytes);
}

std::string take_vips_error(std::string_view what) {
  vips_error_clear();
  while (!what.empty() && (what.back() == '\n' || what.back() == ' ' || what.back() == '\r')) {
    what.remove_suffix(1);
  }
  const auto newline = what.rfind('\n');
  std::string message(newline == std::string_view::npos ? what : what.substr(newline + 1));
  if (message.empty())
    message = last_warning.empty() ? "not an image libvips can read" : last_warning;
  last_warning.clear();
  return message;
}

void VipsFailures::add(Attempt attempt, Report report) {
  std::lock_guard lock(mutex_);
  failures_.emplace_back(std::move(attempt), std::move(report));
}

void VipsFailures::explain() {
  std::lock_guard lock(mutex_);
  for (auto& [attempt, report] : failures_) {
    vips_error_clear();
    last_warning.clear();
    try {
      attempt();
      report("failed once, then decoded");  // a file that changed while it was read
    } catch (const std::exception& e) {
      report(take_vips_error(e.what()));
    }
  }
  failures_.clear();
}

}  // namespace hgj
