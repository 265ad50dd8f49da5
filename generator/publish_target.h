// Where `hgj publish` sends a site: a folder, a server over SSH (rsync) or a remote of
// rclone (S3-compatible storage, WebDAV, …), written as --to or site.toml's
// [publish] target.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hgj {

enum class TargetKind { folder, ssh, rclone };

struct PublishTarget {
  TargetKind kind = TargetKind::folder;
  // What the tool is given: "/srv/www/hgj", "hgj@host:/srv/www/hgj", "oss:bucket/hgj".
  std::string location;
  std::string ssh_port;  // from ssh://host:PORT/…; empty: ssh's default
  std::string shown;     // as the user wrote it, for messages
};

// Reads a target:
//   /srv/www/hgj or ./site                  a folder on this machine
//   user@host:/srv/www/hgj                  rsync over SSH
//   ssh://user@host:2222/srv/www/hgj        the same with a port
//   rclone:remote:path                      a remote of rclone (rclone config)
// nullopt with `why` (in the run's language) for anything else.
std::optional<PublishTarget> parse_publish_target(std::string_view text, std::string& why);

}  // namespace hgj
