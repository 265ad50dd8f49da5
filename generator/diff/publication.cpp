#include "diff/publication.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "diff/file_digests.h"
#include "diff/git_tree.h"
#include "hgj/bundle.h"
#include "hgj/files.h"
#include "hgj/language.h"
#include "hgj/sha256.h"
#include "publish.h"

namespace hgj {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* record_file = "publication.json";

bool hidden(const fs::path& relative) {
  for (const fs::path& part : relative)
    if (part.string().starts_with('.')) return true;
  return false;
}

// The content folder's files, relative, sorted: what a version is made of.
std::vector<fs::path> content_files(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path relative = it->path().lexically_relative(dir);
    if (hidden(relative)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec)) files.push_back(relative);
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_all(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  if (!in) throw std::runtime_error(file.string() + ": " + say("读不出来", "cannot be read"));
  return s.str();
}

}  // namespace

fs::path publication_folder(const fs::path& resolved_out) {
  return resolved_out.parent_path() / (resolved_out.filename().string() + ".hgj-publication");
}

std::string content_version(const fs::path& content_dir) {
  FileDigests digests;
  return content_version(content_dir, digests);
}

std::string content_version(const fs::path& content_dir, FileDigests& digests) {
  Sha256 sha;
  for (const fs::path& file : content_files(content_dir)) {
    const std::string name = file.generic_string();
    sha.update(name.data(), name.size() + 1);  // with its NUL: names never run into digests
    sha.update(digests.of(content_dir / file));
  }
  return to_hex(sha.finish()).substr(0, 12);
}

std::optional<Publication> last_publication(const fs::path& out) {
  std::error_code ec;
  fs::path resolved = fs::absolute(out, ec).lexically_normal();
  if (!resolved.has_filename()) resolved = resolved.parent_path();  // "public/"
  if (fs::is_symlink(resolved, ec)) resolved = fs::canonical(resolved, ec);
  const fs::path folder = publication_folder(resolved);
  if (!fs::is_regular_file(folder / record_file, ec)) return std::nullopt;
  Publication p;
  p.content = folder / "content";
  try {
    const json record = json::parse(read_all(folder / record_file));
    p.published_at = record.at("published_at").get<std::string>();
    p.content_version = record.at("content_version").get<std::string>();
    if (record.at("git_commit").is_string())
      p.git_commit = record.at("git_commit").get<std::string>();
  } catch (const json::exception&) {
    throw std::runtime_error((folder / record_file).string() + ": " +
                             say("发布记录已损坏", "the publication record is damaged"));
  }
  return p;
}

PublicationRecord::PublicationRecord(const fs::path& resolved_out, const fs::path& content_dir,
                                     Instant now)
    : folder_(publication_folder(resolved_out)) {
  staged_ = folder_;
  staged_ += ".staging-" + std::to_string(::getpid());
  // Left by a run that was killed; the caller holds the output's lock, so no other run
  // is writing one.
  std::error_code ec;
  const std::string prefix = folder_.filename().string() + ".staging-";
  for (const auto& entry : fs::directory_iterator(folder_.parent_path(), ec))
    if (entry.path().filename().string().starts_with(prefix)) fs::remove_all(entry.path(), ec);

  fs::create_directory(staged_);
  // The copy holds private fields: its owner's alone, like the content folder should be.
  ::chmod(staged_.c_str(), 0700);
  // A file the record before holds with the same bytes is linked from it, not written
  // again (that copy is never written into: the next record replaces it whole); the
  // version is digested from the bytes as read, as content_version() reads the copy.
  Sha256 version;
  const fs::path before = folder_ / "content";
  for (const fs::path& file : content_files(content_dir)) {
    const fs::path copy = staged_ / "content" / file;
    const std::optional<std::string> bytes = read_whole_file(content_dir / file);
    if (!bytes) {
      throw fs::filesystem_error("cannot read", content_dir / file,
                                 std::make_error_code(std::errc::io_error));
    }
    const std::string name = file.generic_string();
    version.update(name.data(), name.size() + 1);
    version.update(sha256_hex(*bytes));
    if (folders_.insert(copy.parent_path()).second) {
      fs::create_directories(copy.parent_path());
      for (fs::path up = copy.parent_path(); up != staged_;) folders_.insert(up = up.parent_path());
    }
    const std::optional<std::string> old = read_whole_file(before / file);
    if (old && *old == *bytes && ::link((before / file).c_str(), copy.c_str()) == 0) continue;
    write_file(copy, *bytes);
    files_.push_back(copy);
  }
  json record{{"published_at", iso8601_utc(now)},
              {"content_version", to_hex(version.finish()).substr(0, 12)},
              {"git_commit", nullptr}};
  if (const std::optional<GitVersion> head = git_head(content_dir))
    record["git_commit"] = head->commit;
  write_file(staged_ / record_file, record.dump(2) + '\n');
  files_.push_back(staged_ / record_file);
}

PublicationRecord::~PublicationRecord() {
  std::error_code ec;
  if (!committed_) fs::remove_all(staged_, ec);
}

void PublicationRecord::commit() {
  std::error_code ec;
  if (fs::exists(folder_, ec) && !fs::is_regular_file(folder_ / record_file, ec)) {
    // Not hgj's: kept as it is; this publication is just not recorded.
    throw fs::filesystem_error(say("已有同名文件夹，不是 hgj 写的，发布记录未保存",
                                   "a folder of that name exists that hgj did not write; the "
                                   "publication was not recorded"),
                               folder_, std::make_error_code(std::errc::file_exists));
  }
  // Durable before it is visible, as the output is (publish.h).
  make_durable(files_, {folders_.begin(), folders_.end()}, staged_);
  if (!fs::exists(folder_, ec)) {
    fs::rename(staged_, folder_);
    committed_ = true;
    sync_folder(folder_.parent_path());
    return;
  }
  if (::renameat2(AT_FDCWD, staged_.c_str(), AT_FDCWD, folder_.c_str(), RENAME_EXCHANGE) != 0)
    throw fs::filesystem_error(say("无法保存发布记录", "cannot record the publication"), staged_,
                               folder_, std::error_code(errno, std::generic_category()));
  committed_ = true;
  sync_folder(folder_.parent_path());
  fs::remove_all(staged_, ec);  // now the record before
}

}  // namespace hgj
