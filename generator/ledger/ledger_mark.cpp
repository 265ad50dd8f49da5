#include "ledger/ledger_mark.h"

#include <zip.h>

#include <chrono>
#include <memory>

namespace hgj {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view prefix = "hgj export ";

// docProps/custom.xml, at most 64 KB (a mark is a few hundred bytes).
std::optional<std::string> custom_properties(const fs::path& file) {
  int code = 0;
  std::unique_ptr<zip_t, int (*)(zip_t*)> archive(zip_open(file.c_str(), ZIP_RDONLY, &code),
                                                  zip_close);
  if (!archive) return std::nullopt;
  zip_stat_t stat;
  if (zip_stat(archive.get(), "docProps/custom.xml", 0, &stat) != 0 || stat.size > 65536)
    return std::nullopt;
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> part(
      zip_fopen(archive.get(), "docProps/custom.xml", 0), zip_fclose);
  if (!part) return std::nullopt;
  std::string text(stat.size, '\0');
  if (zip_fread(part.get(), text.data(), text.size()) != static_cast<zip_int64_t>(text.size()))
    return std::nullopt;
  return text;
}

}  // namespace

std::string export_mark(long long seconds) { return std::string(prefix) + std::to_string(seconds); }

std::optional<std::string> workbook_mark(const fs::path& file) {
  const std::optional<std::string> xml = custom_properties(file);
  if (!xml) return std::nullopt;
  const std::size_t name = xml->find("name=\"hgj\"");
  if (name == std::string::npos) return std::nullopt;
  const std::size_t open = xml->find("<vt:lpwstr>", name);
  const std::size_t close = xml->find("</vt:lpwstr>", open);
  if (open == std::string::npos || close == std::string::npos) return std::nullopt;
  const std::size_t start = open + std::string_view("<vt:lpwstr>").size();
  return xml->substr(start, close - start);
}

bool is_unchanged_export(const fs::path& file) {
  const std::optional<std::string> mark = workbook_mark(file);
  if (!mark || !mark->starts_with(prefix)) return false;
  std::error_code ec;
  const auto written = fs::last_write_time(file, ec);
  if (ec) return false;
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::file_clock::to_sys(written).time_since_epoch());
  return *mark == export_mark(seconds.count()) &&
         written == std::chrono::file_clock::from_sys(std::chrono::sys_seconds(seconds));
}

}  // namespace hgj
