// Exit codes of every hgj command, and the one rule for when problems stop a run.
#pragma once

#include "hgj/diagnostics.h"

namespace hgj {

// Documented in `hgj --help` (cli.cpp) and docs/.
enum ExitCode : int {
  exit_ok = 0,
  exit_content_error = 1,  // the content has errors (with --strict, warnings too)
  exit_usage_error =
      2,  // bad options, a theme that cannot be used, unreadable folders, I/O failures
};

// Errors stop a run; under --strict warnings do too.
inline bool problems_stop(const DiagnosticSink& sink, bool strict) {
  return sink.error_count() > 0 || (strict && sink.warning_count() > 0);
}

}  // namespace hgj
