// Live reload for `hgj serve`. Every build gets a number; pages served carry a small
// script (only in the response, never in the built files) that long-polls
// /__hgj/wait?v=<build number> and reloads when a newer build succeeded, or shows the
// failed build's diagnostics in an overlay while the last good build stays served.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "hgj/diagnostics.h"

namespace hgj::serve {

struct BuildState {
  long build = 0;   // the latest build attempt, good or not
  long served = 0;  // the last good build: what the output folder holds (0: none yet)
  std::vector<std::string> errors;   // the latest attempt's diagnostics when it failed
  std::vector<Diagnostic> problems;  // the same, for the overlay to lay out
};

// The error overlay a page shows after a failed build: the run's language (say()), every
// text HTML-escaped, and under each source excerpt a caret that stays under its character
// at any width and in any font: the excerpt's text before it is repeated, invisible, on
// the caret's line (CJK characters are not two Latin ones wide in a browser), and the
// excerpt and caret lines scroll sideways together instead of wrapping apart.
std::string overlay_html(const BuildState& s);

class LiveReload {
 public:
  LiveReload();

  // Records the end of a build attempt and wakes every waiting page.
  void finished(bool ok, std::vector<Diagnostic> diagnostics);
  BuildState state() const;
  // Blocks until the build number differs from `known`, `timeout` passes or stop().
  BuildState wait(long known, std::chrono::milliseconds timeout) const;
  // Releases every waiting request; later waits return at once.
  void stop();

  // {"session": …, "build": 3, "served": 2, "ok": false, "errors": ["…"], "overlay": "<div…"}
  std::string json(const BuildState& s) const;
  // The page with the reload script (and, after a failed build, the error overlay,
  // HTML-escaped) inserted before </body>.
  std::string inject(const std::string& html) const;
  // /__hgj/live.js
  static const std::string& script();

 private:
  std::string session_;  // tells a page that the server was restarted
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  BuildState state_;
  bool stopped_ = false;
};

}  // namespace hgj::serve
