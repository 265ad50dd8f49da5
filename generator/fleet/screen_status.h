// The status documents screens PUT into the street's status folder (hgj/screen_status.h),
// read back for `hgj fleet` with the screenshots they uploaded beside them. A document
// that cannot be read is a problem to list, never a reason to stop: one broken screen
// must not hide the others.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "hgj/screen_status.h"

namespace hgj {

// A status document as read from the folder, and the screenshot beside it.
struct ScreenReport : ScreenStatus {
  std::string file;        // where it was read, for messages
  std::string picture;     // the screen's last screenshot beside it (`<screen>.png`); empty: none
  Instant picture_at = 0;  // when it arrived (the file's time)
};

struct StatusFolder {
  std::vector<ScreenReport> screens;  // by file name
  std::vector<std::string> problems;  // "status/x.json: …", one per unreadable file
};

// Every *.json directly in `dir` but asks.json, each with `<its name>.png` or `.jpg`. Throws
// std::runtime_error (a message for staff) when the folder itself cannot be read.
StatusFolder read_status_folder(const std::filesystem::path& dir);

}  // namespace hgj
