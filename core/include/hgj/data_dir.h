// Where hgj's own files are (the themes: site, print and kiosk parts): one rule for the
// generator and the kiosk. A program run from the build folder it was built in reads the
// source tree, so a developer sees their edits without installing; any other copy is an
// installed one and reads <prefix>/share/hgj beside its bin/, never the source tree, which
// may be gone or older than the package.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace hgj {

// The data folder of a program at `executable` (an absolute, symlink-free path).
std::filesystem::path data_dir_for(const std::filesystem::path& executable);

// The data folder of the running program (/proc/self/exe; the configured
// <prefix>/share/hgj when /proc is not mounted).
const std::filesystem::path& data_dir();

// Whether `path` lies inside data_dir(): a file the package put there, not the user's.
bool is_in_data_dir(const std::filesystem::path& path);

// What to say about a file of hgj's own data that is missing (a broken or partial
// install), after its path: which package to reinstall.
std::string missing_data_message(std::string_view package);

}  // namespace hgj
