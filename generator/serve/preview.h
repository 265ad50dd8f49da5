// The preview `hgj serve` runs: builds the site with build_site() and answers HTTP
// requests from the output folder, adding live reload to every HTML page it sends.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <vector>

#include "build_site.h"
#include "http/message.h"
#include "http/routes.h"
#include "serve/live_reload.h"
#include "site_state.h"

namespace hgj::serve {

class Preview {
 public:
  // `out` gets one status line per build, `err` the diagnostics and build_site's log.
  Preview(BuildOptions options, std::ostream& out, std::ostream& err);

  // Builds once: only what `changed` touches when serve/incremental.h can, else the whole
  // site. On failure the previous output stays (build_site is atomic) and stays served;
  // pages learn of the failure through live reload. Main thread only.
  bool rebuild(const std::vector<std::filesystem::path>& changed = {});
  // Adds what the preview answers: live reload under /__hgj/, the output folder below /.
  // The handlers are safe to call from several threads at once.
  void add_routes(http::Routes& routes) const;

  const BuildOptions& options() const { return options_; }
  LiveReload& live() { return live_; }

 private:
  http::Response wait(const http::Request& request) const;
  http::Response file(const http::Request& request) const;
  http::Response not_found() const;
  http::Response no_build_yet() const;

  BuildOptions options_;
  std::ostream& out_;
  std::ostream& err_;
  LiveReload live_;
  SiteState state_;  // what the last build loaded, for the next incremental one
};

}  // namespace hgj::serve
