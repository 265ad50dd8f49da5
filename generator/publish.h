// Atomic output: a stage writes into a fresh folder beside the target, and only a
// complete result replaces the target, in one atomic exchange. On any error — or a
// crash — the previous output stays exactly as it was.
#pragma once

#include <filesystem>
#include <string>

namespace hgj {

class Staging {
 public:
  // Creates `<target>.staging-<pid>` beside the target (and removes leftovers of
  // earlier interrupted runs). Throws std::filesystem::filesystem_error on failure.
  explicit Staging(std::filesystem::path target);
  ~Staging();  // removes the staged folder unless committed
  Staging(const Staging&) = delete;
  Staging& operator=(const Staging&) = delete;

  const std::filesystem::path& dir() const { return staged_; }
  const std::filesystem::path& target() const { return target_; }

  // Swaps the staged folder in: renameat2(RENAME_EXCHANGE) when the target exists,
  // a plain rename when it does not; then removes the old output. Throws on failure.
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path staged_;
  bool committed_ = false;
};

// Writes a whole file (creating parent folders); throws on failure.
void write_file(const std::filesystem::path& path, std::string_view bytes);

// Replaces a file in a folder that is being served: a temporary file beside it renamed
// over it, so a reader sees the old bytes or the new ones. Leaves a file that already
// holds `bytes` alone (returns false). Throws on failure.
bool replace_file(const std::filesystem::path& path, std::string_view bytes);

}  // namespace hgj
