#include "fleet/screen_status.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "hgj/files.h"
#include "hgj/language.h"

namespace hgj {

namespace fs = std::filesystem;

namespace {

// The screenshot a screen uploaded beside its document (kiosk/screenshot.h), and when.
void find_picture(const fs::path& document, ScreenReport& report) {
  for (const char* ext : {".png", ".jpg"}) {
    fs::path picture = document;
    picture.replace_extension(ext);
    std::error_code ec;
    if (!fs::is_regular_file(picture, ec)) continue;
    const fs::file_time_type at = fs::last_write_time(picture, ec);
    if (ec) continue;
    report.picture = picture.string();
    report.picture_at = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::file_clock::to_sys(at).time_since_epoch())
                            .count();
    return;
  }
}

}  // namespace

StatusFolder read_status_folder(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw std::runtime_error(
        say("--status \"" + dir.string() + "\" 不是文件夹（屏幕上报状态的文件夹）",
            "--status \"" + dir.string() + "\" is not a folder (where screens put their status)"));
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    // nginx's dav module writes to a temporary file and renames it: only whole documents here.
    if (it->path().extension() == ".json" && it->path().filename() != screenshot_asks_file &&
        it->is_regular_file(ec))
      files.push_back(it->path());
  }
  if (ec)
    throw std::runtime_error(say("读不了状态文件夹 \"" + dir.string() + "\"：",
                                 "cannot read the status folder \"" + dir.string() + "\": ") +
                             ec.message());
  std::sort(files.begin(), files.end());
  StatusFolder folder;
  for (const fs::path& file : files) {
    std::string why;
    const std::optional<std::string> text = read_whole_file(file);
    std::optional<ScreenStatus> s;
    if (!text)
      why = say("读不了", "cannot be read");
    else
      s = parse_screen_status(*text, why);
    if (!s) {
      folder.problems.push_back(file.string() + ": " + why);
      continue;
    }
    ScreenReport report;
    static_cast<ScreenStatus&>(report) = std::move(*s);
    report.file = file.string();
    find_picture(file, report);
    folder.screens.push_back(std::move(report));
  }
  return folder;
}

}  // namespace hgj
