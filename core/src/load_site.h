// Reading site.toml.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "hgj/diagnostics.h"
#include "hgj/model.h"

namespace hgj {

// The site settings as far as they could be read; nullopt (with diagnostics) only when
// the file is not TOML at all.
std::optional<Site> load_site(const std::string& path, std::string_view bytes,
                              const std::string& content_root,
                              const std::function<bool(const std::string&)>& duty_exists,
                              DiagnosticSink& sink);

}  // namespace hgj
