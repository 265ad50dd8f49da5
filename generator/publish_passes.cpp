#include "publish_passes.h"

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>

namespace hgj {

namespace {

// Files that link to others: pages, stylesheets, feeds, calendars, sitemaps, the search
// index and the kiosk's bundle.json. Everything else (photos, QR codes, PDFs, scripts,
// fonts) is linked to and goes first.
const std::vector<std::string> linking = {"*.html", "*.css",  "*.xml",        "*.atom",
                                          "*.ics",  "*.json", "*.webmanifest"};
// What kiosks fetch first and trust to list every other bundle file.
const std::string kiosk_manifest = "/kiosk/manifest.json";
// What kiosks poll between manifest polls: a change makes them sync at once, so it goes
// after the manifest, in a pass of its own (rclone sends a pass's files in parallel).
const std::string kiosk_urgent = "/kiosk/urgent.json";

std::vector<std::string> rules(const std::vector<std::string>& first, char sign,
                               const std::vector<std::string>& patterns, bool rest_out) {
  std::vector<std::string> out = first;
  for (const std::string& p : patterns) out.push_back(std::string(1, sign) + " " + p);
  if (rest_out) out.emplace_back("- *");
  return out;
}

std::string rsync_shell(const PublishTarget& target) {
  const char* configured = std::getenv("RSYNC_RSH");
  // BatchMode: a server that asks for a password fails at once instead of waiting for
  // someone at a terminal; ssh keeps the first value of an option, so the
  // operator's RSYNC_RSH still decides whatever it sets.
  std::string shell = configured != nullptr && *configured != '\0' ? configured : "ssh";
  shell += " -o BatchMode=yes -o ConnectTimeout=20";
  if (!target.ssh_port.empty()) shell += " -p " + target.ssh_port;
  return shell;
}

}  // namespace

const std::vector<PublishPass>& publish_passes() {
  static const std::vector<PublishPass> passes = {
      {"图片、PDF 等被链接的文件", "files pages link to (photos, PDFs, scripts)",
       rules({}, '-', linking, false), PublishPass::Files::all, false},
      {"新页面", "new pages",
       rules({"- " + kiosk_manifest, "- " + kiosk_urgent}, '+', linking, true),
       PublishPass::Files::new_only, false},
      {"改动的页面", "changed pages",
       rules({"- " + kiosk_manifest, "- " + kiosk_urgent}, '+', linking, true),
       PublishPass::Files::existing_only, false},
      {"大屏数据清单",
       "the kiosk manifest",
       {"+ " + kiosk_manifest, "- *"},
       PublishPass::Files::all,
       false},
      {"大屏紧急通知提示",
       "the kiosk's urgent notice list",
       {"+ " + kiosk_urgent, "- *"},
       PublishPass::Files::all,
       false},
      {"删除网站已不用的文件",
       "deleting what the site no longer has",
       {},
       PublishPass::Files::all,
       true},
  };
  return passes;
}

std::vector<std::string> pass_command(const PublishPass& pass, const std::string& source,
                                      const PublishTarget& target, PassOptions options) {
  const bool dry_run = options.dry_run;
  std::vector<std::string> cmd;
  if (target.kind == TargetKind::rclone) {
    cmd = {"rclone",         pass.delete_extra ? "sync" : "copy",
           source,           target.location,
           "--use-json-log", "-v",
           "--stats",        "0",
           "--checksum"};
    for (const std::string& rule : pass.rules) {
      cmd.emplace_back("--filter");
      cmd.push_back(rule);
    }
    // --checksum: by content where both sides keep hashes (S3, OSS, COS, MinIO); a remote
    // without them (plain WebDAV) would be compared by size alone, hence options.resend.
    // rclone's hasher overlay does not help there: its hashes lapse when the server
    // cannot keep a file's time. rclone has no "existing only": that pass sends the new pages
    // again, which the pass before already sent — nothing changes, and nothing is listed twice.
    if (pass.files == PublishPass::Files::new_only) cmd.emplace_back("--ignore-existing");
    // The deleting pass comes after every file was sent: it need not send them again.
    if (options.resend && !pass.delete_extra) cmd.emplace_back("--ignore-times");
    if (dry_run) cmd.emplace_back("--dry-run");
    return cmd;
  }
  // --checksum, not times: a rebuild rewrites files with new times, and only a changed
  // content should travel; without --times the target keeps each file's time (and so
  // its ETag) until its content changes.
  cmd = {"rsync",      "--recursive",       "--links",  "--safe-links",
         "--checksum", "--itemize-changes", "--mkpath", "--timeout=60"};
  if (!pass.rules.empty()) cmd.emplace_back("--filter=+ */");  // into every folder
  for (const std::string& rule : pass.rules) cmd.push_back("--filter=" + rule);
  if (pass.files == PublishPass::Files::new_only) cmd.emplace_back("--ignore-existing");
  if (pass.files == PublishPass::Files::existing_only) cmd.emplace_back("--existing");
  if (pass.delete_extra) cmd.emplace_back("--delete");
  if (dry_run) cmd.emplace_back("--dry-run");
  if (target.kind == TargetKind::ssh) {
    cmd.emplace_back("-e");
    cmd.push_back(rsync_shell(target));
  }
  cmd.push_back(source + "/");
  cmd.push_back(target.location + "/");
  return cmd;
}

std::vector<std::string> features_command(const PublishTarget& target) {
  return {"rclone", "backend", "features", target.location};
}

bool remote_keeps_hashes(const std::string& features_json) {
  const nlohmann::json f = nlohmann::json::parse(features_json, nullptr, false);
  return f.is_object() && f.contains("Hashes") && f["Hashes"].is_array() && !f["Hashes"].empty();
}

std::vector<std::string> listing_command(const PublishTarget& target) {
  if (target.kind == TargetKind::rclone)
    return {"rclone", "lsf", "--max-depth", "1", target.location};
  std::vector<std::string> cmd = {"rsync", "--list-only", "--timeout=60"};
  if (target.kind == TargetKind::ssh) {
    cmd.emplace_back("-e");
    cmd.push_back(rsync_shell(target));
  }
  cmd.push_back(target.location + "/");
  return cmd;
}

std::vector<std::string> listed_names(const PublishTarget& target, const std::string& output) {
  std::vector<std::string> names;
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    if (target.kind == TargetKind::rclone) {
      while (!line.empty() && line.back() == '/') line.pop_back();
      if (!line.empty()) names.push_back(line);
      continue;
    }
    // "-rw-r--r--          1,234 2026/12/07 05:00:00 name": the name after four fields.
    std::istringstream fields(line);
    std::string skip;
    for (int i = 0; i < 4; ++i) fields >> skip;
    std::string name;
    std::getline(fields >> std::ws, name);
    if (!name.empty() && name != ".") names.push_back(name);
  }
  return names;
}

bool report_on_stderr(const PublishTarget& target) { return target.kind == TargetKind::rclone; }

std::vector<FileChange> file_changes(const PublishTarget& target, const std::string& tool_output) {
  std::vector<FileChange> changes;
  std::istringstream lines(tool_output);
  std::string line;
  while (std::getline(lines, line)) {
    if (target.kind != TargetKind::rclone) {
      // "<f+++++++++ a.html" sent new (">f" on this machine), "<fc........ b.html" sent
      // changed, "*deleting   c.html"; folders and links are not files of the site.
      if (line.starts_with("*deleting ")) {
        const auto name = line.find_first_not_of(' ', 10);
        if (name != std::string::npos && !line.ends_with("/"))
          changes.push_back({FileChange::Kind::deleted, line.substr(name)});
      } else if (line.size() > 12 && (line[0] == '<' || line[0] == '>') && line[1] == 'f') {
        const bool added = line.compare(2, 9, "+++++++++") == 0;
        changes.push_back(
            {added ? FileChange::Kind::added : FileChange::Kind::updated, line.substr(12)});
      }
      continue;
    }
    const nlohmann::json entry = nlohmann::json::parse(line, nullptr, false);
    if (!entry.is_object() || !entry.contains("object") || !entry["object"].is_string()) continue;
    const std::string msg = entry.value("msg", "");
    const std::string path = entry["object"].get<std::string>();
    if (msg.starts_with("Copied (new)")) {
      changes.push_back({FileChange::Kind::added, path});
    } else if (msg.starts_with("Copied")) {
      changes.push_back({FileChange::Kind::updated, path});
    } else if (msg.starts_with("Skipped copy")) {
      changes.push_back({FileChange::Kind::uploaded, path});
    } else if (msg.starts_with("Deleted") || msg.starts_with("Skipped delete")) {
      changes.push_back({FileChange::Kind::deleted, path});
    }
  }
  return changes;
}

std::string tool_errors(const PublishTarget& target, const std::string& errors) {
  if (target.kind != TargetKind::rclone) return errors;
  std::string out;
  std::istringstream lines(errors);
  std::string line;
  while (std::getline(lines, line)) {
    const nlohmann::json entry = nlohmann::json::parse(line, nullptr, false);
    if (!entry.is_object()) {
      if (!line.empty()) out += line + "\n";
      continue;
    }
    if (entry.value("level", "") != "error") continue;
    const std::string object = entry.value("object", "");
    out += (object.empty() ? "" : object + ": ") + entry.value("msg", "") + "\n";
  }
  return out;
}

}  // namespace hgj
