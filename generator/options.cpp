#include "options.h"

#include <ostream>

#include "cli.h"
#include "output_folder.h"

namespace hgj {

namespace po = boost::program_options;

int parse_options(const std::vector<std::string>& args, const po::options_description& options,
                  po::variables_map& vars, std::ostream& out, std::ostream& err) {
  try {
    po::store(po::command_line_parser(args).options(options).run(), vars);
    po::notify(vars);
  } catch (const po::error& e) {
    err << "hgj: " << e.what() << "\n\n" << options;
    return exit_usage_error;
  }
  if (vars.count("help") != 0) {
    out << options;
    return exit_ok;
  }
  return -1;
}

int check_base_url(const std::string& command, const std::string& url, std::ostream& err) {
  const std::string problem = base_url_problem(url);
  if (problem.empty()) return -1;
  err << "hgj " << command << ": --base-url \"" << url << "\" " << problem << '\n';
  return exit_usage_error;
}

int lock_output_early(const std::string& command, const std::string& out_dir, std::ostream& err,
                      std::unique_ptr<OutputLock>& lock) {
  try {
    lock = lock_early(out_dir);
  } catch (const std::exception& e) {
    err << "hgj " << command << ": " << e.what() << '\n';
    return exit_usage_error;
  }
  return -1;
}

namespace {

std::string count(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string content_summary(const Content& c) {
  return count(c.communities.size(), "community", "communities") + ", " +
         count(c.grids.size(), "grid", "grids") + ", " +
         count(c.buildings.size(), "building", "buildings") + ", " +
         count(c.stewards.size(), "steward", "stewards") + ", " +
         count(c.issues.size(), "issue", "issues");
}

std::string diagnostic_summary(const DiagnosticSink& sink) {
  return count(sink.error_count(), "error", "errors") + ", " +
         count(sink.warning_count(), "warning", "warnings");
}

int content_exit_code(const LoadResult& loaded, const DiagnosticSink& sink, bool strict) {
  if (loaded.io_error) return exit_usage_error;
  if (sink.error_count() > 0 || (strict && sink.warning_count() > 0)) return exit_content_error;
  return exit_ok;
}

}  // namespace hgj
