// `hgj check`: load and validate, print every diagnostic and a one-line summary.
#include <boost/program_options.hpp>
#include <ostream>

#include "cli.h"
#include "hgj/loader.h"
#include "options.h"

namespace hgj {

namespace po = boost::program_options;

int run_check(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string content_dir;
  bool strict = false;
  po::options_description options("hgj check [options]: load and validate the content folder");
  options.add_options()("content", po::value(&content_dir)->default_value("content"),
                        "content folder")("strict", po::bool_switch(&strict),
                                          "treat warnings as errors")("help,h", "show this help");
  po::variables_map vars;
  if (int code = parse_options(args, options, vars, out, err); code >= 0) return code;

  DiagnosticSink sink;
  LoadResult loaded = load_content(content_dir, sink);
  print_diagnostics(err, sink);
  out << "hgj check: " << content_summary(loaded.content) << "; " << diagnostic_summary(sink)
      << '\n';
  return content_exit_code(loaded, sink, strict);
}

}  // namespace hgj
