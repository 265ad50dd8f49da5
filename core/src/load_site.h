// Reading site.toml.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "hgj/diagnostics.h"
#include "hgj/model.h"
#include "hgj/record.h"

namespace hgj {

// site.toml's [columns.<collection>]: the folder's own headers, by collection.
using ColumnMaps = std::map<std::string, ColumnMap>;

// The site settings as far as they could be read; nullopt (with diagnostics) only when
// the file is not TOML at all. `columns`, when given, receives [columns.*].
std::optional<Site> load_site(const std::string& path, std::string_view bytes,
                              const std::string& content_root,
                              const std::function<bool(const std::string&)>& duty_exists,
                              DiagnosticSink& sink, ColumnMaps* columns = nullptr);

}  // namespace hgj
