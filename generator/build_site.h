// `hgj build`: load → render the site → print → kiosk bundle → publish, atomically.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

#include "hgj/bundle_signature.h"
#include "hgj/diagnostics.h"

namespace hgj {

struct BuildOptions {
  std::string content_dir = "content";
  std::string out_dir = "public";
  std::string base_url;          // overrides site.toml's base_url when not empty
  std::string theme;             // theme folder name under themes/ or a path; empty: site.toml's
  std::string themes_dir;        // where theme names are looked up; empty: <source>/themes
  bool strict = false;           // warnings fail the build
  bool print = true;             // 公示牌 and 联户卡 PDFs into print/
  bool kiosk = true;             // the kiosk bundle into kiosk/
  bool progress = true;          // a progress line when stderr is a terminal
  int jobs = 0;                  // the run's worker threads (hgj/parallel.h); 0: one per core
  bool cache = true;             // keep resized photos between builds
  std::string cache_dir;         // where; empty: default_cache_folder() (site/images/photo_cache.h)
  std::string signing_key_file;  // --signing-key; empty: default_signing_key_path()
  // What kiosk/manifest.json is signed with (signing_key_for_build()); nullopt: unsigned.
  std::optional<SigningKey> signing_key;
  bool full = false;   // render every page, lay out every board and card sheet afresh
  bool force = false;  // adopt an out_dir hgj did not write (output_folder.h)
  // Keep a copy of the content as published beside out_dir, for `hgj diff`
  // (diff/publication.h). hgj serve's previews are not publications.
  bool record_publication = true;
};

// The photo cache folder the options ask for; empty when caching is off.
std::filesystem::path photo_cache_folder(const BuildOptions& o);

struct BuildReport {
  int exit_code = 0;      // 0 ok, 1 content/template errors, 2 I/O or usage
  std::size_t pages = 0;  // HTML pages written
  std::size_t files = 0;  // all files written
  std::size_t bytes = 0;
  double seconds = 0;
  std::string refused;  // why out_dir was not touched (exit code 2), for "hgj build: …"
};

// Builds the whole output into a staging folder beside out_dir and swaps it in only
// when everything succeeded. out_dir is first claimed (output_folder.h): refused when it
// is not hgj's (unless forced) or overlaps the content, theme or photo cache folder, or
// when another hgj is writing it. Diagnostics go to `sink`; `log` gets progress and the
// summary line.
// With `keep`, a successful build also leaves its content, theme and index there.
struct SiteState;
BuildReport build_site(const BuildOptions& options, DiagnosticSink& sink, std::ostream& log,
                       SiteState* keep = nullptr);

}  // namespace hgj
