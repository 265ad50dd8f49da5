// Theme::load's inlining phase: {{> name}} tags replaced by the partial's source, so a
// page parses nothing at render time. An unknown partial would silently render as
// nothing in Mustache; here it is an error where the tag stands, as are a partial that
// includes itself (twice in itself it would double at every level) and nesting deeper
// than max_depth. Each error is reported once, not once per use.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "hgj/diagnostics.h"

namespace hgj::site {

class PartialInliner {
 public:
  static constexpr std::size_t max_depth = 8;

  // `partials`: name → source; `files`: name → the file it is reported as.
  PartialInliner(const std::map<std::string, std::string>& partials,
                 const std::map<std::string, std::string>& files, DiagnosticSink& sink)
      : partials_(partials), files_(files), sink_(sink) {}

  // `text` (from `file`) with its partials inlined; with `keep` set, {{> keep}} stays a
  // tag wherever it stands.
  std::string inline_partials(const std::string& text, const std::string& file,
                              const std::string& keep = {});
  // Partial `name` inlined as if included once from outside (it may not include itself).
  std::string inline_partial(const std::string& name);

 private:
  std::string inline_partial(const std::string& name, const std::string& keep);

  const std::map<std::string, std::string>& partials_;
  const std::map<std::string, std::string>& files_;
  DiagnosticSink& sink_;
  std::set<std::pair<std::string, std::size_t>> reported_;  // (file, offset)
  std::vector<std::string> chain_;  // the partials being inlined, outermost first
};

}  // namespace hgj::site
