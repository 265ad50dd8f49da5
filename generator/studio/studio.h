// `hgj studio`: the browser workbench for staff. One Studio per content folder: it answers
// the nine pages (pages.h), decides who is asking (a person on their own PC, or a
// signed-in account on a street's server) and refuses any change without the page's CSRF
// token or made against content that changed meanwhile. Changes are serialised: one
// import, restore or publication at a time.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "hgj/diagnostics.h"
#include "hgj/loader.h"
#include "http/routes.h"
#include "studio/accounts.h"
#include "studio/kiosk_preview.h"
#include "studio/login_throttle.h"
#include "studio/page.h"
#include "studio/sessions.h"

namespace hgj::studio {

struct StudioOptions {
  std::string content_dir = "content";
  std::string out_dir = "public";   // what 发布 builds into, as `hgj build --out`
  std::filesystem::path state_dir;  // accounts, uploads, previews (state_dir.h)
  std::string theme, themes_dir;    // as `hgj build`
  std::string signing_key_file;     // as `hgj build --signing-key`
  bool accounts = false;            // sign-in required (listening beyond this machine)
  bool secure_cookies = false;      // behind a TLS proxy: cookies marked Secure
  std::string local_user;           // the person on this PC, when !accounts
  std::string
      fleet_status;  // the folder screens report into, as `hgj fleet --status`; empty: not set
  std::string
      kiosk_program;  // the hgj-kiosk 预览 draws screens with (kiosk_preview.h); empty: none
};

class Studio {
 public:
  Studio(StudioOptions options, std::ostream& log);
  ~Studio();
  Studio(const Studio&) = delete;
  Studio& operator=(const Studio&) = delete;

  void add_routes(http::Routes& routes);

  // For the pages.
  const StudioOptions& options() const { return options_; }
  struct Loaded {
    LoadResult result;
    DiagnosticSink sink;
  };
  std::unique_ptr<Loaded> load() const;
  // The content's version (diff/publication.h content_version): what forms carry as `base`.
  std::string content_head() const;
  Frame frame(std::string title, Tab tab, const Visitor& visitor) const;
  // Held while content or output is written.
  std::mutex& write_mutex() { return write_mutex_; }
  std::ostream& log() { return log_; }
  // The preview's build (pages_preview.cpp): one at a time, redone when the content changed.
  struct PreviewState {
    std::mutex mutex;
    std::string version;           // the content version last built
    std::string problem;           // why that build failed, or empty
    std::vector<KioskShot> kiosk;  // the lobby screens of the buildings that changed
  };
  PreviewState& preview_state() { return preview_; }
  // The page of a change refused because the content changed after the form was shown.
  http::Response conflict(const Visitor& visitor) const;
  // Whether `form_base` still is the content's version; refused with conflict() if not.
  bool unchanged_since(const std::string& form_base) const;

 private:
  using Handler = std::function<http::Response(const http::Request&, const Visitor&)>;
  void page(http::Routes& routes, const std::string& method, const std::string& path,
            Handler handler);
  std::optional<Visitor> visitor_of(const http::Request& request);
  http::Response login_page(const std::string& name, const std::string& problem, int status) const;
  http::Response login(const http::Request& request);
  http::Response logout(const http::Request& request);

  StudioOptions options_;
  std::ostream& log_;
  std::mutex write_mutex_;
  std::string local_token_;  // the CSRF token of a workbench without accounts
  UserStore users_;
  Sessions sessions_;
  LoginThrottle throttle_;
  PreviewState preview_;
};

}  // namespace hgj::studio
