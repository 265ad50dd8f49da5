// 检查: every problem `hgj check` finds, root cause first, each linked to the row or line
// it names; and the page that shows that row or line in its file (/source).
#include <filesystem>
#include <optional>

#include "hgj/files.h"
#include "hgj/language.h"
#include "studio/form.h"
#include "studio/pages.h"
#include "studio/studio.h"

namespace hgj::studio {

namespace fs = std::filesystem;

namespace {

// The content-relative name of a diagnostic's file (台账.xlsx[红管家], stewards.csv), or
// empty when it lies outside the content folder.
std::string relative_name(const std::string& file, const std::string& content_dir) {
  const std::string prefix = fs::path(content_dir).lexically_normal().generic_string();
  const std::string normal = fs::path(file).lexically_normal().generic_string();
  if (normal.starts_with(prefix + "/")) return normal.substr(prefix.size() + 1);
  return {};
}

std::string problem_item(const Diagnostic& d, const std::string& content_dir) {
  const bool error = d.severity == Severity::error;
  std::string where = d.where.file;
  if (d.where.line > 0) where += ":" + std::to_string(d.where.line);
  std::string item = "<li><span class=\"level " + std::string(error ? "error" : "warning") + "\">" +
                     (error ? say("错误", "error") : say("警告", "warning")) + "</span> ";
  const std::string name = relative_name(d.where.file, content_dir);
  if (!name.empty()) {
    std::string href = "/source?file=" + url_encode(name);
    if (d.where.line > 0)
      href += "&line=" + std::to_string(d.where.line) + "#line-" + std::to_string(d.where.line);
    item += "<a class=\"where\" href=\"" + h(href) + "\">" + h(where) + "</a>";
  } else {
    item += "<span class=\"where\">" + h(where) + "</span>";
  }
  item += "<br>" + h(d.message);
  if (d.folded > 0)
    item += "<br>" +
            h(say("另有 " + std::to_string(d.folded) + " 处问题由此引起，改好这一处后会一并消失",
                  std::to_string(d.folded) + " more problems follow from this one"));
  return item + "</li>\n";
}

// The table a diagnostic names by `name` (台账.xlsx[红管家] or stewards.csv), as read.
std::optional<LedgerTable> find_table(const std::string& content_dir, const std::string& name) {
  DiagnosticSink ignored;
  LedgerTables tables = read_ledger_tables(content_dir, ignored);
  for (LedgerTable& t : tables.tables)
    if (relative_name(t.path, content_dir) == name) return std::move(t);
  return std::nullopt;
}

std::string table_html(const LedgerTable& table, int marked) {
  std::string html = "<div class=\"scroll\" tabindex=\"0\"><table>\n";
  bool header = true;
  for (const CsvRow& row : table.rows.rows) {
    const bool mark = row.line <= marked && marked <= std::max(row.line, row.end_line);
    html += "<tr id=\"line-" + std::to_string(row.line) + "\"" +
            (mark ? " class=\"has-problem\"" : "") + ">";
    html +=
        (header ? "<th scope=\"col\">" : "<th scope=\"row\">") + std::to_string(row.line) + "</th>";
    for (const CsvCell& cell : row.cells)
      html +=
          (header ? "<th scope=\"col\">" : "<td>") + h(cell.value) + (header ? "</th>" : "</td>");
    html += "</tr>\n";
    header = false;
  }
  return html + "</table></div>\n";
}

std::string lines_html(const std::string& text, int marked) {
  std::string html = "<div class=\"scroll\" tabindex=\"0\"><table>\n";
  int n = 0;
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    if (end == text.size() && at == end && n > 0) break;
    ++n;
    html += "<tr id=\"line-" + std::to_string(n) + "\"" +
            (n == marked ? " class=\"has-problem\"" : "") + "><th scope=\"row\">" +
            std::to_string(n) + "</th><td><code>" + h(text.substr(at, end - at)) +
            "</code></td></tr>\n";
    at = end + 1;
  }
  return html + "</table></div>\n";
}

}  // namespace

std::string diagnostic_text(const DiagnosticSink& sink) {
  std::string text;
  for (const Diagnostic& d : sink.sorted()) text += (text.empty() ? "" : "\n") + format_heading(d);
  return text;
}

http::Response check_page(Studio& studio, const Visitor& visitor) {
  const auto loaded = studio.load();
  const DiagnosticSink& sink = loaded->sink;
  std::string body;
  if (sink.error_count() == 0 && sink.warning_count() == 0) {
    body += "<p class=\"notice good\">" +
            say("没有发现问题，可以发布。", "No problems: ready to publish.") + "</p>\n";
  } else {
    body += "<p class=\"notice" + std::string(sink.error_count() > 0 ? " bad" : "") + "\">" +
            h(say(std::to_string(sink.error_count()) + " 个错误、" +
                      std::to_string(sink.warning_count()) +
                      " 个警告。先看最上面的：它们往往是后面问题的根源。点位置可以看到那一行。",
                  std::to_string(sink.error_count()) + " errors, " +
                      std::to_string(sink.warning_count()) +
                      " warnings. Start at the top: those often cause the ones below. Follow a "
                      "place to see its row.")) +
            "</p>\n<ol class=\"problems\">\n";
    for (const Diagnostic& d : sink.sorted()) body += problem_item(d, studio.options().content_dir);
    body += "</ol>\n";
  }
  return page_response(200, studio.frame(say("检查", "Check"), Tab::check, visitor), body);
}

http::Response source_page(Studio& studio, const http::Request& request, const Visitor& visitor) {
  const Form query(request.query);
  const std::string name = query.get("file");
  int line = 0;
  try {
    line = query.has("line") ? std::stoi(query.get("line")) : 0;
  } catch (const std::exception&) {
  }
  const Frame frame = studio.frame(name, Tab::check, visitor);
  const std::string content_dir = studio.options().content_dir;
  const std::string back =
      "<p><a href=\"/check\">" + say("回到问题列表", "Back to the problems") + "</a></p>\n";
  if (name.find('[') != std::string::npos || name.ends_with(".csv") || name.ends_with(".CSV")) {
    if (std::optional<LedgerTable> table = find_table(content_dir, name))
      return page_response(200, frame, back + table_html(*table, line));
  } else if (!name.empty() && (name.ends_with(".md") || name.ends_with(".toml"))) {
    // Only a file inside the content folder, reached without leaving it.
    const fs::path root = fs::weakly_canonical(content_dir);
    const fs::path file = fs::weakly_canonical(root / fs::path(name));
    const fs::path inside = file.lexically_relative(root);
    if (!fs::path(name).is_absolute() && !inside.empty() && *inside.begin() != "..")
      if (const std::optional<std::string> text = read_whole_file(file))
        return page_response(200, frame, back + lines_html(*text, line));
  }
  return message_page(404, frame, say("找不到这个文件", "No such file"),
                      say("内容文件夹里没有“" + name + "”这个表格或文件。",
                          "The content folder has no table or file \"" + name + "\"."));
}

}  // namespace hgj::studio
