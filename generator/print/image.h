// Photos and WeChat-group QR images for print: decoded into cairo image surfaces (a
// PNG by cairo itself, anything else by libvips). A JPEG keeps its original bytes, without
// metadata (image_metadata.h), as cairo MIME data, so the PDF embeds the file instead of
// re-encoding the pixels.
#pragma once

#include <cairo.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace hgj::print {

using SurfacePtr = std::shared_ptr<cairo_surface_t>;

struct Image {
  SurfacePtr surface;
  int width = 0;
  int height = 0;
};

// Decodes a JPEG or PNG file completely (a truncated or corrupt file fails here, not
// half-drawn later). On failure returns nullopt and sets `error` to the reason.
std::optional<Image> load_image(const std::filesystem::path& file, std::string& error);

}  // namespace hgj::print
