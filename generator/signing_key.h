// The street's bundle signing key on disk, for `hgj keygen`, `hgj build` and `hgj bundle`
// (core/include/hgj/bundle_signature.h has the key and the signature themselves).
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

#include "hgj/bundle_signature.h"

namespace hgj {

// Writes a new key to `file` (mode 0600; its folder made 0700 when missing) and its
// public key beside it, race-safe: the secret key is written to a temporary file and
// linked into place, so of two processes at once one wins and the other reads the
// winner's key (`made` false then). A key already there is never replaced here.
// Throws std::runtime_error with a message naming the file on I/O failure.
SigningKey create_signing_key(const std::filesystem::path& file, bool& made);

// The key `hgj build` / `hgj bundle` sign with: `file` when given (it must exist), else
// the default path, where a missing key is made and announced on `out` in one line.
// nullopt with `why` (naming the file) when it cannot be read or made, or is malformed.
std::optional<SigningKey> signing_key_for_build(const std::string& file, std::ostream& out,
                                                std::string& why);

}  // namespace hgj
