#include "fleet/screenshot_asks.h"

#include <stdexcept>

#include "hgj/files.h"
#include "hgj/language.h"
#include "hgj/screen_status.h"
#include "publish.h"

namespace hgj {

namespace fs = std::filesystem;

void ask_for_screenshots(const fs::path& status_dir, const std::vector<std::string>& screens,
                         Instant now) {
  const fs::path file = status_dir / screenshot_asks_file;
  ScreenshotAsks asks;
  std::error_code ec;
  if (fs::exists(file, ec)) {
    const std::optional<std::string> text = read_whole_file(file);
    std::optional<ScreenshotAsks> old;
    if (text) old = parse_screenshot_asks(*text);
    if (!old)
      throw std::runtime_error(
          say("\"" + file.string() + "\" 不是 hgj 写的截图请求（不是 JSON 对象）：没有改动它",
              "\"" + file.string() +
                  "\" is not the screenshot requests hgj writes (not a JSON object): left as it "
                  "was"));
    for (const auto& [screen, at] : *old)
      if (now - at < screenshot_ask_kept_seconds) asks[screen] = at;
  }
  for (const std::string& screen : screens) asks[screen] = now;
  try {
    replace_file(file, screenshot_asks_document(asks));
  } catch (const std::exception& e) {
    throw std::runtime_error(say("截图请求写不进 \"" + file.string() + "\"：",
                                 "cannot write \"" + file.string() + "\": ") +
                             e.what());
  }
}

std::optional<std::string> reported_id(const FleetTable& table, const std::string& name) {
  for (const FleetRow& r : table.rows)
    if (r.screen == name || (r.status && r.status->screen == name))
      return r.status ? r.status->screen : r.screen;
  return std::nullopt;
}

}  // namespace hgj
