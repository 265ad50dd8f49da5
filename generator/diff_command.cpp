// `hgj diff`: load the content and an earlier version of it (a content folder, what a
// build published, or a git revision) → compare the models → the changes, what to
// reprint, as text or JSON, and the 审批单 PDF.
#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include "cli.h"
#include "clock.h"
#include "diff/approval_pdf.h"
#include "diff/compare.h"
#include "diff/diff_report.h"
#include "hgj/language.h"
#include "options.h"
#include "publish.h"

namespace hgj {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

// Writes the 审批单, replacing only a file that is one (never a file hgj did not write).
std::string write_pdf(const std::string& file, const std::string& bytes) {
  std::error_code ec;
  if (fs::exists(file, ec)) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    if (!fs::is_regular_file(file, ec) ||
        s.str().find(std::string("/Author (") + approval_pdf_author + ")") == std::string::npos)
      return say(
          "--pdf \"" + file + "\" 已存在，且不是 hgj diff 写的审批单：没有覆盖，请换一个文件名",
          "--pdf \"" + file +
              "\" exists and is not an approval form hgj diff wrote: left as it was; "
              "choose another name");
  }
  try {
    replace_file(file, bytes);
  } catch (const std::exception& e) {
    return "--pdf \"" + file + "\": " + e.what();
  }
  return {};
}

}  // namespace

int run_diff(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string content_dir, since, pdf;
  bool as_json = false;
  po::options_description options(
      "hgj diff [options]: what changed since the last publication, and which boards and card "
      "sheets to reprint");
  options.add_options()("content", po::value(&content_dir)->default_value("content"),
                        "content folder")(
      "since", po::value(&since),
      "compare with: a content folder, an output folder hgj build published, or a git revision of "
      "the "
      "repository the content is in (default: the last publication of public/)")(
      "json", po::bool_switch(&as_json), "print JSON (docs/diff.md) instead of text")(
      "pdf", po::value(&pdf), "also write the 审批单 (approval form) as an A4 PDF")(
      "help,h", "show this help");
  po::variables_map vars;
  if (int code = parse_options(args, options, vars, out, err); code >= 0) return code;

  Instant now = 0;
  try {
    now = build_time();
  } catch (const BadSourceDateEpoch& e) {
    err << "hgj diff: " << e.what() << '\n';
    return exit_usage_error;
  }
  DiagnosticSink sink;
  CompareProblem problem;
  const std::optional<Comparison> compared =
      compare_versions(content_dir, since, default_compared_output, now, sink, problem);
  if (!compared) {
    if (problem.message.empty()) {
      print_diagnostics(err, sink);
      err << "hgj diff: " << diagnostic_summary(sink)
          << say("；请先修正内容（hgj check）再对比\n",
                 "; fix the content (hgj check), then compare\n");
    } else {
      err << "hgj diff: " << problem.message << '\n';
    }
    return problem.exit_code;
  }
  if (compared->earlier_errors > 0)
    err << "hgj diff: " << say("较早的版本有 ", "the earlier version has ")
        << compared->earlier_errors
        << say(" 个错误，按能读出的内容对比\n", " errors; compared as far as it could be read\n");
  const DiffReport& report = compared->report;
  out << (as_json ? report_json(report) : report_text(report));
  if (!pdf.empty()) {
    const Site& site = compared->current.site;
    const Date today = print_day(compared->current, now);
    std::string not_written;
    try {
      not_written = write_pdf(pdf, approval_pdf(report, approval_place(site), today, now));
    } catch (const std::exception& e) {
      not_written = "--pdf \"" + pdf + "\": " + e.what();
    }
    if (!not_written.empty()) {
      err << "hgj diff: " << not_written << '\n';
      return exit_usage_error;
    }
    err << "hgj diff: " << say("审批单已写入 ", "approval form written to ") << pdf << '\n';
  }
  return exit_ok;
}

}  // namespace hgj
