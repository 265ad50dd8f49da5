// 打印: staff pick communities or buildings and the paper, and download one PDF of their
// 公示牌 or 联户卡 sheets — laid out afresh from the current content by the print stage.
#include <algorithm>
#include <optional>
#include <set>

#include "clock.h"
#include "hgj/files.h"
#include "hgj/language.h"
#include "print/pdf_merge.h"
#include "print/pdf_writer.h"
#include "print/render_print.h"
#include "studio/form.h"
#include "studio/pages.h"
#include "studio/studio.h"
#include "temp_folder.h"
#include "theme_folders.h"

namespace hgj::studio {

namespace fs = std::filesystem;

http::Response pdf_download(std::string bytes, const std::string& name) {
  http::Response r{200, "application/pdf", std::move(bytes), {}};
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"hgj.pdf\"; filename*=UTF-8''" + url_encode(name));
  add_security_headers(r);
  return r;
}

http::Response print_page(Studio& studio, const Visitor& visitor) {
  const Frame frame = studio.frame(say("打印", "Print"), Tab::print, visitor);
  const auto loaded = studio.load();
  const Content& c = loaded->result.content;
  if (loaded->result.io_error || loaded->sink.error_count() > 0)
    return page_response(200, frame,
                         "<p class=\"notice bad\">" +
                             say("内容有错误，先改好才能打印。",
                                 "The content has errors; fix them before printing.") +
                             " <a href=\"/check\">" + say("查看问题", "See the problems") +
                             "</a></p>\n");
  const std::string paper = c.site.print.paper;
  std::string body =
      "<form method=\"get\" action=\"/print/download\">\n<fieldset><legend>" +
      say("打印什么", "What") +
      "</legend>\n<label class=\"choice\"><input type=\"radio\" name=\"kind\" value=\"boards\" "
      "checked> " +
      say("公示牌", "Notice boards") +
      "</label><label class=\"choice\"><input type=\"radio\" name=\"kind\" value=\"cards\"> " +
      say("联户卡", "Contact cards") + "</label></fieldset>\n<fieldset><legend>" +
      say("纸张", "Paper") + "</legend>\n";
  for (const char* size : {"A3", "A4"})
    body += "<label class=\"choice\"><input type=\"radio\" name=\"paper\" value=\"" +
            std::string(size) + "\"" + (paper == size ? " checked" : "") + "> " + size + "</label>";
  body += "<p>" + say("联户卡总是 A4。", "Card sheets are always A4.") + "</p></fieldset>\n";
  for (const Community& community : c.communities) {
    body +=
        "<fieldset><legend><label class=\"choice\"><input type=\"checkbox\" name=\"c\" value=\"" +
        h(community.id) + "\"> " + h(community.name) +
        say("（整个社区）", " (the whole community)") + "</label></legend>\n";
    for (const Building* b : c.buildings_of_community(community.id))
      body += "<label class=\"choice\"><input type=\"checkbox\" name=\"b\" value=\"" + h(b->id) +
              "\"> " + h(b->name) + "</label>\n";
    body += "</fieldset>\n";
  }
  body += "<div class=\"actions\"><button>" + say("下载 PDF", "Download the PDF") +
          "</button></div>\n</form>\n";
  return page_response(200, frame, body);
}

http::Response print_download(Studio& studio, const http::Request& request,
                              const Visitor& visitor) {
  const Frame frame = studio.frame(say("打印", "Print"), Tab::print, visitor);
  const Form query(request.query);
  const auto loaded = studio.load();
  const Content& c = loaded->result.content;
  if (loaded->result.io_error || loaded->sink.error_count() > 0)
    return message_page(
        409, frame, say("还不能打印", "Cannot print yet"),
        say("内容有错误，先改好才能打印。", "The content has errors; fix them before printing."));
  const bool cards = query.get("kind") == "cards";
  std::string paper = query.get("paper");
  if (paper != "A3" && paper != "A4") paper.clear();

  // The chosen buildings, and every building of a chosen community, in the readers' order.
  std::set<std::string> chosen;
  for (const std::string& id : query.all("b"))
    if (c.building(id) != nullptr) chosen.insert(id);
  for (const std::string& id : query.all("c"))
    for (const Building* b : c.buildings_of_community(id)) chosen.insert(b->id);
  std::vector<std::string> ids;
  for (const Building& b : c.buildings)
    if (chosen.contains(b.id)) ids.push_back(b.id);
  if (ids.empty())
    return message_page(400, frame, say("没有选要打印的楼栋", "Nothing chosen"),
                        say("请至少勾选一个社区或楼栋，再下载。",
                            "Tick at least one community or building, then download."));

  const StudioOptions& o = studio.options();
  PrintOptions p;
  p.paper = paper;
  p.buildings = ids;
  p.now = build_time();
  p.theme_dir =
      theme_folder(o.theme.empty() ? c.site.theme : o.theme, o.themes_dir, o.content_dir).string();
  p.default_theme_dir = theme_folder("default", o.themes_dir, o.content_dir).string();
  TempFolder temp("hgj-studio-print");
  DiagnosticSink sink;
  if (!render_print(c, p, temp.path() / "print", sink))
    return message_page(500, frame, say("没有打印出来", "Printing failed"), diagnostic_text(sink));
  std::vector<std::string> files;
  for (const std::string& id : ids)
    if (std::optional<std::string> bytes =
            read_whole_file(temp.path() / "print" / (cards ? "cards" : "boards") / (id + ".pdf")))
      files.push_back(std::move(*bytes));
  if (files.empty())
    return message_page(404, frame, say("没有可打印的", "Nothing to print"),
                        say("选中的楼栋没有联户卡（还没有红管家）。",
                            "The chosen buildings have no card sheets (no stewards yet)."));
  std::vector<const std::string*> documents;
  for (const std::string& f : files) documents.push_back(&f);
  const std::string what = cards ? say("联户卡", "cards") : say("公示牌", "boards");
  return pdf_download(print::merge_pdfs(documents, {what, "hgj studio", p.now}),
                      what + "-" + std::to_string(ids.size()) + ".pdf");
}

}  // namespace hgj::studio
