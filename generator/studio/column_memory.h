// A column mapping confirmed once on the 导入台账 page, remembered in site.toml's
// [columns.<collection>] (the table the loader reads, docs/content.md), so the next
// upload with the same headers loads as it is. site.toml is edited as text — the table
// appended, or keys added under it — so its comments and layout stay byte for byte, and
// the result must parse before it replaces site.toml atomically.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace hgj::studio {

// header as the upload writes it (trimmed) → field key of `collection` ("联系人" → "name").
using ColumnChoices = std::map<std::string, std::string>;

// Adds `choices` to content_dir/site.toml's [columns.<collection>]. Headers already mapped
// to the same field are left as they are. Throws ImportError (nothing written) for an
// unknown collection or field, a header mapped to another field already, a header with
// control characters, a site.toml that does not parse or is a symbolic link, or a site.toml
// whose [columns] is written in a form the edit cannot extend.
void remember_columns(const std::filesystem::path& content_dir, const std::string& collection,
                      const ColumnChoices& choices);

}  // namespace hgj::studio
