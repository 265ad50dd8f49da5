// `hgj diff`'s report: the changes and the reprint list as text for people (the terminal
// and the 审批单 share its lines), and as JSON for programs (docs/diff.md).
#pragma once

#include <string>
#include <vector>

#include "diff/content_diff.h"
#include "diff/reprint.h"

namespace hgj {

// One of the two versions compared.
struct VersionInfo {
  std::string kind;              // folder | publication | git
  std::string ref;               // as given: the folder, the output folder, the revision
  std::string content_version;   // diff/publication.h
  std::string git_commit;        // 40 hex digits, or empty
  std::string published_at;      // publications only
  std::string describe() const;  // 上次发布 public（2026-12-07T05:00:00Z，内容版本 …）
};

struct DiffReport {
  VersionInfo before, after;
  ContentDiff changes;
  Reprint reprint;
};

// A heading and its lines, in the run's language.
struct ReportSection {
  std::string heading;
  std::vector<std::string> lines;
};
std::vector<ReportSection> change_sections(const ContentDiff& diff);
std::vector<ReportSection> reprint_sections(const Reprint& reprint);

std::string report_text(const DiffReport& report);
std::string report_json(const DiffReport& report);

}  // namespace hgj
