// A file of the content folder replaced whole, never through a symbolic link: what the
// workbench uses when it writes into the folder staff keep their content in.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string_view>

namespace hgj::studio {

// The suffix of the temporary file beside the one being replaced; the content folder's
// history excludes it, so one left by a crash is never recorded as content.
inline constexpr const char* whole_file_suffix = ".hgj-new";

// Replaces `path` by a file holding `bytes` with permissions `mode`: written beside it,
// flushed to disk, then renamed over it, so a reader (or a crash) sees the old file or the
// new one, never half of one. A symbolic link at `path` is replaced, not followed. The
// parent folder must exist; the rename is made durable by hgj::sync_folder on it. Throws
// std::filesystem::filesystem_error.
void write_whole_file(const std::filesystem::path& path, std::string_view bytes, mode_t mode);

// Replaces `path` by a symbolic link to `target` the same way.
void write_whole_link(const std::filesystem::path& path, const std::string& target);

}  // namespace hgj::studio
