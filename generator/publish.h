// Atomic output: a stage writes into a fresh folder beside the target, and only a
// complete result replaces the target, in one atomic exchange. On any error — or a
// crash — the previous output stays exactly as it was.
#pragma once

#include <cstdint>
#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "output_folder.h"

namespace hgj {

class Staging {
 public:
  // Reuse::previous keeps the output that commit() replaces as `<target>.previous` and
  // starts the next build from it: write_file() leaves files that already hold the right
  // bytes alone and overwrites the others in place, so a rebuild creates almost no files
  // or folders (what costs most on a filesystem), and commit() first removes every file
  // the build did not write. Faster rebuilds for twice the disk space.
  enum class Reuse { no, previous };

  // How the staged folder is marked as hgj's (output_folder.h): with the marker file, or
  // — a kiosk bundle, which holds only what its manifest lists — with a manifest that
  // lists nothing until the bundle's own replaces it.
  enum class Mark { marker, manifest };

  // Follows a symlinked target to its folder, locks it (OutputLock), removes what earlier
  // interrupted runs left beside it (only folders that are hgj's, or empty), and creates
  // `<target>.staging-<pid>` there, marked. `<target>.previous` is reused only when it is
  // hgj's. Throws std::filesystem::filesystem_error, or OutputRefused when locked.
  explicit Staging(std::filesystem::path target, Reuse reuse = Reuse::no, Mark mark = Mark::marker);
  ~Staging();  // removes the staged folder unless committed (with Reuse::previous: keeps
               // it as `<target>.previous` for the next build)
  Staging(const Staging&) = delete;
  Staging& operator=(const Staging&) = delete;

  const std::filesystem::path& dir() const { return staged_; }
  const std::filesystem::path& target() const { return target_; }

  // Swaps the staged folder in, durably: what this build wrote made durable first
  // (make_durable(): its files and the folders whose entries changed; a folder that
  // started empty, all of it), then renameat2(RENAME_EXCHANGE) when the target exists, a
  // plain rename when it does not, then an fsync of the parent folder. The old output is then
  // kept as `.previous` or removed — unless hgj did not write it (an adopted folder, see
  // --force): that is moved to `<target>.before-hgj` (or `-2`, `-3`…), never removed.
  // Throws on failure.
  void commit();

  // With Reuse::previous: removes the files of the previous output that this build did
  // not write, and the folders that leaves empty. commit() does it when it was not done;
  // a stage that lists what it wrote (a manifest) needs it done first. `spare`: files
  // (relative paths) that stage writes next, left for write_file() to find unchanged.
  void remove_unwritten(const std::vector<std::string>& spare = {});

  // What write_file() wrote under the staged folder: each file once into a reused output;
  // into a folder that started empty, each write (a build writes a file once).
  std::size_t files_written() const;
  std::size_t bytes_written() const;

 private:
  // Records a file write_file() wrote (with Reuse::previous): whether it is under this
  // staged folder and that folder started empty, and then whether this is the first file
  // into its folder (the folder does not exist yet unless another stage made it).
  struct Into {
    bool empty_folder = false;
    bool new_folder = false;
  };
  Into note_written(const std::filesystem::path& path, std::size_t size);
  // Records a file this build changed in a reused output (new_entry: created or linked,
  // so its folder changed too), for commit() to make durable.
  void note_changed(const std::filesystem::path& path, bool new_entry);
  friend void note_changed(const std::filesystem::path& path, bool new_entry);
  // Makes what this build changed durable (make_durable()).
  void make_changes_durable();
  friend bool write_file(const std::filesystem::path& path, std::string_view bytes);
  friend bool link_file(const std::filesystem::path& path, const std::filesystem::path& from,
                        std::size_t* size);
  friend bool keep_file(const std::filesystem::path& path, std::uint64_t size);

  std::filesystem::path target_;  // resolved: a symlink's target folder
  std::unique_ptr<OutputLock> lock_;
  std::filesystem::path staged_;
  std::filesystem::path previous_;  // `<target>.previous`, or empty without reuse
  bool committed_ = false;
  bool pruned_ = false;
  bool started_empty_ = true;  // no previous output was moved in
  std::string prefix_;         // staged_ as a string, with a trailing '/'
  // Into a folder that started empty, only the number and size of the files written;
  // else each file (relative path → size), to tell what the build did not write.
  std::size_t files_ = 0, bytes_ = 0;
  std::unordered_map<std::string, std::size_t> written_;
  // Hashes of the folders files went into (started empty only): a collision only costs
  // the failed open() the note saves.
  std::unordered_set<std::size_t> folders_;
  // The previous output's files (relative paths), listed while the build writes: walking
  // a city's 70,000 folders takes most of a second, and a file that was there all along
  // is listed whatever the build does beside it.
  std::future<std::vector<std::string>> previous_files_;
  // In a reused output: the files this build wrote or linked, and the folders whose
  // entries it changed (relative, "" for the staged folder itself).
  std::vector<std::string> changed_files_;
  std::unordered_set<std::string> changed_folders_;
};

// Writes a whole file (creating parent folders); throws on failure. A file that already
// holds `bytes` is left alone (then false: nothing was written); another is overwritten
// in place.
bool write_file(const std::filesystem::path& path, std::string_view bytes);

// Puts the file `from` (of the output being replaced) at `path` in a staged folder, as
// write_file() would put its bytes: a hard link (the same bytes at no cost; write_file()
// never writes into a file with other names), or a copy where no link can be made.
// False, with nothing written, when `from` is not a regular file. `size` gets its size.
// Throws on failure.
bool link_file(const std::filesystem::path& path, const std::filesystem::path& from,
               std::size_t* size = nullptr);

// Keeps a file of the output a staged folder was started from (Reuse::previous) as it
// is, as if write_file() had written its bytes again: the build knows them unchanged
// (site/pages/page_recipes.h). False, with nothing noted, when no regular file of `size` bytes
// is there: then the caller writes it.
bool keep_file(const std::filesystem::path& path, std::uint64_t size);

// Makes the renames in folder `dir` durable (fsync(2) on it). Throws
// std::filesystem::filesystem_error.
void sync_folder(const std::filesystem::path& dir);

// Makes written `files` and the entries of `folders` durable before a rename publishes
// them: an fsync(2) of each — or, past durable_one_by_one of them, one syncfs(2) of the
// file system `dir` is on (a first build writes 100,000 files; syncfs also writes what
// other programs left unwritten there). Throws std::filesystem::filesystem_error.
inline constexpr std::size_t durable_one_by_one = 2000;
void make_durable(const std::vector<std::filesystem::path>& files,
                  const std::vector<std::filesystem::path>& folders,
                  const std::filesystem::path& dir);

// Replaces a file in a folder that is being served: a temporary file beside it renamed
// over it, so a reader sees the old bytes or the new ones. Leaves a file that already
// holds `bytes` alone (returns false). Throws on failure.
bool replace_file(const std::filesystem::path& path, std::string_view bytes);

}  // namespace hgj
