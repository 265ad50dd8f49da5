// 概览: what the content holds, whether it has problems, when it was last published and
// what waits for approval — each with the page that deals with it.
#include <optional>

#include "clock.h"
#include "diff/compare.h"
#include "diff/publication.h"
#include "hgj/language.h"
#include "studio/pages.h"
#include "studio/publication_log.h"
#include "studio/studio.h"
#include "studio/when.h"

namespace hgj::studio {

namespace {

std::string card(std::size_t figure, const std::string& label) {
  return "<li><span class=\"figure\">" + std::to_string(figure) + "</span>" + h(label) + "</li>\n";
}

std::size_t change_count(const ContentDiff& diff) {
  std::size_t n = 0;
  for (const CommunityChanges& g : diff.groups)
    n += g.changes.size() + static_cast<std::size_t>(g.issues.added + g.issues.removed +
                                                     g.issues.closed + g.issues.changed);
  return n;
}

}  // namespace

http::Response overview_page(Studio& studio, const Visitor& visitor) {
  const auto loaded = studio.load();
  const Content& c = loaded->result.content;
  const DiagnosticSink& sink = loaded->sink;
  std::string body;
  if (loaded->result.io_error) {
    body += "<p class=\"notice bad\">" +
            h(say("内容文件夹读不出来：", "The content folder cannot be read: ") +
              studio.options().content_dir) +
            "</p>\n";
    return page_response(200, studio.frame(say("概览", "Overview"), Tab::overview, visitor), body);
  }
  body += "<h2>" + say("内容", "Content") + "</h2>\n<ul class=\"cards\">\n";
  body += card(c.communities.size(), say("个社区", "communities"));
  body += card(c.grids.size(), say("个网格", "grids"));
  body += card(c.buildings.size(), say("个楼栋", "buildings"));
  body += card(c.stewards.size(), say("位在任红管家", "stewards serving"));
  body += card(c.issues.size(), say("条问题台账", "issues"));
  body += "</ul>\n";

  body += "<h2>" + say("检查", "Check") + "</h2>\n";
  if (sink.error_count() > 0)
    body += "<p class=\"notice bad\">" +
            h(say("有 " + std::to_string(sink.error_count()) + " 个错误、" +
                      std::to_string(sink.warning_count()) + " 个警告：改好错误之前不能发布。",
                  std::to_string(sink.error_count()) + " errors, " +
                      std::to_string(sink.warning_count()) +
                      " warnings: nothing can be published until the errors are fixed.")) +
            " <a href=\"/check\">" + say("查看问题", "See the problems") + "</a></p>\n";
  else if (sink.warning_count() > 0)
    body += "<p class=\"notice\">" +
            h(say("没有错误，有 " + std::to_string(sink.warning_count()) + " 个警告。",
                  "No errors, " + std::to_string(sink.warning_count()) + " warnings.")) +
            " <a href=\"/check\">" + say("查看警告", "See the warnings") + "</a></p>\n";
  else
    body += "<p class=\"notice good\">" + say("没有发现问题。", "No problems found.") + "</p>\n";

  body += "<h2>" + say("上次发布", "Last publication") + "</h2>\n";
  std::optional<Publication> last;
  try {
    last = last_publication(studio.options().out_dir);
  } catch (const std::exception&) {
  }
  const std::vector<PublicationEntry> log = read_publications(studio.options().state_dir);
  if (!last) {
    body += "<p>" + say("还没有发布过。", "Nothing has been published yet.") + "</p>\n";
  } else {
    std::string by;
    for (const PublicationEntry& e : log)
      if (e.published_at == last->published_at) by = e.by;
    body += "<p>" + h(local_time_text(last->published_at, c.site.timezone)) +
            (by.empty() ? std::string() : h(say("，由 " + by + " 发布", ", by " + by))) +
            say("，内容版本 ", ", content version ") + "<span class=\"version\">" +
            h(last->content_version) + "</span></p>\n";
  }

  body += "<h2>" + say("等待审核", "Waiting for approval") + "</h2>\n";
  if (sink.error_count() == 0 && last) {
    DiagnosticSink current_sink;
    CompareProblem problem;
    const std::optional<Comparison> compared =
        compare_versions(studio.options().content_dir, {}, studio.options().out_dir, build_time(),
                         current_sink, problem);
    if (compared) {
      const std::size_t n = change_count(compared->report.changes);
      body +=
          n == 0
              ? "<p>" +
                    say("和上次发布相比没有变化。", "Nothing changed since the last publication.") +
                    "</p>\n"
              : "<p>" +
                    h(say(
                        "和上次发布相比有 " + std::to_string(n) + " 处变化，要重印 " +
                            std::to_string(compared->report.reprint.boards.size()) + " 张公示牌、" +
                            std::to_string(compared->report.reprint.cards.size()) + " 张联户卡。",
                        std::to_string(n) + " changes since the last publication; " +
                            std::to_string(compared->report.reprint.boards.size()) +
                            " boards and " + std::to_string(compared->report.reprint.cards.size()) +
                            " card sheets to reprint.")) +
                    " <a href=\"/changes\">" + say("审核变更", "Review the changes") + "</a></p>\n";
    } else {
      body += "<p>" + h(problem.message) + "</p>\n";
    }
  } else if (!last) {
    body += "<p>" +
            say("第一次发布会公示全部内容。", "The first publication shows all of the content.") +
            " <a href=\"/publish\">" + say("去发布", "Publish") + "</a></p>\n";
  } else {
    body += "<p>" +
            say("先改好错误，才能看出要审核的变更。",
                "Fix the errors first; then the changes can be reviewed.") +
            "</p>\n";
  }
  body += "<div class=\"actions\"><a class=\"button\" href=\"/import\">" +
          say("导入台账", "Import a ledger") + "</a><a class=\"button quiet\" href=\"/print\">" +
          say("打印公示牌和联户卡", "Print boards and cards") + "</a></div>\n";
  return page_response(200, studio.frame(say("概览", "Overview"), Tab::overview, visitor), body);
}

}  // namespace hgj::studio
