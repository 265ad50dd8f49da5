// The file operations of a ledger import: a staging copy of the content folder, the
// random token that names it, and a file replaced atomically (temporary file in the same
// folder, fsync, rename, fsync of the folder) so a crash leaves the old file or the new
// one, whole, never a mix.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace hgj::studio {

// 32 hex digits from the system's random source.
std::string import_token();
// Whether `token` looks like one import_token made (so it can name a folder safely).
bool is_import_token(std::string_view token);

// Copies the content folder's files into `to` (created), as the loader would see them:
// regular files, and links that lead to a file inside the folder (copied as the file);
// hidden files and folders (.git, .hgj, .~lock) and Excel's ~$ lock files left out. Files
// are hard-linked where the file system allows (a city's 60 MB of photos), else copied;
// nothing in `to` is ever written in place, only replaced. Throws filesystem_error.
void stage_content_copy(const std::filesystem::path& content_dir, const std::filesystem::path& to);

// Replaces (or creates) `file` with `bytes` atomically, keeping the old file's permission
// bits. Refuses (returns why, Chinese first) when `file` is a symbolic link: what it
// points to is not the content's to replace. Empty on success.
std::string replace_file_atomically(const std::filesystem::path& file, std::string_view bytes);

}  // namespace hgj::studio
