// `hgj publish`: the built site to where it is served, in publish_passes() order, by
// rsync (a folder, a server over SSH) or rclone (S3-compatible storage, WebDAV, …).
#include <algorithm>
#include <boost/program_options.hpp>
#include <filesystem>
#include <ostream>
#include <set>

#include "cli.h"
#include "hgj/language.h"
#include "hgj/loader.h"
#include "options.h"
#include "output_folder.h"
#include "publish_passes.h"
#include "run_tool.h"

namespace hgj {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

const char* tool_name(const PublishTarget& target) {
  return target.kind == TargetKind::rclone ? "rclone" : "rsync";
}

std::string not_installed(const PublishTarget& target) {
  const std::string tool = tool_name(target);
  return say("找不到 " + tool + "：请安装 Debian 软件包 " + tool + "（apt install " + tool + "）",
             "cannot find " + tool + ": install the Debian package " + tool + " (apt install " +
                 tool + ")");
}

// hgj deletes on the target what the site no longer has, so it only publishes into a
// folder that is empty, new, or one it published before (it holds the output's marker).
// False, after printing why, for anything else or a target that cannot be reached.
bool target_is_ours(const PublishTarget& target, std::ostream& err) {
  const ToolRun listing = run_tool(listing_command(target));
  if (!listing.found) {
    err << "hgj publish: " << not_installed(target) << '\n';
    return false;
  }
  if (listing.exit_code != 0) {
    const bool missing =
        target.kind == TargetKind::rclone
            ? listing.exit_code == 3  // rclone: directory not found
            : listing.errors.find("No such file or directory") != std::string::npos;
    if (missing) return true;  // made by the first pass
    err << tool_errors(target, listing.errors) << "hgj publish: "
        << say("发布目标 " + target.shown + " 无法访问（" + tool_name(target) + " 退出码 " +
                   std::to_string(listing.exit_code) + "），什么都没有改",
               "cannot reach the target " + target.shown + " (" + tool_name(target) +
                   " exit code " + std::to_string(listing.exit_code) + "); nothing changed")
        << '\n';
    return false;
  }
  const std::vector<std::string> names = listed_names(target, listing.output);
  if (names.empty() || std::find(names.begin(), names.end(), output_marker) != names.end())
    return true;
  // Some WebDAV servers (nginx's dav-ext) list no hidden file; asked by name, they answer.
  if (target.kind == TargetKind::rclone &&
      run_tool({"rclone", "lsjson", "--stat", target.location + "/" + output_marker}).exit_code ==
          0)
    return true;
  err << "hgj publish: "
      << say("发布目标 " + target.shown + " 里已有不是 hgj 发布的文件（如 " + names.front() +
                 "），hgj 不会覆盖或删除它们：请发布到一个空文件夹",
             "the target " + target.shown + " holds files hgj did not publish (such as " +
                 names.front() +
                 "); hgj neither overwrites nor deletes them: publish into an "
                 "empty folder")
      << '\n';
  return false;
}

struct Tally {
  std::size_t added = 0, updated = 0, uploaded = 0, deleted = 0;
  std::set<std::string> listed;  // a dry run's passes overlap on rclone; each file once

  void count(const FileChange& c, bool list, std::ostream& out) {
    const char* zh[] = {"新增", "更新", "上传", "删除"};
    const char* en[] = {"add", "update", "upload", "delete"};
    const auto kind = static_cast<std::size_t>(c.kind);
    if (!listed.insert(std::to_string(kind == 3) + c.path).second) return;
    (kind == 0 ? added : kind == 1 ? updated : kind == 2 ? uploaded : deleted) += 1;
    if (list) out << say(zh[kind], en[kind]) << ' ' << c.path << '\n';
  }
  std::string summary() const {
    std::string zh =
        "新增 " + std::to_string(added) + " 个文件，更新 " + std::to_string(updated) + " 个";
    std::string en = std::to_string(added) + " added, " + std::to_string(updated) + " updated";
    if (uploaded > 0) {
      zh += "，上传（新增或更新）" + std::to_string(uploaded) + " 个";
      en += ", " + std::to_string(uploaded) + " uploaded (new or changed)";
    }
    return say(zh + "，删除 " + std::to_string(deleted) + " 个",
               en + ", " + std::to_string(deleted) + " deleted");
  }
};

}  // namespace

int run_publish(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string content_dir, out_dir, to;
  bool dry_run = false;
  po::options_description options(
      "hgj publish [options]: send the built site to where it is served — changed files only, "
      "new files before the pages that link to them, removed files last");
  options.add_options()("content", po::value(&content_dir)->default_value("content"),
                        "content folder (its site.toml's [publish] target is used without --to)")(
      "out", po::value(&out_dir)->default_value("public"), "the built site to publish")(
      "to", po::value(&to),
      "target: a folder, user@host:/folder or ssh://user@host:port/folder (rsync over SSH), "
      "rclone:remote:path (rclone)")("dry-run,n", po::bool_switch(&dry_run),
                                     "list what would change, change nothing")("help,h",
                                                                               "show this help");
  po::variables_map vars;
  if (int code = parse_options(args, options, vars, out, err); code >= 0) return code;

  if (to.empty()) {
    DiagnosticSink sink;
    const std::optional<Site> site = load_site_settings(content_dir, sink);
    print_diagnostics(err, sink);
    if (!site || sink.error_count() > 0) {
      err << "hgj publish: "
          << say("site.toml 有错误，没有发布", "site.toml has errors; nothing published") << '\n';
      return site ? exit_content_error : exit_usage_error;
    }
    to = site->publish.target;
  }
  std::string why;
  const std::optional<PublishTarget> target = parse_publish_target(to, why);
  if (!target) {
    err << "hgj publish: " << why << '\n';
    return exit_usage_error;
  }
  // The built site is held still while it travels: a build meanwhile would swap it.
  std::unique_ptr<OutputLock> lock;
  if (int code = lock_output_early("publish", out_dir, err, lock); code >= 0) return code;
  if (!fs::is_directory(out_dir) || !is_hgj_output(out_dir)) {
    err << "hgj publish: "
        << say(out_dir + " 不是 hgj 生成的网站：请先运行 hgj build",
               out_dir + " is not a site hgj built: run hgj build first")
        << '\n';
    return exit_usage_error;
  }
  if (!target_is_ours(*target, err)) return exit_usage_error;
  const std::string source = resolve_output(out_dir).string();
  PassOptions pass_options{.dry_run = dry_run};
  if (target->kind == TargetKind::rclone) {
    const ToolRun features = run_tool(features_command(*target));
    pass_options.resend = features.exit_code != 0 || !remote_keeps_hashes(features.output);
    if (pass_options.resend) {
      out << "hgj publish: "
          << say(target->shown + " 不记录文件指纹（如普通 WebDAV），每次都要重传全部文件",
                 target->shown +
                     " keeps no file hashes (plain WebDAV, say): every file is sent "
                     "again each time")
          << '\n';
    }
  }
  const std::vector<PublishPass>& passes = publish_passes();
  Tally tally;
  for (std::size_t i = 0; i < passes.size(); ++i) {
    const PublishPass& pass = passes[i];
    const ToolRun run = run_tool(pass_command(pass, source, *target, pass_options));
    if (!run.found) {
      err << "hgj publish: " << not_installed(*target) << '\n';
      return exit_usage_error;
    }
    for (const FileChange& c :
         file_changes(*target, report_on_stderr(*target) ? run.errors : run.output))
      tally.count(c, dry_run, out);
    if (run.exit_code != 0) {
      err << tool_errors(*target, run.errors);
      const std::string step = std::to_string(i + 1) + "/" + std::to_string(passes.size());
      err << "hgj publish: "
          << say("发布到 " + target->shown + " 在第 " + step + " 步（" + pass.name_zh + "）中断（" +
                     tool_name(*target) + " 退出码 " + std::to_string(run.exit_code) +
                     "）。网站仍然完整可用：新页面要用的文件总是先传，旧文件最后才删；"
                     "问题解决后再运行一次 hgj publish 即可补完",
                 "publishing to " + target->shown + " stopped at step " + step + " (" +
                     pass.name_en + "; " + tool_name(*target) + " exit code " +
                     std::to_string(run.exit_code) +
                     "). The served site is still whole: files always travel before the pages "
                     "that link to them, and old files are deleted last; run hgj publish again "
                     "once the problem is solved to complete it")
          << '\n';
      return exit_usage_error;
    }
  }
  if (dry_run) {
    out << "hgj publish: "
        << say("试运行，发布到 " + target->shown + " 会：" + tally.summary() + "（什么都没有改）",
               "dry run, publishing to " + target->shown + " would: " + tally.summary() +
                   " (nothing changed)")
        << '\n';
  } else {
    out << "hgj publish: "
        << say("已发布到 " + target->shown + "：" + tally.summary(),
               "published to " + target->shown + ": " + tally.summary())
        << '\n';
  }
  return exit_ok;
}

}  // namespace hgj
