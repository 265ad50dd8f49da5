// `hgj build`: options → build_site() → diagnostics and the summary line.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <ostream>

#include "build_site.h"
#include "cli.h"
#include "hgj/language.h"
#include "options.h"
#include "signing_key.h"

namespace hgj {

namespace po = boost::program_options;

int run_build(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  BuildOptions o;
  po::options_description options("hgj build [options]: build the site into the output folder");
  options.add_options()("content", po::value(&o.content_dir)->default_value("content"),
                        "content folder")(
      "out", po::value(&o.out_dir)->default_value("public"),
      "output folder (replaced atomically; a symbolic link is followed and its folder replaced)")(
      "force", po::bool_switch(&o.force),
      "replace an --out folder hgj did not write (its content is moved to <out>.before-hgj)")(
      "base-url", po::value(&o.base_url), "public URL of the site (default: site.toml's base_url)")(
      "theme", po::value(&o.theme), "theme name under themes/, or a theme folder")(
      "themes-dir", po::value(&o.themes_dir), "where theme names are looked up");
  add_jobs_option(options, o.jobs);
  options.add_options()("strict", po::bool_switch(&o.strict), "treat warnings as errors")(
      "cache-dir", po::value(&o.cache_dir),
      "where resized photos are kept between builds (default: $HGJ_CACHE_DIR, else ~/.cache/hgj)")(
      "no-cache", "resize every photo afresh and keep nothing")(
      "full", po::bool_switch(&o.full),
      "render every page and lay out every board and card sheet afresh, reusing nothing")(
      "no-print", "skip the 公示牌/联户卡 PDFs (print/)")("no-kiosk",
                                                          "skip the kiosk bundle (kiosk/)")(
      "signing-key", po::value(&o.signing_key_file),
      "sign kiosk/manifest.json with this key (default: ~/.config/hgj/bundle-signing.key, made if "
      "missing)")("help,h", "show this help");
  po::variables_map vars;
  if (int code = parse_options(args, options, vars, out, err); code >= 0) return code;
  if (int code = check_base_url("build", o.base_url, err); code >= 0) return code;

  o.print = vars.count("no-print") == 0;
  o.kiosk = vars.count("no-kiosk") == 0;
  o.cache = vars.count("no-cache") == 0;
  o.progress = ::isatty(STDERR_FILENO) == 1;
  if (o.kiosk) {
    // Before anything is built: a bad key leaves the output as it was.
    std::string why;
    o.signing_key = signing_key_for_build(o.signing_key_file, out, why);
    if (!o.signing_key) {
      err << "hgj build: " << why << left_as_it_was(o.out_dir) << '\n';
      return exit_usage_error;
    }
  }
  DiagnosticSink sink;
  const BuildReport report = build_site(o, sink, err);
  print_diagnostics(err, sink);
  if (!report.refused.empty()) {
    err << "hgj build: " << report.refused << '\n';
  } else if (report.exit_code != exit_ok) {
    err << "hgj build: " << diagnostic_summary(sink) << left_as_it_was(o.out_dir) << '\n';
  }
  return report.exit_code;
}

}  // namespace hgj
