// 发布: allowed to publishers, and only with no errors. Builds the whole output and swaps
// it in (build_site: atomic, locked), records who published and when, and makes the
// reprint pack of the boards and card sheets that changed since the last publication.
#include <fstream>
#include <optional>
#include <sstream>

#include "build_site.h"
#include "clock.h"
#include "diff/publication.h"
#include "diff/reprint.h"
#include "hgj/files.h"
#include "hgj/language.h"
#include "options.h"
#include "output_folder.h"
#include "publish.h"
#include "signing_key.h"
#include "studio/content_repo.h"
#include "studio/form.h"
#include "studio/pages.h"
#include "studio/publication_log.h"
#include "studio/reprint_pack.h"
#include "studio/studio.h"
#include "studio/when.h"

namespace hgj::studio {

namespace fs = std::filesystem;

namespace {

std::string pack_link(const PublicationEntry& e) {
  if (e.reprint.empty()) return {};
  return "<a class=\"button\" href=\"/publish/reprint.pdf\">" +
         h(say("下载重印包（" + std::to_string(e.boards) + " 张公示牌、" + std::to_string(e.cards) +
                   " 张联户卡）",
               "Download the reprint pack (" + std::to_string(e.boards) + " boards, " +
                   std::to_string(e.cards) + " card sheets)")) +
         "</a>";
}

std::string file_stamp(const std::string& utc) {
  std::string s;
  for (const char c : utc)
    if (c != '-' && c != ':') s += c;
  return s;  // 20261207T050000Z
}

}  // namespace

http::Response publish_page(Studio& studio, const Visitor& visitor) {
  const Frame frame = studio.frame(say("发布", "Publish"), Tab::publish, visitor);
  const auto loaded = studio.load();
  std::string body;
  const std::vector<PublicationEntry> log = read_publications(studio.options().state_dir);
  if (!log.empty()) {
    const PublicationEntry& last = log.front();
    body += "<p>" +
            h(say("上次由工作台发布：" +
                      local_time_text(last.published_at, loaded->result.content.site.timezone) +
                      "，" + last.by,
                  "Last published from the workbench: " +
                      local_time_text(last.published_at, loaded->result.content.site.timezone) +
                      ", " + last.by)) +
            "</p>\n";
    if (const std::string link = pack_link(last); !link.empty())
      body += "<div class=\"actions\">" + link + "</div>\n";
  }
  if (!visitor.publisher) {
    body +=
        "<p class=\"notice\">" +
        say("只有发布人可以发布。你可以先审核变更、打印审批单。",
            "Only publishers publish. You can review the changes and print the approval form.") +
        "</p>\n";
  } else if (loaded->result.io_error || loaded->sink.error_count() > 0) {
    body += "<p class=\"notice bad\">" +
            h(say("内容有 " + std::to_string(loaded->sink.error_count()) +
                      " 个错误：改好之前不能发布。",
                  "The content has " + std::to_string(loaded->sink.error_count()) +
                      " errors: nothing can be published until they are fixed.")) +
            " <a href=\"/check\">" + say("查看问题", "See the problems") + "</a></p>\n";
  } else {
    body +=
        "<p>" +
        h(say("发布会重新生成网站、公示牌、联户卡和触摸屏数据，整体替换 " +
                  studio.options().out_dir +
                  "；失败时原来的内容保持不变。发布前请先在“变更”页审核，并打印审批单请领导签字。",
              "Publishing builds the site, boards, cards and kiosk data again and swaps them in "
              "for " +
                  studio.options().out_dir +
                  " as a whole; if it fails, what was there stays. Review the changes first and "
                  "have the "
                  "approval form signed.")) +
        "</p>\n<form method=\"post\" action=\"/publish\" class=\"actions\">" +
        form_fields(visitor, studio.content_head()) + "<button>" + say("发布", "Publish") +
        "</button></form>\n";
  }
  return page_response(200, frame, body);
}

http::Response publish_now(Studio& studio, const http::Request& request, const Visitor& visitor) {
  const Frame frame = studio.frame(say("发布", "Publish"), Tab::publish, visitor);
  if (!visitor.publisher)
    return message_page(403, frame, say("不能发布", "Not allowed"),
                        say("只有发布人可以发布。", "Only publishers publish."));
  const std::lock_guard lock(studio.write_mutex());
  if (!studio.unchanged_since(Form(request.body).get("base"))) return studio.conflict(visitor);

  const StudioOptions& o = studio.options();
  const Instant now = build_time();
  // Hand edits made since the last version are a version of their own; the publication
  // is tagged on the version it built.
  std::optional<ContentRepo> repo;
  std::string version;
  try {
    repo.emplace(o.content_dir);
    version = repo->commit_outside_changes();
  } catch (const GitProblem& e) {
    return message_page(
        500, frame, say("发布没有完成", "Not published"),
        say("内容的历史记不下来：", "The content's history cannot be kept: ") + e.what());
  }
  BuildOptions b;
  b.content_dir = o.content_dir;
  b.out_dir = o.out_dir;
  b.theme = o.theme;
  b.themes_dir = o.themes_dir;
  b.progress = false;
  std::ostringstream build_log;
  std::string why;
  b.signing_key = signing_key_for_build(o.signing_key_file, build_log, why);
  if (!b.signing_key)
    return message_page(500, frame, say("发布没有完成", "Not published"),
                        why + left_as_it_was(o.out_dir));
  DiagnosticSink sink;
  const BuildReport report = build_site(b, sink, build_log);
  if (report.exit_code != 0) {
    std::string text = !report.refused.empty()
                           ? report.refused
                           : diagnostic_summary(sink) + left_as_it_was(o.out_dir);
    return message_page(report.exit_code == 1 ? 409 : 500, frame,
                        say("发布没有完成", "Not published"), text);
  }

  PublicationEntry entry;
  std::optional<Publication> published;
  try {
    published = last_publication(o.out_dir);
  } catch (const std::exception&) {
  }
  entry.published_at = published ? published->published_at : std::string();
  entry.content_version = published ? published->content_version : content_version(o.content_dir);
  entry.commit = version;
  entry.by = visitor.name;
  std::string problem;
  try {
    repo->tag(version,
              "publication-" + file_stamp(entry.published_at) + "-" + version.substr(0, 10),
              "发布：" + visitor.name, {visitor.name, {}});
  } catch (const GitProblem& e) {
    problem = e.what();
  }
  // What the print shop must reprint: the build's own list (print/reprint.json), the
  // boards and card sheets whose printed content differs from the output it replaced,
  // the last publication (none before the first one: then everything is printed from 打印).
  const fs::path print_dir = resolve_output(o.out_dir) / "print";
  const std::optional<Reprint> reprint = read_reprint(print_dir);
  if (reprint) {
    try {
      const ReprintPack pack = make_reprint_pack(*reprint, print_dir, now);
      if (!pack.pdf.empty()) {
        fs::create_directories(reprint_folder(o.state_dir));
        entry.reprint = file_stamp(entry.published_at) + ".pdf";
        replace_file(reprint_folder(o.state_dir) / entry.reprint, pack.pdf);
        entry.boards = pack.boards;
        entry.cards = pack.cards;
      }
    } catch (const std::exception& e) {
      problem = e.what();
    }
  }
  try {
    append_publication(o.state_dir, entry);
  } catch (const std::exception& e) {
    problem = e.what();
  }
  studio.log() << "hgj studio: " << say("已发布，", "published by ") << visitor.name << " ("
               << entry.content_version << ")" << std::endl;

  std::string body = "<p class=\"notice good\">" +
                     h(say("已发布：" + std::to_string(report.pages) + " 个页面，内容版本 " +
                               entry.content_version + "。",
                           "Published: " + std::to_string(report.pages) +
                               " pages, content version " + entry.content_version + ".")) +
                     "</p>\n";
  if (!problem.empty()) body += "<p class=\"notice bad\">" + h(problem) + "</p>\n";
  body += "<div class=\"actions\">" + pack_link(entry) +
          "<a class=\"button quiet\" href=\"/print\">" +
          say("打印公示牌和联户卡", "Print boards and cards") + "</a></div>\n";
  if (!reprint)
    body += "<p>" +
            say("这是第一次发布：请在“打印”页下载全部公示牌和联户卡。",
                "This is the first publication: download every board and card sheet from Print.") +
            "</p>\n";
  else if (entry.reprint.empty())
    body += "<p>" +
            say("这次发布不用重印公示牌和联户卡。",
                "Nothing needs reprinting after this publication.") +
            "</p>\n";
  return page_response(200, frame, body);
}

http::Response reprint_download(Studio& studio, const Visitor& visitor) {
  const std::vector<PublicationEntry> log = read_publications(studio.options().state_dir);
  if (!log.empty() && !log.front().reprint.empty())
    if (std::optional<std::string> bytes =
            read_whole_file(reprint_folder(studio.options().state_dir) / log.front().reprint))
      return pdf_download(std::move(*bytes), say("重印包", "reprint") + "-" + log.front().reprint);
  return message_page(
      404, studio.frame({}, Tab::publish, visitor), say("没有重印包", "No reprint pack"),
      say("上次发布不用重印公示牌和联户卡。", "The last publication needed no reprint."));
}

}  // namespace hgj::studio
