#include "trust.h"

#include <algorithm>

namespace hgj::kiosk {

namespace fs = std::filesystem;

namespace {

void add(std::vector<PublicKey>& keys, const PublicKey& key) {
  const bool known =
      std::any_of(keys.begin(), keys.end(), [&](const PublicKey& k) { return k.id == key.id; });
  if (!known) keys.push_back(key);
}

}  // namespace

std::vector<PublicKey> load_trusted_keys(const std::vector<std::string>& files,
                                         const fs::path& system_dir,
                                         std::vector<std::string>& problems) {
  std::vector<PublicKey> keys;
  std::string why;
  for (const std::string& f : files) {
    if (const auto key = read_public_key(f, why))
      add(keys, *key);
    else
      problems.push_back("trusted key " + why);
  }
  std::error_code ec;
  std::vector<fs::path> found;
  for (const fs::directory_entry& e : fs::directory_iterator(system_dir, ec)) {
    if (e.path().extension() == ".pub") found.push_back(e.path());
  }
  std::sort(found.begin(), found.end());
  // The user's own key: what `hgj build` made on this machine (a demo, a staff preview),
  // also where $HGJ_SIGNING_KEY points.
  for (const fs::path& own : {user_signing_key_path(), default_signing_key_path()}) {
    if (fs::exists(public_key_path_for(own), ec)) found.push_back(public_key_path_for(own));
  }
  for (const fs::path& p : found) {
    if (const auto key = read_public_key(p, why))
      add(keys, *key);
    else
      problems.push_back("trusted key " + why);
  }
  return keys;
}

std::string describe_trust(const BundleTrust& trust) {
  std::string text;
  for (const PublicKey& k : trust.keys) text += (text.empty() ? "" : ", ") + k.id;
  if (text.empty())
    text = "no bundle signing key is trusted: install the street's .pub in " +
           std::string(system_trusted_keys_dir) + " (docs/kiosk.md)";
  else
    text = "trusting bundles signed by key " + text;
  if (trust.allow_unsigned) text += "; WARNING: --insecure-unsigned accepts unsigned bundles";
  return text;
}

}  // namespace hgj::kiosk
