// The order `hgj publish` sends a site in, so that a visitor never meets a broken link
// and a kiosk never a manifest whose files are not there yet: files before the pages and
// data that link to them, new pages before the changed pages that link to them, the kiosk
// manifest after everything it lists, deletions last. Each pass is one run of rsync or
// rclone; a run broken half-way leaves the served site whole, and the next publish
// completes it.
#pragma once

#include <string>
#include <vector>

#include "publish_target.h"

namespace hgj {

struct PublishPass {
  enum class Files { all, new_only, existing_only };
  const char* name_zh;
  const char* name_en;
  // Filter rules as rsync and rclone both read them ("+ *.html", "- *"), first match
  // wins; empty: every file.
  std::vector<std::string> rules;
  Files files = Files::all;
  bool delete_extra = false;  // remove from the target what the site no longer has
};

// The passes, in order: the one rule every target follows.
const std::vector<PublishPass>& publish_passes();

struct PassOptions {
  bool dry_run = false;
  // The target keeps neither hashes nor times rclone can compare (plain WebDAV): every
  // file of a sending pass travels again, as a changed file of the same size would
  // otherwise be skipped.
  bool resend = false;
};

// The command line of one pass from the built site `source` to `target`.
std::vector<std::string> pass_command(const PublishPass& pass, const std::string& source,
                                      const PublishTarget& target, PassOptions options);

// For an rclone target: the command that describes the remote (`rclone backend
// features`), and whether that description shows it keeps file hashes.
std::vector<std::string> features_command(const PublishTarget& target);
bool remote_keeps_hashes(const std::string& features_json);

// The command line that lists the target's top folder (to see whose it is); what it
// prints is read by listed_names().
std::vector<std::string> listing_command(const PublishTarget& target);
std::vector<std::string> listed_names(const PublishTarget& target, const std::string& output);

// What a pass did (or, in a dry run, would do) to one file, read from the tool's report.
struct FileChange {
  enum class Kind { added, updated, uploaded, deleted };  // uploaded: new or changed
  Kind kind;
  std::string path;
};
// Reads rsync's --itemize-changes (standard output) or rclone's JSON log (standard
// error); `tool_output` is the stream that holds it.
std::vector<FileChange> file_changes(const PublishTarget& target, const std::string& tool_output);
// The stream of a run that holds the report: standard output for rsync, standard error
// for rclone.
bool report_on_stderr(const PublishTarget& target);
// rclone's error lines out of its JSON log, as plain text; rsync's standard error as is.
std::string tool_errors(const PublishTarget& target, const std::string& errors);

}  // namespace hgj
