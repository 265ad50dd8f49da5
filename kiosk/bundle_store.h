// The kiosk's bundles on disk, under the state folder:
//   bundles/<n>/    verified bundles: the current one and the one before it
//   current         symlink to the bundle on show, swapped atomically (rename)
//   previous        symlink to the one before it: where a crashing bundle falls back to
//   staging/        where a new bundle is assembled before it is verified
//   last_sync       touched whenever the source answered (a new bundle or no change)
//   attempts        "<bundle> <n>": starts of the current bundle not yet seen running
//   refused         manifest SHA-256s of bundles that crashed this kiosk, one per line
//   rejected        the source, ETag, trust and reason of the last bundle whose manifest
//                   was refused (signature, caps, malformed): not fetched again until
//                   its ETag changes, also after a restart
// Leftovers of a kiosk killed mid-sync (staging/, "*.new") are removed at start.
// Only read_bundle()'s verdict under the store's trust (signature, caps, pictures) and
// the rollback check move a staging folder into bundles/. A new bundle is on disk
// (syncfs) before `current` points at it, and the swap is on disk (fsync of the state
// folder) before it is reported.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "hgj/recurrence.h"
#include "scene.h"

namespace hgj::kiosk {

class BundleStore {
 public:
  explicit BundleStore(std::filesystem::path state_dir);

  // Which signatures and sizes are accepted (default: nothing signed is trusted and
  // unsigned is refused, so every bundle is).
  void set_trust(BundleTrust trust) { trust_ = std::move(trust); }
  const BundleTrust& trust() const { return trust_; }

  // At start: creates the folders and removes what a kiosk killed mid-sync left
  // (a half-filled staging/, "*.new" links); false with `why` when the state folder is
  // unusable.
  bool prepare(std::string& why);
  // Before every sync: the folders made again if someone deleted them while running.
  bool make_folders(std::string& why);
  // The last good bundle, checked again (a disk can rot); nullptr with `why` when none.
  std::shared_ptr<const LoadedBundle> load_current(std::string& why) const;
  // The manifest.json bytes of the current bundle; empty when none.
  std::string current_manifest() const;
  std::filesystem::path current_dir() const;

  // A candidate's manifest (the text and its parse) before anything else is fetched:
  // trusted signature, within the caps, not older than the current bundle (rollback),
  // not a bundle that crashed this kiosk. False with `why` when refused.
  bool accepts(std::string_view manifest_text, const Manifest& manifest, std::string& why) const;

  // Called before the current bundle is loaded and drawn, and when a new one is shown:
  // counts the attempt in `attempts`. At the third start of a bundle not seen running
  // (two crashes) `current` goes back to `previous`, the bad bundle is remembered in
  // `refused`, and the returned line says so; otherwise returns "".
  std::string begin_attempt();
  // The current bundle has been on screen for a while (or the kiosk stopped cleanly).
  void end_attempt();

  // An empty staging folder.
  std::filesystem::path fresh_staging(std::string& why);
  // Removes the staging folder: after a failed sync nothing half-downloaded stays.
  void discard_staging();
  // Verifies `staging`; on success makes it current and returns it, otherwise removes
  // it and returns nullptr with the reader's reason in `why`.
  std::shared_ptr<const LoadedBundle> adopt(const std::filesystem::path& staging, std::string& why);

  // A manifest refused for what it says, remembered under the trust that refused it:
  // once the screen trusts other keys or caps, the same bundle is looked at again.
  struct Rejection {
    std::string source, etag, why;
  };
  void remember_rejection(const Rejection& r);
  // The remembered rejection for `source` under today's trust, if any.
  std::optional<Rejection> rejection(const std::string& source) const;
  void forget_rejection();

  void mark_synced(Instant t);
  Instant last_synced() const;  // 0 when never
  const std::filesystem::path& root() const { return root_; }

 private:
  void prune(const std::filesystem::path& keep_a, const std::filesystem::path& keep_b);
  bool point(const char* link, const std::filesystem::path& target, std::string& why);
  std::filesystem::path link_target(const char* link) const;
  void sync_root() const;
  std::string trust_fingerprint() const;
  std::filesystem::path root_;
  BundleTrust trust_;
};

// $STATE_DIRECTORY (systemd), $XDG_STATE_HOME/hgj-kiosk, ~/.local/state/hgj-kiosk, else
// /tmp/hgj-kiosk-<uid>.
std::filesystem::path default_state_dir();

// Writes a staged file; false with `why` naming the file and the system's reason (a full
// disk, a size limit) when any byte did not reach it.
bool write_staged(const std::filesystem::path& file, std::string_view bytes, std::string& why);

// Copies the files `source`'s manifest lists into `staging` (a local bundle folder).
bool copy_bundle(const std::filesystem::path& source, const std::filesystem::path& staging,
                 std::string& why);

}  // namespace hgj::kiosk
