// 历史: every version of the content — imports, restores, edits made outside the workbench,
// publications (tags) — with who and when and the files changed; any earlier version can
// be restored, as a new version (nothing is rewritten or lost).
#include <algorithm>
#include <mutex>

#include "hgj/language.h"
#include "studio/content_repo.h"
#include "studio/form.h"
#include "studio/pages.h"
#include "studio/studio.h"
#include "studio/when.h"

namespace hgj::studio {

namespace {

constexpr std::size_t versions_shown = 200;

std::string file_line(const ChangedFile& f) {
  switch (f.kind) {
    case ChangedFile::Kind::added:
      return say("新增 ", "added ") + f.path;
    case ChangedFile::Kind::deleted:
      return say("删除 ", "removed ") + f.path;
    case ChangedFile::Kind::modified:
      break;
  }
  return say("修改 ", "changed ") + f.path;
}

}  // namespace

http::Response history_page(Studio& studio, const Visitor& visitor) {
  const Frame frame = studio.frame(say("历史", "History"), Tab::history, visitor);
  std::vector<Version> versions;
  try {
    const std::lock_guard lock(studio.write_mutex());
    ContentRepo repo(studio.options().content_dir);
    repo.commit_outside_changes();
    versions = repo.log(versions_shown);
  } catch (const GitProblem& e) {
    return message_page(500, frame, say("读不出历史", "The history cannot be read"), e.what());
  }
  const auto loaded = studio.load();
  const std::string& zone = loaded->result.content.site.timezone;
  const std::string base = studio.content_head();
  std::string body = "<p>" +
                     say("每次导入、恢复、发布和工作台外的改动都是一个版本。恢复一个早先的版本，也"
                         "只是再加一个新版本，"
                         "什么都不会丢。",
                         "Every import, restore, publication and edit outside the workbench is a "
                         "version. Restoring an "
                         "earlier one adds a new version: nothing is lost.") +
                     "</p>\n<div class=\"scroll\" tabindex=\"0\"><table>\n<tr><th scope=\"col\">" +
                     say("时间", "When") + "</th><th scope=\"col\">" + say("谁", "Who") +
                     "</th><th scope=\"col\">" + say("做了什么", "What") +
                     "</th><th scope=\"col\">" + say("改动的文件", "Files") +
                     "</th><th scope=\"col\"></th></tr>\n";
  bool newest = true;
  for (const Version& v : versions) {
    body += "<tr><td>" + h(local_time_text(v.time, zone)) + "<br><span class=\"version\">" +
            h(v.short_id) + "</span></td><td>" + h(v.author) + "</td><td>" + h(v.message);
    if (std::any_of(v.tags.begin(), v.tags.end(),
                    [](const std::string& t) { return t.starts_with("publication-"); }))
      body += "<br><strong>" + say("这个版本发布了", "Published") + "</strong>";
    body += "</td><td>";
    for (std::size_t i = 0; i < v.files.size() && i < 8; ++i)
      body += h(file_line(v.files[i])) + "<br>";
    if (v.files.size() > 8)
      body += h(say("等 " + std::to_string(v.files.size()) + " 个文件",
                    std::to_string(v.files.size()) + " files in all"));
    body += "</td><td>";
    if (!newest && visitor.publisher)
      body += "<form method=\"post\" action=\"/history/restore\">" + form_fields(visitor, base) +
              "<input type=\"hidden\" name=\"commit\" value=\"" + h(v.commit) +
              "\"><button class=\"quiet\">" + say("恢复到这个版本", "Restore this version") +
              "</button></form>";
    body += "</td></tr>\n";
    newest = false;
  }
  body += "</table></div>\n";
  return page_response(200, frame, body);
}

http::Response history_restore(Studio& studio, const http::Request& request,
                               const Visitor& visitor) {
  const Frame frame = studio.frame(say("历史", "History"), Tab::history, visitor);
  if (!visitor.publisher)
    return message_page(403, frame, say("不能恢复", "Not allowed"),
                        say("恢复会改动所有社区的内容，只有发布人可以恢复。",
                            "A restore changes every community: only publishers restore."));
  const Form form(request.body);
  const std::lock_guard lock(studio.write_mutex());
  if (!studio.unchanged_since(form.get("base"))) return studio.conflict(visitor);
  try {
    ContentRepo repo(studio.options().content_dir);
    const std::string head = repo.restore(form.get("commit"), {visitor.name, {}});
    studio.log() << "hgj studio: " << visitor.name << say(" 恢复了版本 ", " restored version ")
                 << form.get("commit").substr(0, 10) << std::endl;
    return page_response(200, frame,
                         "<p class=\"notice good\">" +
                             h(say("已恢复。现在的版本是 " + head.substr(0, 10) + "。",
                                   "Restored. The version now is " + head.substr(0, 10) + ".")) +
                             "</p>\n<div class=\"actions\"><a class=\"button\" href=\"/changes\">" +
                             say("审核变更", "Review the changes") +
                             "</a><a class=\"button quiet\" href=\"/history\">" +
                             say("回到历史", "Back to the history") + "</a></div>\n");
  } catch (const GitProblem& e) {
    return message_page(400, frame, say("没有恢复", "Not restored"), e.what());
  }
}

}  // namespace hgj::studio
