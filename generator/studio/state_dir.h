// Where the workbench keeps what is its own and not the content's (accounts, later
// sessions or settings): one rule, used by `hgj studio` and `hgj studio user`.
#pragma once

#include <filesystem>
#include <string>

namespace hgj::studio {

// `--state DIR` when given (non-empty), else $STATE_DIRECTORY (systemd's StateDirectory=;
// the first of a colon-separated list), else ${XDG_STATE_HOME:-$HOME/.local/state}/hgj/studio.
// Throws std::runtime_error (a Chinese-first message) when none of these can be found.
std::filesystem::path state_dir_path(const std::string& option);

// The folder made when missing, mode 0700 (the folders above it too, when hgj makes
// them): it holds password hashes. An existing folder is used as it is.
// Throws std::runtime_error naming the folder when it cannot be made or is not a folder.
void make_state_dir(const std::filesystem::path& dir);

}  // namespace hgj::studio
