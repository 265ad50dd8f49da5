// 预览: the site as it will be once published, built into the workbench's own folder
// (never the published output), and the 公示牌 of the buildings that changed since the
// last publication, laid out from the current content — and, when hgj-kiosk is at hand,
// what their lobby screens will show (kiosk_preview.h).
#include <chrono>
#include <optional>

#include "build_site.h"
#include "clock.h"
#include "diff/compare.h"
#include "diff/publication.h"
#include "hgj/bundle_signature.h"
#include "hgj/files.h"
#include "hgj/language.h"
#include "http/files.h"
#include "print/render_print.h"
#include "studio/pages.h"
#include "studio/studio.h"
#include "studio/whole_file.h"
#include "theme_folders.h"

namespace hgj::studio {

namespace fs = std::filesystem;

namespace {

fs::path preview_root(const Studio& studio) { return studio.options().state_dir / "preview"; }

// What the page shows of a preview, copied out of the state under its lock.
struct PreviewSnapshot {
  std::string problem;
  std::vector<KioskShot> kiosk;
};

std::string refresh_locked(Studio& studio);

// Brings the preview up to the content's version.
PreviewSnapshot refresh_preview(Studio& studio) {
  Studio::PreviewState& state = studio.preview_state();
  const std::lock_guard lock(state.mutex);
  refresh_locked(studio);
  return {state.problem, state.kiosk};
}

// The lobby screens of the changed buildings (the first max_kiosk_shots drawn, the others
// listed), from the bundle the preview build made.
std::vector<KioskShot> kiosk_shots(const Studio& studio, const Content& content,
                                   const std::vector<ReprintItem>& changed,
                                   const fs::path& trusted_key) {
  std::vector<KioskShot> drawn, listed;
  for (const ReprintItem& item : changed) {
    if (item.why == ReprintItem::Why::removed) continue;
    (drawn.size() < max_kiosk_shots ? drawn : listed)
        .push_back(KioskShot{item.building, item.name, {}, {}});
  }
  const Instant now = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const std::string at = daytime_at(content.site.timezone, now);
  if (!drawn.empty())
    drawn =
        take_kiosk_shots(studio.options().kiosk_program, preview_root(studio) / "site" / "kiosk",
                         trusted_key, at, std::move(drawn), preview_root(studio) / "kiosk");
  drawn.insert(drawn.end(), listed.begin(), listed.end());
  return drawn;
}

// Brings the preview up to the content's version (state.mutex held); the problem when it
// cannot.
std::string refresh_locked(Studio& studio) {
  Studio::PreviewState& state = studio.preview_state();
  const StudioOptions& o = studio.options();
  const std::string version = content_version(o.content_dir);
  if (version == state.version) return state.problem;
  state.version = version;
  state.problem.clear();
  state.kiosk.clear();
  std::error_code ec;
  fs::remove_all(preview_root(studio) / "kiosk", ec);

  BuildOptions b;
  b.content_dir = o.content_dir;
  b.out_dir = (preview_root(studio) / "site").string();
  b.theme = o.theme;
  b.themes_dir = o.themes_dir;
  b.print = false;  // the changed boards are laid out below, not the whole street's
  // The bundle the lobby screens are drawn from, signed with a key of this preview's own:
  // hgj-kiosk is told to trust it for the screenshots, and no screen anywhere knows it.
  const bool screens = !o.kiosk_program.empty();
  b.kiosk = screens;
  const fs::path preview_key = preview_root(studio) / "kiosk-preview.pub";
  if (screens) b.signing_key = generate_signing_key();
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
  const std::optional<Comparison> compared =
      compare_versions(o.content_dir, {}, o.out_dir, now, compare_sink, problem);
  fs::remove_all(preview_root(studio) / "print", ec);
  if (!compared) return {};
  if (screens) {
    try {
      write_whole_file(preview_key, public_key_text(b.signing_key->public_key), 0644);
      state.kiosk =
          kiosk_shots(studio, compared->current, compared->report.reprint.boards, preview_key);
    } catch (const std::exception& e) {
      state.problem = e.what();
      return state.problem;
    }
  }
  PrintOptions p;
  for (const ReprintItem& item : compared->report.reprint.boards)
    if (item.why != ReprintItem::Why::removed) p.buildings.push_back(item.building);
  if (p.buildings.empty()) return {};
  p.now = now;
  const Content& c = compared->current;
  p.theme_dir =
      theme_folder(o.theme.empty() ? c.site.theme : o.theme, o.themes_dir, o.content_dir).string();
  p.default_theme_dir = theme_folder("default", o.themes_dir, o.content_dir).string();
  DiagnosticSink print_sink;
  if (!render_print(c, p, preview_root(studio) / "print", print_sink))
    state.problem = diagnostic_text(print_sink);
  return state.problem;
}

// 有变化的楼栋的触摸屏: the pictures, linked to their full size; those not drawn by name.
std::string kiosk_section(const Studio& studio, const std::vector<KioskShot>& shots) {
  std::string html = "<h2 id=\"screens\">" +
                     say("有变化的楼栋的触摸屏", "Lobby screens of the buildings that changed") +
                     "</h2>\n";
  if (studio.options().kiosk_program.empty())
    return html + "<p>" +
           say("没有找到触摸屏程序 hgj-kiosk，这里看不到触摸屏的样子（装上 hgj-kiosk，或用 "
               "--kiosk-program 指定它）。",
               "hgj-kiosk (the lobby screen program) was not found, so the screens cannot be shown "
               "here (install "
               "hgj-kiosk, or name it with --kiosk-program).") +
           "</p>\n";
  if (shots.empty())
    return html + "<p>" +
           say("和上次发布相比，没有楼栋的触摸屏要变（或者还没有发布过）。",
               "No building's screen changes since the last publication (or nothing was published "
               "yet).") +
           "</p>\n";
  html += "<p>" +
          h(say("竖屏 " + std::to_string(kiosk_shot_width) + "×" +
                    std::to_string(kiosk_shot_height) + "，每栋楼的第一页；点图片看原大。",
                "Portrait " + std::to_string(kiosk_shot_width) + "×" +
                    std::to_string(kiosk_shot_height) +
                    ", each building's first slide; select a picture for its full size.")) +
          "</p>\n<ul class=\"shots\">\n";
  std::vector<std::string> rest;
  for (const KioskShot& s : shots) {
    if (!s.png.empty()) {
      const std::string src = "/preview/kiosk/" + h(s.png);
      html += "<li><a href=\"" + src + "\"><img src=\"" + src +
              "\" width=\"270\" height=\"480\" alt=\"" +
              h(say(s.name + "的触摸屏", "The screen of " + s.name)) + "\"></a><br>" + h(s.name) +
              "</li>\n";
    } else if (!s.problem.empty()) {
      html += "<li class=\"missing\">" + h(s.name) + "<br>" +
              h(say("没有画出来：", "not drawn: ") + s.problem) + "</li>\n";
    } else {
      rest.push_back(s.name);
    }
  }
  html += "</ul>\n";
  if (!rest.empty()) {
    std::string names;
    for (const std::string& n : rest) names += (names.empty() ? "" : say("、", ", ")) + n;
    html +=
        "<p>" +
        h(say("另有 " + std::to_string(rest.size()) + " 栋楼的触摸屏也有变化（这里只画前 " +
                  std::to_string(max_kiosk_shots) + " 栋）：" + names,
              std::to_string(rest.size()) + " more buildings' screens change too (only the first " +
                  std::to_string(max_kiosk_shots) + " are drawn here): " + names)) +
        "</p>\n";
  }
  return html;
}

}  // namespace

http::Response preview_page(Studio& studio, const Visitor& visitor) {
  const Frame frame = studio.frame(say("预览", "Preview"), Tab::preview, visitor);
  const PreviewSnapshot preview = refresh_preview(studio);
  const std::string& problem = preview.problem;
  if (!problem.empty())
    return page_response(200, frame,
                         "<p class=\"notice bad\">" +
                             say("预览没有生成：", "The preview could not be built: ") + "\n" +
                             h(problem) + "</p>\n<p><a href=\"/check\">" +
                             say("查看问题", "See the problems") + "</a></p>\n");
  std::string body = "<p>" +
                     say("这是发布后网站的样子（还没有公开）。",
                         "This is the site as it will be once published (not public yet).") +
                     " <a href=\"/preview/site/\" target=\"_blank\">" +
                     say("在新窗口打开", "Open in a new window") +
                     "</a></p>\n<iframe class=\"preview\" src=\"/preview/site/\" title=\"" +
                     say("网站预览", "Site preview") + "\"></iframe>\n<h2>" +
                     say("有变化的公示牌", "Boards that changed") + "</h2>\n";
  const fs::path boards = preview_root(studio) / "print" / "boards";
  std::vector<std::string> ids;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(boards, ec))
    if (entry.path().extension() == ".pdf") ids.push_back(entry.path().stem().string());
  std::sort(ids.begin(), ids.end());
  if (ids.empty()) {
    body += "<p>" +
            say("和上次发布相比，没有公示牌要变（或者还没有发布过）。",
                "No board changes since the last publication (or nothing was published yet).") +
            "</p>\n";
  } else {
    const auto loaded = studio.load();
    body += "<ul>\n";
    for (const std::string& id : ids) {
      const Building* b = loaded->result.content.building(id);
      body += "<li>" + h(b != nullptr ? b->name : id) + "：<a href=\"/preview/print/boards/" +
              h(id) + ".html\">" + say("网页版", "as a page") +
              "</a> · <a href=\"/preview/print/boards/" + h(id) + ".pdf\">PDF</a></li>\n";
    }
    body += "</ul>\n";
  }
  body += kiosk_section(studio, preview.kiosk);
  return page_response(200, frame, body);
}

http::Response preview_file(Studio& studio, const http::Request& request, const Visitor& visitor) {
  {
    const std::lock_guard lock(studio.preview_state().mutex);
    refresh_locked(studio);
  }
  const http::Resolved found =
      http::resolve_path(preview_root(studio), request.path.substr(std::string("/preview").size()));
  switch (found.status) {
    case 200:
      break;
    case 301:
      return {301, "text/plain; charset=utf-8", "", {{"Location", "/preview" + found.location}}};
    default:
      return message_page(found.status == 404 ? 404 : 400, studio.frame({}, Tab::preview, visitor),
                          say("预览里没有这个页面", "Not in the preview"), request.path);
  }
  std::optional<std::string> bytes = read_whole_file(found.file);
  if (!bytes)
    return message_page(404, studio.frame({}, Tab::preview, visitor),
                        say("预览里没有这个页面", "Not in the preview"), request.path);
  http::Response r{200, http::content_type(found.file), std::move(*bytes), {}};
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace hgj::studio
