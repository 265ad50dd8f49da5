// Whose an output folder is and who is writing it: the rules every command that writes
// an --out follows before it touches anything (docs/security.md, "--out never destroys").
#pragma once

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace hgj {

// The file that marks a folder as hgj's output, written with the first build into it.
inline constexpr const char* output_marker = ".hgj-output";
// What an adopted folder's old content becomes (--force): hgj never reuses or removes it.
inline constexpr const char* adopted_suffix = ".before-hgj";

// Why an --out is not written; the message names the folder and what to do.
class OutputRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Whether `dir` is hgj's output, one rule for every command: it holds the marker; or it
// is a kiosk bundle, marked by its own manifest.json (a bundle folder holds nothing its
// manifest does not list); or a folder above it holds the marker (print/ in a site).
bool is_hgj_output(const std::filesystem::path& dir);

// The folder an --out names: absolute, and a symbolic link followed to its target, which
// is the folder that is swapped (the link itself is never replaced). Throws OutputRefused
// for a link to nothing or to something other than a folder.
std::filesystem::path resolve_output(const std::filesystem::path& out);

struct OutputClaim;

// One writer per output folder: flock(2) on `.<name>.hgj-lock` beside the resolved folder,
// taken without waiting — a second run exits at once rather than queue behind a build
// nobody is watching. Taken again in the same process (hgj serve's builds) it is shared.
// The last holder removes the file. Throws OutputRefused when another process holds it.
class OutputLock {
 public:
  OutputLock(const std::filesystem::path& resolved, const std::string& shown);
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

 private:
  friend std::unique_ptr<OutputLock> claim_output(const OutputClaim& claim);
  std::string key_;
  // The output this one is inside (public for public/print), locked too: a build swaps
  // it as a whole, print/ with it.
  std::unique_ptr<OutputLock> enclosing_;
};

struct OutputClaim {
  std::string out;     // --out as given, for messages
  bool force = false;  // adopt a folder hgj did not write (its content is kept aside)
  // Folders the output must not be, be inside or hold, with what they are ("the content
  // folder"); empty paths are skipped.
  std::vector<std::pair<std::filesystem::path, std::string>> keep_out;
};

// Locks --out before a command loads its content (seconds at city scale), so that a run
// while another writes it is refused at once; nullptr when --out's parent folder does not
// exist yet (claim_output() makes it, and locks then). Throws OutputRefused.
std::unique_ptr<OutputLock> lock_early(const std::string& out);

// Checks --out against the rules, creates its parent folder and locks it (and the output
// it is inside, if any). Throws
// OutputRefused (nothing written, nothing moved); the lock is held until the command
// has published.
std::unique_ptr<OutputLock> claim_output(const OutputClaim& claim);

}  // namespace hgj
