#include "studio/publication_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "hgj/language.h"

namespace hgj::studio {

namespace fs = std::filesystem;

namespace {

fs::path log_file(const fs::path& state_dir) { return state_dir / "publications.jsonl"; }

}  // namespace

fs::path reprint_folder(const fs::path& state_dir) { return state_dir / "reprint"; }

void append_publication(const fs::path& state_dir, const PublicationEntry& e) {
  const nlohmann::json line = {{"published_at", e.published_at},
                               {"by", e.by},
                               {"content_version", e.content_version},
                               {"commit", e.commit},
                               {"boards", e.boards},
                               {"cards", e.cards},
                               {"reprint", e.reprint}};
  const std::string text = line.dump() + "\n";
  // One write() of the whole line with O_APPEND: a crash leaves whole lines.
  const int fd =
      ::open(log_file(state_dir).c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0 || ::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size()) ||
      ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error(say("发布记录写不进 ", "cannot write the publication log ") +
                             log_file(state_dir).string());
  }
  ::close(fd);
}

std::vector<PublicationEntry> read_publications(const fs::path& state_dir) {
  std::vector<PublicationEntry> entries;
  std::ifstream in(log_file(state_dir));
  std::string line;
  while (std::getline(in, line)) {
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) continue;
    PublicationEntry e;
    try {
      e.published_at = j.value("published_at", "");
      e.by = j.value("by", "");
      e.content_version = j.value("content_version", "");
      e.commit = j.value("commit", "");
      e.boards = j.value("boards", std::size_t{0});
      e.cards = j.value("cards", std::size_t{0});
      e.reprint = j.value("reprint", "");
    } catch (const nlohmann::json::exception&) {
      continue;  // a line some other program wrote: not one of ours
    }
    entries.push_back(std::move(e));
  }
  return {entries.rbegin(), entries.rend()};
}

}  // namespace hgj::studio
