// The preview `hgj serve` runs: builds the site with build_site() and answers HTTP
// requests from the output folder, adding live reload to every HTML page it sends.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <vector>

#include "build_site.h"
#include "serve/http_server.h"
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
  // Answers one request; safe to call from several connection threads.
  HttpResponse handle(const HttpRequest& request) const;

  const BuildOptions& options() const { return options_; }
  LiveReload& live() { return live_; }

 private:
  HttpResponse wait(const HttpRequest& request) const;
  HttpResponse file(const HttpRequest& request) const;
  HttpResponse not_found() const;
  HttpResponse no_build_yet() const;

  BuildOptions options_;
  std::ostream& out_;
  std::ostream& err_;
  LiveReload live_;
  SiteState state_;  // what the last build loaded, for the next incremental one
};

}  // namespace hgj::serve
