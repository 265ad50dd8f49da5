// The workbench's pages, one file each (pages_*.cpp). Every handler gets the request
// already admitted by Studio (visitor known; for POST, CSRF token and origin checked).
#pragma once

#include "hgj/diagnostics.h"
#include "http/message.h"
#include "studio/page.h"

namespace hgj::studio {

class Studio;

// 概览: counts, problems, the last publication, what waits for approval.
http::Response overview_page(Studio& studio, const Visitor& visitor);
// 导入台账: upload, preview row by row, columns remembered, accept or cancel.
http::Response import_page(Studio& studio, const Visitor& visitor);
http::Response import_upload(Studio& studio, const http::Request& request, const Visitor& visitor);
http::Response import_preview_page(Studio& studio, const http::Request& request,
                                   const Visitor& visitor);
http::Response import_columns(Studio& studio, const http::Request& request, const Visitor& visitor);
http::Response import_accept(Studio& studio, const http::Request& request, const Visitor& visitor);
http::Response import_discard(Studio& studio, const http::Request& request, const Visitor& visitor);
// 检查: hgj check's problems, root cause first, each linked to its row or line.
http::Response check_page(Studio& studio, const Visitor& visitor);
// A content file with the row or line a problem names marked (/source?file=…&line=…).
http::Response source_page(Studio& studio, const http::Request& request, const Visitor& visitor);
// 变更: hgj diff against the last publication; the 审批单 as PDF.
http::Response changes_page(Studio& studio, const Visitor& visitor);
http::Response approval_download(Studio& studio, const Visitor& visitor);
// 预览: the site as it will be, and the boards and lobby screens of the buildings that changed.
http::Response preview_page(Studio& studio, const Visitor& visitor);
http::Response preview_file(Studio& studio, const http::Request& request, const Visitor& visitor);
// 发布: build and swap in, recorded; the reprint pack of the changed boards and cards.
http::Response publish_page(Studio& studio, const Visitor& visitor);
http::Response publish_now(Studio& studio, const http::Request& request, const Visitor& visitor);
http::Response reprint_download(Studio& studio, const Visitor& visitor);
// 打印: boards and cards of chosen communities or buildings, A3 or A4.
http::Response print_page(Studio& studio, const Visitor& visitor);
http::Response print_download(Studio& studio, const http::Request& request, const Visitor& visitor);

// 触摸屏: every screen from the status they report (hgj fleet's table), and a form to pair
// a screen waiting with its code: the row written into screens.csv as a new version.
http::Response fleet_page(Studio& studio, const Visitor& visitor);
http::Response fleet_pair(Studio& studio, const http::Request& request, const Visitor& visitor);
// The thumbnail of a screen's last screenshot (?screen=ID), a small JPEG.
http::Response fleet_screenshot(Studio& studio, const http::Request& request,
                                const Visitor& visitor);
// The 截图 button: asks the screen for a screenshot now (asks.json, as hgj fleet ask).
http::Response fleet_ask(Studio& studio, const http::Request& request, const Visitor& visitor);

// Every problem of a run, one heading each (for a page saying why something failed).
std::string diagnostic_text(const DiagnosticSink& sink);
// 历史: every version, who and when; an earlier one restored as a new version.
http::Response history_page(Studio& studio, const Visitor& visitor);
http::Response history_restore(Studio& studio, const http::Request& request,
                               const Visitor& visitor);

// A PDF to download under `name` (Content-Disposition with the UTF-8 name).
http::Response pdf_download(std::string bytes, const std::string& name);

}  // namespace hgj::studio
