// 导入台账: an uploaded .xlsx or .csv is previewed — every row beside its problems, the
// columns no field is known for, what the import changes — before anything is written;
// accepted, it replaces the content's file and is one commit under the staff member's
// name. A column mapping confirmed here is remembered in site.toml.
#include <mutex>
#include <optional>
#include <set>

#include "diff/content_diff.h"
#include "hgj/files.h"
#include "hgj/language.h"
#include "studio/column_memory.h"
#include "studio/content_repo.h"
#include "studio/form.h"
#include "studio/ledger_import.h"
#include "studio/multipart.h"
#include "studio/pages.h"
#include "studio/studio.h"
#include "studio/upload_check.h"

namespace hgj::studio {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t clean_rows_shown = 200, problem_rows_shown = 1000;

fs::path staging_root(const Studio& studio) { return studio.options().state_dir / "imports"; }

std::string problems_html(const std::vector<ImportProblem>& problems) {
  std::string html = "<ul class=\"problems\">";
  for (const ImportProblem& p : problems) {
    const bool error = p.diagnostic.severity == Severity::error;
    html += "<li><span class=\"level " + std::string(error ? "error" : "warning") + "\">" +
            (error ? say("错误", "error") : say("警告", "warning")) + "</span> " + h(p.heading) +
            "</li>";
  }
  return html + "</ul>";
}

std::string table_html(const PreviewTable& t) {
  std::string html = "<h3>" + h(t.path) + "</h3>\n";
  if (!t.problems.empty()) html += problems_html(t.problems);
  std::size_t with_problems = 0;
  for (const PreviewRow& row : t.rows) with_problems += row.problems.empty() ? 0 : 1;
  html += "<p>" +
          h(say(std::to_string(t.rows.size()) + " 行，其中 " + std::to_string(with_problems) +
                    " 行有问题（标红）。",
                std::to_string(t.rows.size()) + " rows, " + std::to_string(with_problems) +
                    " with problems (in red).")) +
          "</p>\n<div class=\"scroll\" tabindex=\"0\"><table>\n<tr><th scope=\"col\">" +
          say("行", "Row") + "</th>";
  for (std::size_t i = 0; i < t.header.size(); ++i)
    if (i >= t.private_columns.size() || !t.private_columns[i])
      html += "<th scope=\"col\">" + h(t.header[i]) + "</th>";
  html += "<th scope=\"col\">" + say("问题", "Problems") + "</th></tr>\n";
  // A city's issue ledger has 100,000 rows: every row with a problem (up to a limit) and
  // the first clean ones are shown, the rest counted.
  std::size_t shown_clean = 0, shown_problems = 0, left_out = 0;
  for (const PreviewRow& row : t.rows) {
    std::size_t& shown = row.problems.empty() ? shown_clean : shown_problems;
    if (shown >= (row.problems.empty() ? clean_rows_shown : problem_rows_shown)) {
      ++left_out;
      continue;
    }
    ++shown;
    html += std::string("<tr") + (row.problems.empty() ? "" : " class=\"has-problem\"") +
            "><th scope=\"row\">" + std::to_string(row.line) + "</th>";
    for (std::size_t i = 0; i < t.header.size(); ++i) {
      if (i < t.private_columns.size() && t.private_columns[i]) continue;
      html += "<td>" + h(i < row.cells.size() ? row.cells[i] : std::string()) + "</td>";
    }
    html += "<td>";
    for (const ImportProblem& p : row.problems) html += "<p>" + h(p.diagnostic.message) + "</p>";
    html += "</td></tr>\n";
  }
  html += "</table></div>\n";
  if (left_out > 0)
    html += "<p>" +
            h(say("另有 " + std::to_string(left_out) + " 行没有列出（没有问题的行只列前 " +
                      std::to_string(clean_rows_shown) + " 行）。",
                  std::to_string(left_out) + " more rows not listed (only the first " +
                      std::to_string(clean_rows_shown) + " rows without problems are).")) +
            "</p>\n";
  return html;
}

// The communities an import changes (the street itself as ""), from the staged copy.
std::set<std::string> communities_changed(const fs::path& content_dir, const fs::path& staged) {
  DiagnosticSink a, b;
  const LoadResult before = load_content(content_dir.string(), a);
  const LoadResult after = load_content(staged.string(), b);
  std::set<std::string> ids;
  for (const CommunityChanges& g : diff_content(before.content, after.content).groups)
    ids.insert(g.id);
  return ids;
}

// Why `visitor` may not make this import (an editor touching another community), or "".
std::string outside_communities(const Studio& studio, const Visitor& visitor,
                                const ImportPreview& preview) {
  if (visitor.communities.empty()) return {};
  const std::set<std::string> allowed(visitor.communities.begin(), visitor.communities.end());
  for (const std::string& id : communities_changed(
           studio.options().content_dir, staging_root(studio) / preview.token / "content"))
    if (!allowed.contains(id))
      return id.empty() ? say("这次导入改动了全街道的设置，只有管全部社区的账号才能导入。",
                              "This import changes street-wide settings: only an account for every "
                              "community may import it.")
                        : say("这次导入改动了社区“" + id + "”，你的账号只能改自己负责的社区。",
                              "This import changes community \"" + id +
                                  "\"; your account may change only its own communities.");
  return {};
}

http::Response upload_form(Studio& studio, const Visitor& visitor, const std::string& problem,
                           int status) {
  std::string body;
  if (!problem.empty()) body += "<p class=\"notice bad\" role=\"alert\">" + h(problem) + "</p>\n";
  body += "<p>" +
          say("选一个 Excel 台账（.xlsx）或 CSV "
              "文件。导入前会先列出每一行和它的问题，以及导入后会改变什么；"
              "确认之前内容不会改变。",
              "Choose an Excel ledger (.xlsx) or a CSV file. Every row is shown with its problems, "
              "and what the "
              "import changes, before anything is written.") +
          "</p>\n<form method=\"post\" enctype=\"multipart/form-data\" action=\"/import?csrf=" +
          h(visitor.csrf) + "\" class=\"actions\">\n<label for=\"upload\">" +
          say("台账文件", "Ledger file") +
          "</label> <input id=\"upload\" type=\"file\" name=\"upload\" accept=\".xlsx,.csv\" "
          "required>\n<button>" +
          say("上传并预览", "Upload and preview") + "</button>\n</form>\n";
  return page_response(
      status, studio.frame(say("导入台账", "Import a ledger"), Tab::import, visitor), body);
}

}  // namespace

http::Response import_page(Studio& studio, const Visitor& visitor) {
  return upload_form(studio, visitor, {}, 200);
}

http::Response import_upload(Studio& studio, const http::Request& request, const Visitor& visitor) {
  const MultipartResult form = parse_multipart(request.header("content-type"), request.body);
  if (!form.ok()) return upload_form(studio, visitor, form.error, 400);
  const FormPart* file = form.find("upload");
  if (file == nullptr || !file->has_filename || file->filename.empty())
    return upload_form(studio, visitor, say("请先选一个文件。", "Choose a file first."), 400);
  try {
    discard_stale_imports(staging_root(studio), std::chrono::hours(24));
    const ImportPreview preview = stage_import(studio.options().content_dir, file->filename,
                                               file->data, staging_root(studio));
    return http::Response{303,
                          "text/plain; charset=utf-8",
                          "",
                          {{"Location", "/import/preview?token=" + preview.token}}};
  } catch (const ImportError& e) {
    return upload_form(studio, visitor, e.what(), 400);
  }
}

http::Response import_preview_page(Studio& studio, const http::Request& request,
                                   const Visitor& visitor) {
  const Frame frame = studio.frame(say("导入预览", "Import preview"), Tab::import, visitor);
  ImportPreview p;
  try {
    p = staged_preview(studio.options().content_dir, staging_root(studio),
                       Form(request.query).get("token"));
  } catch (const ImportError& e) {
    return upload_form(studio, visitor, e.what(), 404);
  }
  std::string body;
  for (const std::string& note : p.notes) body += "<p class=\"notice\">" + h(note) + "</p>\n";
  body += "<p>" +
          h(p.replaces ? say("导入后会替换内容里的 " + p.target + "。",
                             "The import replaces " + p.target + " in the content.")
                       : say("导入后会在内容里新建 " + p.target + "。",
                             "The import adds " + p.target + " to the content.")) +
          "</p>\n";
  for (const std::string& gone : p.superseded)
    body += "<p>" +
            h(say(gone + " 里的同一张表会被它取代（旧文件留在历史里）。",
                  gone + " holds the same table and is replaced by it (the old file stays in the "
                         "history).")) +
            "</p>\n";
  const bool accept = p.errors <= p.errors_before;
  const std::string counts =
      say(std::to_string(p.errors) + " 个错误、" + std::to_string(p.warnings) + " 个警告",
          std::to_string(p.errors) + " errors, " + std::to_string(p.warnings) + " warnings");
  if (p.errors == 0)
    body += "<p class=\"notice good\">" +
            h(say("导入后内容没有错误（" + counts + "）。",
                  "No errors after the import (" + counts + ").")) +
            "</p>\n";
  else if (accept)
    body += "<p class=\"notice\">" +
            h(say("导入后有 " + counts + "，和导入前一样多：可以导入，但发布前要改好。",
                  counts + " after the import, no more than before: it may be imported, "
                           "but they must be fixed before publishing.")) +
            "</p>\n";
  else
    body += "<p class=\"notice bad\">" +
            h(say("导入后会有 " + counts + "（导入前 " + std::to_string(p.errors_before) +
                      " 个错误）：请在 Excel 里改好标红的行，再重新上传。",
                  counts + " after the import (" + std::to_string(p.errors_before) +
                      " before): fix the rows in red in Excel, then upload again.")) +
            "</p>\n";

  // Columns no field is known for: chosen once, remembered in site.toml.
  bool unknown = false;
  for (const PreviewTable& t : p.tables) unknown = unknown || !t.unknown_columns.empty();
  if (unknown) {
    body += "<h2>" + say("认不出的列", "Columns not recognised") +
            "</h2>\n<form method=\"post\" action=\"/import/columns\">" +
            form_fields(visitor, studio.content_head()) +
            "<input type=\"hidden\" name=\"token\" value=\"" + h(p.token) + "\">\n";
    for (const PreviewTable& t : p.tables)
      for (const UnknownColumn& u : t.unknown_columns) {
        const std::string id = "col-" + t.collection + "-" + std::to_string(u.column);
        body += "<p><label for=\"" + h(id) + "\">" + h(t.path + "：" + u.header) +
                "</label> <select id=\"" + h(id) + "\" name=\"map\"><option value=\"\">" +
                say("不导入这一列", "Do not import") + "</option>";
        for (const FieldChoice& c : u.choices)
          body += "<option value=\"" + h(t.collection + "\t" + u.header + "\t" + c.key) + "\">" +
                  h(c.label) + "</option>";
        body += "</select></p>\n";
      }
    body += "<div class=\"actions\"><button>" +
            say("记住这些列，重新预览", "Remember these columns and preview again") +
            "</button></div></form>\n";
  }
  body += "<h2>" + say("导入后会改变什么", "What the import changes") + "</h2>\n";
  body += p.changes.empty() ? "<p>" + say("内容不会改变。", "Nothing changes.") + "</p>\n"
                            : sections_html(p.changes);
  body += sections_html(p.reprint);
  if (!p.problems.empty())
    body += "<h2>" + say("导入后的全部问题", "Every problem after the import") + "</h2>\n" +
            problems_html(p.problems);
  body += "<h2>" + say("逐行预览", "Row by row") + "</h2>\n";
  for (const PreviewTable& t : p.tables) body += table_html(t);
  body += "<div class=\"actions\">";
  if (accept)
    body += "<form method=\"post\" action=\"/import/accept\">" +
            form_fields(visitor, p.content_version) +
            "<input type=\"hidden\" name=\"token\" value=\"" + h(p.token) + "\"><button>" +
            say("导入", "Import") + "</button></form>";
  body += "<form method=\"post\" action=\"/import/discard\">" + form_fields(visitor, {}) +
          "<input type=\"hidden\" name=\"token\" value=\"" + h(p.token) +
          "\"><button class=\"quiet\">" + say("不导入", "Cancel") + "</button></form></div>\n";
  return page_response(200, frame, body);
}

http::Response import_columns(Studio& studio, const http::Request& request,
                              const Visitor& visitor) {
  const Form form(request.body);
  const std::string token = form.get("token");
  ImportPreview p;
  try {
    p = staged_preview(studio.options().content_dir, staging_root(studio), token);
    std::map<std::string, ColumnChoices> by_collection;
    for (const std::string& choice : form.all("map")) {
      const std::size_t a = choice.find('\t'), b = choice.find('\t', a + 1);
      if (a == std::string::npos || b == std::string::npos) continue;
      by_collection[choice.substr(0, a)][choice.substr(a + 1, b - a - 1)] = choice.substr(b + 1);
    }
    const std::lock_guard lock(studio.write_mutex());
    ContentRepo repo(studio.options().content_dir);
    repo.commit_outside_changes();
    for (const auto& [collection, choices] : by_collection)
      remember_columns(studio.options().content_dir, collection, choices);
    if (!by_collection.empty())
      repo.commit_all({visitor.name, {}},
                      say("记住台账的列：", "Remember ledger columns: ") + p.upload_name);
    const ImportPreview again =
        restage_import(studio.options().content_dir, staging_root(studio), token);
    return http::Response{303,
                          "text/plain; charset=utf-8",
                          "",
                          {{"Location", "/import/preview?token=" + again.token}}};
  } catch (const std::exception& e) {
    return message_page(400, studio.frame({}, Tab::import, visitor),
                        say("没有记住这些列", "Columns not remembered"), e.what());
  }
}

http::Response import_accept(Studio& studio, const http::Request& request, const Visitor& visitor) {
  const Form form(request.body);
  const std::string token = form.get("token");
  const Frame frame = studio.frame(say("导入台账", "Import a ledger"), Tab::import, visitor);
  const std::lock_guard lock(studio.write_mutex());
  ImportPreview p;
  try {
    p = staged_preview(studio.options().content_dir, staging_root(studio), token);
  } catch (const ImportError& e) {
    return upload_form(studio, visitor, e.what(), 404);
  }
  if (!studio.unchanged_since(form.get("base"))) return studio.conflict(visitor);
  if (const std::string why = outside_communities(studio, visitor, p); !why.empty())
    return message_page(403, frame, say("不能导入", "Not allowed"), why);
  try {
    ContentRepo repo(studio.options().content_dir);
    repo.commit_outside_changes();
    const AcceptResult done = accept_import(studio.options().content_dir, staging_root(studio),
                                            token, {.allow_errors = p.errors <= p.errors_before});
    repo.commit_all({visitor.name, {}},
                    say("导入 " + p.upload_name + "（写入 " + done.written + "）",
                        "Import " + p.upload_name + " (into " + done.written + ")"));
    studio.log() << "hgj studio: " << visitor.name << say(" 导入了 ", " imported ") << p.upload_name
                 << std::endl;
    std::string body = "<p class=\"notice good\">" +
                       h(say("已导入 " + p.upload_name + "，写入 " + done.written + "。",
                             "Imported " + p.upload_name + " into " + done.written + ".")) +
                       "</p>\n<div class=\"actions\"><a class=\"button\" href=\"/changes\">" +
                       say("审核变更", "Review the changes") +
                       "</a><a class=\"button quiet\" href=\"/history\">" +
                       say("查看历史", "History") + "</a></div>\n";
    return page_response(200, frame, body);
  } catch (const ImportError& e) {
    return message_page(409, frame, say("没有导入", "Not imported"), e.what());
  } catch (const GitProblem& e) {
    return message_page(500, frame,
                        say("导入了，但没有记进历史", "Imported, but not recorded in the history"),
                        e.what());
  }
}

http::Response import_discard(Studio& studio, const http::Request& request,
                              const Visitor& visitor) {
  discard_import(staging_root(studio), Form(request.body).get("token"));
  return upload_form(studio, visitor, {}, 200);
}

}  // namespace hgj::studio
