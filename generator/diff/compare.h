// Two versions of a content folder compared, as `hgj diff` and the workbench's 变更 page
// show them: the current folder against an earlier version (a content folder, what a build
// published, or a git revision), loaded and compared with diff_content and reprint_list.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "diff/diff_report.h"
#include "hgj/diagnostics.h"
#include "hgj/loader.h"
#include "hgj/recurrence.h"

namespace hgj {

struct Comparison {
  DiffReport report;
  Content current;                 // the current version, loaded
  std::size_t earlier_errors = 0;  // the earlier version was compared as far as it could be read
};

struct CompareProblem {
  int exit_code = 0;    // generator/exit_code.h
  std::string message;  // for staff, in the run's language; empty when `current_sink` says it
};

// The output folder compared with when `since` is empty.
inline constexpr const char* default_compared_output = "public";

// Compares `content_dir` with `since` (empty: the last publication of `default_output`)
// as of `now`. The current content's problems go to `current_sink`; with errors there
// (or a folder that cannot be read) nothing is compared and the problem's message is
// empty. Never throws for bad input.
std::optional<Comparison> compare_versions(const std::string& content_dir, const std::string& since,
                                           const std::string& default_output, Instant now,
                                           DiagnosticSink& current_sink, CompareProblem& problem);

}  // namespace hgj
