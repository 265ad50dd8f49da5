// Who published what and when, from the workbench: one JSON line per publication in
// <state>/publications.jsonl (append-only), beside the content's git tags. The 概览 and
// 历史 pages read it; the reprint pack of each publication is kept beside it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace hgj::studio {

struct PublicationEntry {
  std::string published_at;           // 2026-12-07T05:00:00Z
  std::string by;                     // the staff member
  std::string content_version;        // diff/publication.h
  std::string commit;                 // the content's git commit, or empty
  std::size_t boards = 0, cards = 0;  // sheets in the reprint pack
  std::string reprint;                // the pack's file name under <state>/reprint/, or empty
};

// Appends one line (created 0600). Throws std::runtime_error when it cannot be written.
void append_publication(const std::filesystem::path& state_dir, const PublicationEntry& entry);
// Newest first; lines that cannot be read are skipped.
std::vector<PublicationEntry> read_publications(const std::filesystem::path& state_dir);

std::filesystem::path reprint_folder(const std::filesystem::path& state_dir);

}  // namespace hgj::studio
