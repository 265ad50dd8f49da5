// Shared option parsing for the subcommands.
#pragma once

#include <boost/program_options.hpp>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "hgj/diagnostics.h"
#include "hgj/loader.h"

namespace hgj {

// The line width of a command's --help: wide enough that Boost never wraps a description,
// as it counts bytes and would cut a Chinese character in two.
inline constexpr unsigned help_line_width = 200;

// Parses `args` into `vars`. Returns -1 to go on, or the exit code to return now (0
// after printing --help, 2 after a usage error).
int parse_options(const std::vector<std::string>& args,
                  const boost::program_options::options_description& options,
                  boost::program_options::variables_map& vars, std::ostream& out,
                  std::ostream& err);

// Arguments given by position (`hgj new KIND ID`, `hgj init DIR`): their options, kept out
// of --help, and their order; `command` names the command in usage errors.
struct PositionalArguments {
  std::string command;
  boost::program_options::options_description options;
  boost::program_options::positional_options_description order;
};
// As above, with positional arguments. --help works even when they are missing.
int parse_options(const std::vector<std::string>& args,
                  const boost::program_options::options_description& options,
                  const PositionalArguments& positional,
                  boost::program_options::variables_map& vars, std::ostream& out,
                  std::ostream& err);

// --jobs (-j) into `jobs`: the threads of the run's worker pool (hgj/parallel.h), 0 for
// one per core. The command hands it to set_worker_threads() before its work starts.
void add_jobs_option(boost::program_options::options_description& options, int& jobs);

// A --base-url held to site.toml's rule (base_url_problem, hgj/loader.h): -1 to go on
// (an empty url: not given), or 2 after printing "hgj <command>: --base-url …".
int check_base_url(const std::string& command, const std::string& url, std::ostream& err);

class OutputLock;
// --out locked before the content is loaded (lock_early, output_folder.h): -1 to go on,
// holding `lock`, or 2 after printing "hgj <command>: another hgj is writing …".
int lock_output_early(const std::string& command, const std::string& out_dir, std::ostream& err,
                      std::unique_ptr<OutputLock>& lock);

// "3 communities, 6 grids, …" and "0 errors, 1 warning".
std::string content_summary(const Content& content);
std::string diagnostic_summary(const DiagnosticSink& sink);
// "; public left as it was" (English) or "；public 保持原样，没有改动": the end of a
// refused command's last line.
std::string left_as_it_was(const std::string& out_dir);
// 2 when the folder could not be read, 1 on errors (or warnings under --strict), else 0.
int content_exit_code(const LoadResult& loaded, const DiagnosticSink& sink, bool strict);

}  // namespace hgj
