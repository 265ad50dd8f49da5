// The kiosk's bundles on disk, under the state folder:
//   bundles/<n>/    verified bundles: the current one and the one before it
//   current         symlink to the bundle on show, swapped atomically (rename)
//   staging/        where a new bundle is assembled before it is verified
//   last_sync       touched whenever the source answered (a new bundle or no change)
// Only read_bundle()'s verdict moves a staging folder into bundles/.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "hgj/recurrence.h"
#include "scene.h"

namespace hgj::kiosk {

class BundleStore {
 public:
  explicit BundleStore(std::filesystem::path state_dir);

  // Creates the folders; false with `why` when the state folder is unusable.
  bool prepare(std::string& why);
  // The last good bundle, checked again (a disk can rot); nullptr with `why` when none.
  std::shared_ptr<const LoadedBundle> load_current(std::string& why) const;
  // The manifest.json bytes of the current bundle; empty when none.
  std::string current_manifest() const;
  std::filesystem::path current_dir() const;

  // An empty staging folder.
  std::filesystem::path fresh_staging(std::string& why);
  // Verifies `staging`; on success makes it current and returns it, otherwise removes
  // it and returns nullptr with the reader's reason in `why`.
  std::shared_ptr<const LoadedBundle> adopt(const std::filesystem::path& staging, std::string& why);

  void mark_synced(Instant t);
  Instant last_synced() const;  // 0 when never
  const std::filesystem::path& root() const { return root_; }

 private:
  void prune(const std::filesystem::path& keep_a, const std::filesystem::path& keep_b);
  std::filesystem::path root_;
};

// $STATE_DIRECTORY (systemd), $XDG_STATE_HOME/hgj-kiosk, ~/.local/state/hgj-kiosk, else
// /tmp/hgj-kiosk-<uid>.
std::filesystem::path default_state_dir();

// Writes a staged file; false with `why` naming the file and the system's reason (a full
// disk, a size limit) when any byte did not reach it.
bool write_staged(const std::filesystem::path& file, std::string_view bytes, std::string& why);

// Copies the files `source`'s manifest lists into `staging` (a local bundle folder).
bool copy_bundle(const std::filesystem::path& source, const std::filesystem::path& staging, std::string& why);

}  // namespace hgj::kiosk
