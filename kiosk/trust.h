// Which bundle signing keys a kiosk trusts (docs/kiosk.md): every --trusted-key FILE,
// kiosk.toml's trusted_keys, every *.pub in /etc/hgj-kiosk/trusted-keys/, and the user's
// own ${XDG_CONFIG_HOME:-~/.config}/hgj/bundle-signing.pub — so `hgj build` and then
// `hgj-kiosk --bundle public/kiosk` on one machine just works. More than one key is how
// a street rotates: screens trust old and new until every build signs with the new one.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "hgj/bundle.h"

namespace hgj::kiosk {

inline constexpr const char* system_trusted_keys_dir = "/etc/hgj-kiosk/trusted-keys";

// The keys from `files` (named explicitly: one that cannot be read is a problem), then
// from `system_dir` and the user's own public key (looked at, silently absent). A key
// found twice counts once. Problems go to `problems`, one line each.
std::vector<PublicKey> load_trusted_keys(const std::vector<std::string>& files,
                                         const std::filesystem::path& system_dir,
                                         std::vector<std::string>& problems);

// "trusting keys 1a2b… (…/bundle-signing.pub), …" or the warning that none is trusted.
std::string describe_trust(const BundleTrust& trust);

}  // namespace hgj::kiosk
