#include "diff/compare.h"

#include <filesystem>
#include <memory>

#include "diff/content_diff.h"
#include "diff/file_digests.h"
#include "diff/git_tree.h"
#include "diff/publication.h"
#include "diff/reprint.h"
#include "exit_code.h"
#include "hgj/language.h"
#include "output_folder.h"
#include "temp_folder.h"

namespace hgj {

namespace fs = std::filesystem;

namespace {

// Where the earlier version's content is, and what it is; or a message for staff.
struct Earlier {
  fs::path content;
  VersionInfo info;
  std::string problem;
};

Earlier from_publication(const Publication& p, const std::string& ref) {
  return {p.content, {"publication", ref, p.content_version, p.git_commit, p.published_at}, {}};
}

Earlier find_earlier(const std::string& since, const std::string& default_output,
                     const std::string& content_dir, std::unique_ptr<TempFolder>& temp,
                     FileDigests& digests) {
  std::error_code ec;
  try {
    if (since.empty()) {
      if (const std::optional<Publication> p = last_publication(default_output))
        return from_publication(*p, default_output);
      return {{},
              {},
              say(std::string("没有找到较早的发布：") + default_output +
                      " 还没有由 hgj build 发布过。请用 --since "
                      "指定要对比的内容文件夹、发布的输出文件夹或 git 版本",
                  std::string("no earlier publication found: ") + default_output +
                      " was never published by hgj build. Name what to compare with: --since a "
                      "content folder, a published output folder or a git revision")};
    }
    if (fs::is_directory(since, ec)) {
      if (fs::is_regular_file(fs::path(since) / "site.toml", ec))
        return {since, {"folder", since, content_version(since, digests), {}, {}}, {}};
      if (const std::optional<Publication> p = last_publication(since))
        return from_publication(*p, since);
      if (is_hgj_output(since))
        return {{},
                {},
                say("--since \"" + since +
                        "\" 是 hgj 的输出文件夹，但没有发布记录（是较早版本的 hgj 构建的）；用 hgj "
                        "build 重新发布一次后再对比",
                    "--since \"" + since +
                        "\" is an hgj output folder without a publication record (built by an "
                        "older hgj); publish it again with hgj build, then compare")};
    }
    if (fs::exists(since, ec))
      return {{},
              {},
              say("--since \"" + since +
                      "\" 既不是内容文件夹（里面没有 site.toml），也不是 hgj 发布的输出文件夹",
                  "--since \"" + since +
                      "\" is neither a content folder (it has no site.toml) nor an output "
                      "folder hgj published")};
    temp = std::make_unique<TempFolder>("hgj-diff");
    const GitVersion v = export_git_version(content_dir, since, temp->path());
    return {temp->path(), {"git", since, content_version(temp->path(), digests), v.commit, {}}, {}};
  } catch (const GitProblem& e) {
    return {{},
            {},
            say("--since \"" + since + "\" 不是文件夹，也不是 git 版本：",
                "--since \"" + since + "\" is not a folder, nor a git revision: ") +
                e.what()};
  } catch (const std::exception& e) {
    return {{}, {}, "--since \"" + since + "\": " + e.what()};
  }
}

}  // namespace

std::optional<Comparison> compare_versions(const std::string& content_dir, const std::string& since,
                                           const std::string& default_output, Instant now,
                                           DiagnosticSink& current_sink, CompareProblem& problem) {
  Comparison result;
  {
    LoadResult current = load_content(content_dir, current_sink);
    if (current.io_error) {
      problem = {exit_usage_error, {}};
      return std::nullopt;
    }
    if (current_sink.error_count() > 0) {
      problem = {exit_content_error, {}};
      return std::nullopt;
    }
    result.current = std::move(current.content);
  }
  std::unique_ptr<TempFolder> temp;
  FileDigests digests;
  const Earlier earlier = find_earlier(since, default_output, content_dir, temp, digests);
  if (!earlier.problem.empty()) {
    problem = {exit_usage_error, earlier.problem};
    return std::nullopt;
  }
  DiagnosticSink earlier_sink;
  const LoadResult before = load_content(earlier.content.string(), earlier_sink);
  if (before.io_error) {
    problem = {exit_usage_error,
               "--since \"" + earlier.info.ref +
                   "\": " + say("读不出较早版本的内容", "the earlier version cannot be read")};
    return std::nullopt;
  }
  result.earlier_errors = earlier_sink.error_count();
  DiffReport& report = result.report;
  report.before = earlier.info;
  report.after = {"folder", content_dir, content_version(content_dir, digests), {}, {}};
  if (const std::optional<GitVersion> head = git_head(content_dir))
    report.after.git_commit = head->commit;
  report.changes = diff_content(before.content, result.current);
  report.reprint = reprint_list(before.content, result.current, now, digests);
  return result;
}

}  // namespace hgj
