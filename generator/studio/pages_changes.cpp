// 变更: what changed since the last publication, as `hgj diff` says it, grouped by
// community, with the boards and card sheets to reprint — and the 审批单 to print for the
// leaders who approve it.
#include <optional>

#include "clock.h"
#include "diff/approval_pdf.h"
#include "diff/compare.h"
#include "diff/reprint.h"
#include "hgj/language.h"
#include "studio/baseline.h"
#include "studio/pages.h"
#include "studio/studio.h"

namespace hgj::studio {

http::Response changes_page(Studio& studio, const Visitor& visitor) {
  const Frame frame = studio.frame(say("变更", "Changes"), Tab::changes, visitor);
  DiagnosticSink sink;
  CompareProblem problem;
  const Baseline base = baseline(studio);
  const std::optional<Comparison> compared =
      compare_versions(studio.options().content_dir, base.since, studio.options().out_dir,
                       build_time(), sink, problem);
  if (!compared) {
    const std::string text = problem.message.empty()
                                 ? say("内容有错误，先改好才能看出变更。",
                                       "The content has errors; fix them to see the changes.") +
                                       " <a href=\"/check\">" +
                                       say("查看问题", "See the problems") + "</a>"
                                 : h(problem.message);
    return page_response(200, frame, "<p class=\"notice bad\">" + text + "</p>\n");
  }
  const DiffReport& report = compared->report;
  std::string body =
      base.note.empty()
          ? "<p>" + h(say("对比基准：", "Compared with: ") + report.before.describe()) + "</p>\n"
          : "<p class=\"notice\">" + h(base.note) + "</p>\n";
  if (report.changes.empty()) {
    body += "<p class=\"notice good\">" +
            say("和上次发布相比，内容没有变化。", "Nothing changed since the last publication.") +
            "</p>\n";
  } else {
    body += "<h2>" + say("改了什么", "What changed") + "</h2>\n" +
            sections_html(change_sections(report.changes));
  }
  body += "<h2>" + say("要重印的", "To reprint") + "</h2>\n";
  const std::vector<ReportSection> reprint = reprint_sections(report.reprint);
  body += reprint.empty()
              ? "<p>" +
                    say("不用重印公示牌和联户卡。", "No board or card sheet needs reprinting.") +
                    "</p>\n"
              : sections_html(reprint);
  body += "<div class=\"actions\"><a class=\"button\" href=\"/changes/approval.pdf\">" +
          say("下载审批单（A4 PDF）", "Download the approval form (A4 PDF)") +
          "</a><a class=\"button quiet\" href=\"/preview\">" +
          say("预览网站和公示牌", "Preview the site and boards") + "</a></div>\n";
  return page_response(200, frame, body);
}

http::Response approval_download(Studio& studio, const Visitor& visitor) {
  const Instant now = build_time();
  DiagnosticSink sink;
  CompareProblem problem;
  const std::optional<Comparison> compared =
      compare_versions(studio.options().content_dir, baseline(studio).since,
                       studio.options().out_dir, now, sink, problem);
  if (!compared)
    return message_page(409, studio.frame({}, Tab::changes, visitor),
                        say("还不能打印审批单", "No approval form yet"),
                        problem.message.empty() ? say("内容有错误，先改好再打印审批单。",
                                                      "The content has errors; fix them first.")
                                                : problem.message);
  const Site& site = compared->current.site;
  return pdf_download(
      approval_pdf(compared->report, approval_place(site), print_day(compared->current, now), now),
      say("审批单", "approval") + "-" + compared->report.after.content_version + ".pdf");
}

}  // namespace hgj::studio
