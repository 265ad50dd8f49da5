#include "options.h"

#include <ostream>

#include "cli.h"
#include "hgj/language.h"
#include "output_folder.h"

namespace hgj {

namespace po = boost::program_options;

int parse_options(const std::vector<std::string>& args, const po::options_description& options,
                  po::variables_map& vars, std::ostream& out, std::ostream& err) {
  return parse_options(args, options, PositionalArguments{}, vars, out, err);
}

int parse_options(const std::vector<std::string>& args, const po::options_description& options,
                  const PositionalArguments& positional, po::variables_map& vars, std::ostream& out,
                  std::ostream& err) {
  po::options_description all;
  all.add(options).add(positional.options);
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional.order).run(), vars);
    if (vars.count("help") != 0) {
      out << options;
      return exit_ok;
    }
    po::notify(vars);
  } catch (const po::error& e) {
    err << "hgj" << (positional.command.empty() ? "" : " " + positional.command) << ": " << e.what()
        << "\n\n"
        << options;
    return exit_usage_error;
  }
  return -1;
}

void add_jobs_option(po::options_description& options, int& jobs) {
  options.add_options()("jobs,j", po::value(&jobs)->default_value(0),
                        "worker threads: loading, pictures, pages, boards (0: one per core)");
}

int check_base_url(const std::string& command, const std::string& url, std::ostream& err) {
  const std::string problem = base_url_problem(url);
  if (problem.empty()) return -1;
  err << "hgj " << command << ": --base-url " << say("“" + url + "”", "\"" + url + "\" ") << problem
      << '\n';
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

// "3 communities" or "3 个社区": `zh` is the measure word and the noun.
std::string count(std::size_t n, const char* zh, const char* one, const char* many) {
  return say(std::to_string(n) + " " + zh, std::to_string(n) + " " + (n == 1 ? one : many));
}

}  // namespace

std::string content_summary(const Content& c) {
  const std::string comma = say("、", ", ");
  return count(c.communities.size(), "个社区", "community", "communities") + comma +
         count(c.grids.size(), "个网格", "grid", "grids") + comma +
         count(c.buildings.size(), "个楼栋", "building", "buildings") + comma +
         count(c.stewards.size(), "位红管家", "steward", "stewards") + comma +
         count(c.issues.size(), "个问题", "issue", "issues");
}

std::string diagnostic_summary(const DiagnosticSink& sink) {
  return count(sink.error_count(), "个错误", "error", "errors") + say("、", ", ") +
         count(sink.warning_count(), "个警告", "warning", "warnings");
}

std::string left_as_it_was(const std::string& out_dir) {
  return say("；" + out_dir + " 保持原样，没有改动", "; " + out_dir + " left as it was");
}

int content_exit_code(const LoadResult& loaded, const DiagnosticSink& sink, bool strict) {
  if (loaded.io_error) return exit_usage_error;
  if (problems_stop(sink, strict)) return exit_content_error;
  return exit_ok;
}

}  // namespace hgj
