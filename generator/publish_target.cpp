#include "publish_target.h"

#include <algorithm>
#include <cctype>

#include "hgj/language.h"

namespace hgj {

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

std::optional<PublishTarget> parse_publish_target(std::string_view text, std::string& why) {
  PublishTarget t;
  t.shown = std::string(text);
  while (text.size() > 1 && text.back() == '/') text.remove_suffix(1);
  if (text.empty()) {
    why = say("没有给出发布目标：用 --to 或 site.toml 的 [publish] target",
              "no target to publish to: give --to or site.toml's [publish] target");
    return std::nullopt;
  }
  if (text.starts_with("rclone:")) {
    text.remove_prefix(7);
    const auto colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      why = say("rclone 目标要写成 rclone:远程名:路径，例如 rclone:oss:hgj-site",
                "an rclone target is rclone:remote:path, e.g. rclone:oss:hgj-site");
      return std::nullopt;
    }
    t.kind = TargetKind::rclone;
    t.location = std::string(text);
    return t;
  }
  if (text.starts_with("ssh://")) {
    text.remove_prefix(6);
    const auto slash = text.find('/');
    std::string_view host = text.substr(0, slash);
    const std::string_view path = slash == std::string_view::npos ? "" : text.substr(slash);
    if (const auto colon = host.rfind(':'); colon != std::string_view::npos) {
      t.ssh_port = std::string(host.substr(colon + 1));
      host = host.substr(0, colon);
    }
    if (host.empty() || path.size() < 2 || (!t.ssh_port.empty() && !all_digits(t.ssh_port))) {
      why = say(
          "ssh 目标要写成 ssh://用户@主机:端口/文件夹，例如 ssh://hgj@10.0.0.5:2222/srv/www/hgj",
          "an ssh target is ssh://user@host:port/folder, e.g. ssh://hgj@10.0.0.5:2222/srv/www/hgj");
      return std::nullopt;
    }
    t.kind = TargetKind::ssh;
    t.location = std::string(host) + ":" + std::string(path);
    return t;
  }
  // rsync's own rule: a colon before the first slash names a host.
  const auto colon = text.find(':');
  if (colon != std::string_view::npos && colon < text.find('/')) {
    if (colon == 0 || colon + 1 == text.size()) {
      why = say("ssh 目标要写成 用户@主机:文件夹，例如 hgj@10.0.0.5:/srv/www/hgj",
                "an ssh target is user@host:folder, e.g. hgj@10.0.0.5:/srv/www/hgj");
      return std::nullopt;
    }
    t.kind = TargetKind::ssh;
    t.location = std::string(text);
    return t;
  }
  t.kind = TargetKind::folder;
  t.location = std::string(text);
  return t;
}

}  // namespace hgj
