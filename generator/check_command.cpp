// `hgj check`: load and validate, print every diagnostic and a one-line summary.
#include <boost/program_options.hpp>
#include <ostream>

#include "cli.h"
#include "hgj/language.h"
#include "hgj/loader.h"
#include "options.h"

namespace hgj {

namespace po = boost::program_options;

int run_check(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string content_dir;
  bool strict = false;
  po::options_description options(say("hgj check [选项]：读取并检查内容文件夹，一次列出所有问题",
                                      "hgj check [options]: load and validate the content folder"));
  const std::string content_help = say("内容文件夹", "content folder");
  const std::string strict_help = say("警告也算错误", "treat warnings as errors");
  const std::string help_help = say("显示这份说明", "show this help");
  options.add_options()("content", po::value(&content_dir)->default_value("content"),
                        content_help.c_str())("strict", po::bool_switch(&strict),
                                              strict_help.c_str())("help,h", help_help.c_str());
  po::variables_map vars;
  if (int code = parse_options(args, options, vars, out, err); code >= 0) return code;

  DiagnosticSink sink;
  LoadResult loaded = load_content(content_dir, sink);
  print_diagnostics(err, sink);
  out << "hgj check: " << content_summary(loaded.content) << say("；", "; ")
      << diagnostic_summary(sink) << '\n';
  return content_exit_code(loaded, sink, strict);
}

}  // namespace hgj
