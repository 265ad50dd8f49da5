// `hgj print`: load and validate → render the boards and cards into a staging folder
// → swap it in for --out. Content errors leave --out exactly as it was.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <ostream>

#include "cli.h"
#include "clock.h"
#include "hgj/language.h"
#include "hgj/loader.h"
#include "hgj/parallel.h"
#include "options.h"
#include "print/render_print.h"
#include "publish.h"
#include "theme_folders.h"

namespace hgj {

namespace po = boost::program_options;
namespace fs = std::filesystem;

int run_print(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string content_dir, out_dir, theme, themes_dir;
  bool force = false, full = false;
  int jobs = 0;
  PrintOptions o;
  po::options_description options(
      "hgj print [options]: 公示牌 and 联户卡 PDFs (boards/, cards/, community/) into --out");
  options.add_options()("content", po::value(&content_dir)->default_value("content"),
                        "content folder")(
      "out", po::value(&out_dir)->default_value("public/print"),
      "output folder (replaced atomically; a symbolic link is followed and its folder replaced)")(
      "force", po::bool_switch(&force),
      "replace an --out folder hgj did not write (its content is moved to <out>.before-hgj)")(
      "full", po::bool_switch(&full),
      "lay out every board and card sheet afresh, reusing nothing of the --out folder replaced")(
      "paper", po::value(&o.paper),
      "A3 or A4 for the boards (default: site.toml's [print] paper, else A3)")(
      "building", po::value(&o.buildings)->composing(), "print only this building (repeatable)")(
      "community", po::value(&o.communities)->composing(),
      "print only this community, with its combined files (repeatable)")(
      "base-url", po::value(&o.base_url),
      "URL the QR codes point under (default: site.toml's base_url)")(
      "theme", po::value(&theme), "theme name under themes/, or a theme folder")(
      "themes-dir", po::value(&themes_dir), "where theme names are looked up");
  add_jobs_option(options, jobs);
  options.add_options()("strict", po::bool_switch(&o.strict),
                        "treat warnings as errors (an undecodable photo too)")("help,h",
                                                                               "show this help");
  po::variables_map vars;
  if (int code = parse_options(args, options, vars, out, err); code >= 0) return code;
  if (int code = check_base_url("print", o.base_url, err); code >= 0) return code;
  set_worker_threads(jobs);

  std::unique_ptr<OutputLock> early;
  if (int code = lock_output_early("print", out_dir, err, early); code >= 0) return code;
  DiagnosticSink sink;
  LoadResult loaded = load_content(content_dir, sink);
  if (int code = content_exit_code(loaded, sink, o.strict); code != exit_ok) {
    print_diagnostics(err, sink);
    err << "hgj print: " << diagnostic_summary(sink) << left_as_it_was(out_dir) << '\n';
    return code;
  }
  try {
    o.now = build_time();
  } catch (const BadSourceDateEpoch& e) {
    err << "hgj print: " << e.what() << '\n';
    return exit_usage_error;
  }
  o.theme_dir =
      theme_folder(theme.empty() ? loaded.content.site.theme : theme, themes_dir, content_dir)
          .string();
  o.default_theme_dir = theme_folder("default", themes_dir, content_dir).string();
  o.progress = ::isatty(STDERR_FILENO) == 1;

  const fs::path target(out_dir);
  std::error_code ec;
  const fs::path parent = target.parent_path();
  const bool parent_existed = parent.empty() || fs::exists(parent, ec);
  PrintReport report;
  bool ok = false;
  try {
    const std::unique_ptr<OutputLock> lock =
        claim_output({out_dir,
                      force,
                      {{content_dir, say("内容文件夹", "the content folder")},
                       {o.theme_dir, say("主题文件夹", "the theme folder")},
                       {o.default_theme_dir, say("默认主题文件夹", "the default theme folder")}}});
    Staging staging(target);
    if (!full) o.reuse_from = staging.target();  // what it holds already is taken unchanged
    ok = render_print(loaded.content, o, staging.dir(), sink, &report);
    if (ok) staging.commit();
  } catch (const OutputRefused& e) {
    if (!parent_existed) fs::remove(parent, ec);
    err << "hgj print: " << e.what() << '\n';
    return exit_usage_error;
  } catch (const std::exception& e) {
    sink.error({out_dir, 0, 0}, say("写不了输出：", "cannot write the output: ") + e.what());
    report.exit_code = exit_usage_error;
  }
  if (!ok && !parent_existed) fs::remove(parent, ec);  // only if we made it and it is empty
  print_diagnostics(err, sink);
  if (!ok || report.exit_code != exit_ok) {
    err << "hgj print: " << diagnostic_summary(sink) << left_as_it_was(out_dir) << '\n';
    return report.exit_code != exit_ok ? report.exit_code : exit_usage_error;
  }
  const std::string kb = std::to_string((report.bytes + 512) / 1024);
  out << "hgj print: "
      << say(std::to_string(report.boards) + " 块公示牌（" + std::to_string(report.board_pages) +
                 " 页）、" + std::to_string(report.card_sheets) + " 张联户卡、" +
                 std::to_string(report.files) + " 个文件、" + kb + " KB，在 " + out_dir + "（",
             std::to_string(report.boards) + " boards (" + std::to_string(report.board_pages) +
                 " pages), " + std::to_string(report.card_sheets) + " card sheets, " +
                 std::to_string(report.files) + " files, " + kb + " KB in " + out_dir + " (")
      << report.seconds << say(" 秒）\n", " s)\n") << "hgj print: " << reuse_summary(report)
      << '\n';
  return exit_ok;
}

}  // namespace hgj
