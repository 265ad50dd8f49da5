// Whole files read into memory in one go: the loader reads 5,000 Markdown files and
// 20 MB of CSV, and a stream copy through a stringstream costs a copy and a page fault
// per page more than a read into a string of the right size.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace hgj {

// The file's bytes; nullopt when it cannot be opened or read (a folder, no permission).
std::optional<std::string> read_whole_file(const std::filesystem::path& file);

}  // namespace hgj
