// 预览: the site as it will be once published, built into the workbench's own folder
// (never the published output), and the 公示牌 of the buildings that changed since the
// last publication, laid out from the current content.
#include <optional>

#include "build_site.h"
#include "clock.h"
#include "diff/compare.h"
#include "diff/publication.h"
#include "hgj/files.h"
#include "hgj/language.h"
#include "http/files.h"
#include "print/render_print.h"
#include "studio/pages.h"
#include "studio/studio.h"
#include "theme_folders.h"

namespace hgj::studio {

namespace fs = std::filesystem;

namespace {

fs::path preview_root(const Studio& studio) { return studio.options().state_dir / "preview"; }

// Brings the preview up to the content's version; the problem when it cannot.
std::string refresh_preview(Studio& studio) {
  Studio::PreviewState& state = studio.preview_state();
  const std::lock_guard lock(state.mutex);
  const StudioOptions& o = studio.options();
  const std::string version = content_version(o.content_dir);
  if (version == state.version) return state.problem;
  state.version = version;
  state.problem.clear();

  BuildOptions b;
  b.content_dir = o.content_dir;
  b.out_dir = (preview_root(studio) / "site").string();
  b.theme = o.theme;
  b.themes_dir = o.themes_dir;
  b.print = false;  // the changed boards are laid out below, not the whole street's
  b.kiosk = false;
  b.progress = false;
  b.record_publication = false;
  std::ostringstream log;
  DiagnosticSink sink;
  const BuildReport report = build_site(b, sink, log);
  if (report.exit_code != 0) {
    state.problem = report.refused.empty() ? diagnostic_text(sink) : report.refused;
    return state.problem;
  }

  // The boards of the buildings that changed since the last publication (all of them
  // before the first one would be the whole street: then none here, 打印 has them).
  DiagnosticSink compare_sink;
  CompareProblem problem;
  const Instant now = build_time();
  const std::optional<Comparison> compared = compare_versions(o.content_dir, {}, o.out_dir, now, compare_sink, problem);
  std::error_code ec;
  fs::remove_all(preview_root(studio) / "print", ec);
  if (!compared) return {};
  PrintOptions p;
  for (const ReprintItem& item : compared->report.reprint.boards)
    if (item.why != ReprintItem::Why::removed) p.buildings.push_back(item.building);
  if (p.buildings.empty()) return {};
  p.now = now;
  const Content& c = compared->current;
  p.theme_dir = theme_folder(o.theme.empty() ? c.site.theme : o.theme, o.themes_dir, o.content_dir).string();
  p.default_theme_dir = theme_folder("default", o.themes_dir, o.content_dir).string();
  DiagnosticSink print_sink;
  if (!render_print(c, p, preview_root(studio) / "print", print_sink)) state.problem = diagnostic_text(print_sink);
  return state.problem;
}

}  // namespace

http::Response preview_page(Studio& studio, const Visitor& visitor) {
  const Frame frame = studio.frame(say("预览", "Preview"), Tab::preview, visitor);
  const std::string problem = refresh_preview(studio);
  if (!problem.empty())
    return page_response(200, frame,
                         "<p class=\"notice bad\">" + say("预览没有生成：", "The preview could not be built: ") + "\n" +
                             h(problem) + "</p>\n<p><a href=\"/check\">" + say("查看问题", "See the problems") + "</a></p>\n");
  std::string body = "<p>" +
                     say("这是发布后网站的样子（还没有公开）。", "This is the site as it will be once published (not public yet).") +
                     " <a href=\"/preview/site/\" target=\"_blank\">" + say("在新窗口打开", "Open in a new window") +
                     "</a></p>\n<iframe class=\"preview\" src=\"/preview/site/\" title=\"" + say("网站预览", "Site preview") +
                     "\"></iframe>\n<h2>" + say("有变化的公示牌", "Boards that changed") + "</h2>\n";
  const fs::path boards = preview_root(studio) / "print" / "boards";
  std::vector<std::string> ids;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(boards, ec))
    if (entry.path().extension() == ".pdf") ids.push_back(entry.path().stem().string());
  std::sort(ids.begin(), ids.end());
  if (ids.empty()) {
    body += "<p>" + say("和上次发布相比，没有公示牌要变（或者还没有发布过）。",
                        "No board changes since the last publication (or nothing was published yet).") + "</p>\n";
  } else {
    const auto loaded = studio.load();
    body += "<ul>\n";
    for (const std::string& id : ids) {
      const Building* b = loaded->result.content.building(id);
      body += "<li>" + h(b != nullptr ? b->name : id) + "：<a href=\"/preview/print/boards/" + h(id) + ".html\">" +
              say("网页版", "as a page") + "</a> · <a href=\"/preview/print/boards/" + h(id) + ".pdf\">PDF</a></li>\n";
    }
    body += "</ul>\n";
  }
  return page_response(200, frame, body);
}

http::Response preview_file(Studio& studio, const http::Request& request, const Visitor& visitor) {
  refresh_preview(studio);
  const http::Resolved found = http::resolve_path(preview_root(studio), request.path.substr(std::string("/preview").size()));
  switch (found.status) {
    case 200: break;
    case 301: return {301, "text/plain; charset=utf-8", "", {{"Location", "/preview" + found.location}}};
    default:
      return message_page(found.status == 404 ? 404 : 400, studio.frame({}, Tab::preview, visitor),
                          say("预览里没有这个页面", "Not in the preview"), request.path);
  }
  std::optional<std::string> bytes = read_whole_file(found.file);
  if (!bytes) return message_page(404, studio.frame({}, Tab::preview, visitor), say("预览里没有这个页面", "Not in the preview"), request.path);
  http::Response r{200, http::content_type(found.file), std::move(*bytes), {}};
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace hgj::studio
