// `hgj diff`: load the content and an earlier version of it (a content folder, what a
// build published, or a git revision) → compare the models → the changes, what to
// reprint, as text or JSON, and the 审批单 PDF.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include "cli.h"
#include "clock.h"
#include "diff/approval_pdf.h"
#include "diff/diff_report.h"
#include "diff/file_digests.h"
#include "diff/git_tree.h"
#include "diff/publication.h"
#include "hgj/language.h"
#include "hgj/loader.h"
#include "options.h"
#include "output_folder.h"
#include "publish.h"

namespace hgj {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

// The output folder whose last publication is compared with when --since is not given.
constexpr const char* default_output = "public";

// A folder made for a git revision's files, removed when the command ends.
class TempFolder {
 public:
  TempFolder() {
    std::string pattern = (fs::temp_directory_path() / "hgj-diff-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error(say("无法建立临时文件夹", "cannot make a temporary folder"));
    path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Where the earlier version's content is, and what it is; or a message for staff.
struct Earlier {
  fs::path content;
  VersionInfo info;
  std::string problem;
};

Earlier from_publication(const Publication& p, const std::string& ref) {
  return {p.content, {"publication", ref, p.content_version, p.git_commit, p.published_at}, {}};
}

Earlier find_earlier(const std::string& since, const std::string& content_dir, std::unique_ptr<TempFolder>& temp,
                     FileDigests& digests) {
  std::error_code ec;
  try {
    if (since.empty()) {
      if (const std::optional<Publication> p = last_publication(default_output)) return from_publication(*p, default_output);
      return {{}, {}, say(std::string("没有找到较早的发布：") + default_output +
                              " 还没有由 hgj build 发布过。请用 --since 指定要对比的内容文件夹、发布的输出文件夹或 git 版本",
                          std::string("no earlier publication found: ") + default_output +
                              " was never published by hgj build. Name what to compare with: --since a "
                              "content folder, a published output folder or a git revision")};
    }
    if (fs::is_directory(since, ec)) {
      if (fs::is_regular_file(fs::path(since) / "site.toml", ec))
        return {since, {"folder", since, content_version(since, digests), {}, {}}, {}};
      if (const std::optional<Publication> p = last_publication(since)) return from_publication(*p, since);
      if (is_hgj_output(since))
        return {{}, {}, say("--since \"" + since + "\" 是 hgj 的输出文件夹，但没有发布记录（是较早版本的 hgj 构建的）；用 hgj build 重新发布一次后再对比",
                            "--since \"" + since + "\" is an hgj output folder without a publication record (built by an "
                            "older hgj); publish it again with hgj build, then compare")};
    }
    if (fs::exists(since, ec))
      return {{}, {}, say("--since \"" + since + "\" 既不是内容文件夹（里面没有 site.toml），也不是 hgj 发布的输出文件夹",
                          "--since \"" + since + "\" is neither a content folder (it has no site.toml) nor an output "
                          "folder hgj published")};
    temp = std::make_unique<TempFolder>();
    const GitVersion v = export_git_version(content_dir, since, temp->path());
    return {temp->path(), {"git", since, content_version(temp->path(), digests), v.commit, {}}, {}};
  } catch (const GitProblem& e) {
    return {{}, {}, say("--since \"" + since + "\" 不是文件夹，也不是 git 版本：", "--since \"" + since +
                    "\" is not a folder, nor a git revision: ") + e.what()};
  } catch (const std::exception& e) {
    return {{}, {}, "--since \"" + since + "\": " + e.what()};
  }
}

// Writes the 审批单, replacing only a file that is one (never a file hgj did not write).
std::string write_pdf(const std::string& file, const std::string& bytes) {
  std::error_code ec;
  if (fs::exists(file, ec)) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    if (!fs::is_regular_file(file, ec) ||
        s.str().find(std::string("/Author (") + approval_pdf_author + ")") == std::string::npos)
      return say("--pdf \"" + file + "\" 已存在，且不是 hgj diff 写的审批单：没有覆盖，请换一个文件名",
                 "--pdf \"" + file + "\" exists and is not an approval form hgj diff wrote: left as it was; "
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
      "hgj diff [options]: what changed since the last publication, and which boards and card sheets to reprint");
  options.add_options()
      ("content", po::value(&content_dir)->default_value("content"), "content folder")
      ("since", po::value(&since),
       "compare with: a content folder, an output folder hgj build published, or a git revision of the "
       "repository the content is in (default: the last publication of public/)")
      ("json", po::bool_switch(&as_json), "print JSON (docs/diff.md) instead of text")
      ("pdf", po::value(&pdf), "also write the 审批单 (approval form) as an A4 PDF")
      ("help,h", "show this help");
  po::variables_map vars;
  if (int code = parse_options(args, options, vars, out, err); code >= 0) return code;

  DiagnosticSink sink;
  const LoadResult current = load_content(content_dir, sink);
  if (int code = content_exit_code(current, sink, false); code != exit_ok) {
    print_diagnostics(err, sink);
    err << "hgj diff: " << diagnostic_summary(sink)
        << say("；请先修正内容（hgj check）再对比\n", "; fix the content (hgj check), then compare\n");
    return code;
  }
  std::unique_ptr<TempFolder> temp;
  FileDigests digests;
  const Earlier earlier = find_earlier(since, content_dir, temp, digests);
  if (!earlier.problem.empty()) {
    err << "hgj diff: " << earlier.problem << '\n';
    return exit_usage_error;
  }
  DiagnosticSink earlier_sink;
  const LoadResult before = load_content(earlier.content.string(), earlier_sink);
  if (before.io_error) {
    err << "hgj diff: --since \"" << earlier.info.ref << "\": "
        << say("读不出较早版本的内容", "the earlier version cannot be read") << '\n';
    return exit_usage_error;
  }
  if (earlier_sink.error_count() > 0)
    err << "hgj diff: " << say("较早的版本有 ", "the earlier version has ") << earlier_sink.error_count()
        << say(" 个错误，按能读出的内容对比\n", " errors; compared as far as it could be read\n");

  Instant now = 0;
  try {
    now = build_time();
  } catch (const BadSourceDateEpoch& e) {
    err << "hgj diff: " << e.what() << '\n';
    return exit_usage_error;
  }
  DiffReport report;
  report.before = earlier.info;
  report.after = {"folder", content_dir, content_version(content_dir, digests), {}, {}};
  if (const std::optional<GitVersion> head = git_head(content_dir)) report.after.git_commit = head->commit;
  report.changes = diff_content(before.content, current.content);
  report.reprint = reprint_list(before.content, current.content, now, digests);

  out << (as_json ? report_json(report) : report_text(report));
  if (!pdf.empty()) {
    const Site& site = current.content.site;
    const Date today = print_day(current.content, now);
    std::string place = site.district + site.street;
    if (place.empty()) place = site.title;
    std::string problem;
    try {
      problem = write_pdf(pdf, approval_pdf(report, place, today, now));
    } catch (const std::exception& e) {
      problem = "--pdf \"" + pdf + "\": " + e.what();
    }
    if (!problem.empty()) {
      err << "hgj diff: " << problem << '\n';
      return exit_usage_error;
    }
    err << "hgj diff: " << say("审批单已写入 ", "approval form written to ") << pdf << '\n';
  }
  return exit_ok;
}

}  // namespace hgj
