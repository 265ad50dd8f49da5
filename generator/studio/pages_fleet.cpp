// 触摸屏 (issue #24 item 3, "a page of the workbench"): `hgj fleet`'s table of every
// screen, read from the folder the screens report into (--fleet-status, as `hgj fleet
// --status`), and the screens waiting to be paired, each with a form to put it in a
// building: the row is written into screens.csv (screens_csv.h) as a version of its own.
// Each row shows the screen's last screenshot (served here, never from elsewhere) and a
// 截图 button that asks the screen for a new one, as `hgj fleet ask` does.
#include <algorithm>
#include <chrono>
#include <mutex>
#include <optional>

#include "fleet/fleet_output.h"
#include "fleet/fleet_table.h"
#include "fleet/fleet_thumbnail.h"
#include "fleet/published_bundle.h"
#include "fleet/screenshot_asks.h"
#include "hgj/language.h"
#include "hgj/pairing.h"
#include "output_folder.h"
#include "studio/content_repo.h"
#include "studio/form.h"
#include "studio/pages.h"
#include "studio/screens_csv.h"
#include "studio/studio.h"
#include "studio/when.h"

namespace hgj::studio {

namespace fs = std::filesystem;

namespace {

bool may_pair(const Visitor& visitor, const Building& b) {
  return visitor.communities.empty() ||
         std::find(visitor.communities.begin(), visitor.communities.end(), b.community) !=
             visitor.communities.end();
}

// The table as `hgj fleet` makes it, with the workbench's published bundle (what 发布
// built into --out) as the one screens should show. Throws std::runtime_error (a message
// for staff) when the status folder cannot be read.
FleetTable fleet_table(const Studio& studio, const Content& content) {
  const StudioOptions& o = studio.options();
  std::error_code ec;
  if (!fs::is_directory(o.fleet_status, ec))
    throw std::runtime_error(
        say("屏幕状态文件夹“" + o.fleet_status + "”不存在或不是文件夹：请检查 --fleet-status",
            "the screens' status folder \"" + o.fleet_status +
                "\" is missing or not a folder: check --fleet-status"));
  const StatusFolder folder = read_status_folder(o.fleet_status);
  Instant published = 0;
  try {
    std::string why;  // a damaged manifest: compared with nothing, as before any publication
    published = bundle_generated_at(resolve_output(o.out_dir) / "kiosk", why).value_or(0);
  } catch (const std::exception&) {
  }
  const Instant now = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  return make_fleet_table(content, folder, published, now,
                          static_cast<Instant>(default_silent_after_minutes * 60));
}

// The buildings `visitor` may put a screen in, community by community, as <optgroup>s.
std::string building_options(const Content& content, const Visitor& visitor, std::size_t& count) {
  std::string html;
  for (const Community& c : content.communities) {
    std::string group;
    for (const Building& b : content.buildings)
      if (b.community == c.id && may_pair(visitor, b)) {
        group += "<option value=\"" + h(b.id) + "\">" + h(b.name) + "（" + h(b.id) + "）</option>";
        ++count;
      }
    if (!group.empty()) html += "<optgroup label=\"" + h(c.name) + "\">" + group + "</optgroup>";
  }
  return html;
}

std::string waiting_section(const Studio& studio, const Content& content, const FleetTable& table,
                            const Visitor& visitor) {
  std::vector<const FleetRow*> waiting;
  for (const FleetRow& r : table.rows)
    if (waiting_to_pair(r)) waiting.push_back(&r);
  std::string html =
      "<h2>" +
      h(say("等待配对的屏幕（" + std::to_string(waiting.size()) + " 块）",
            "Screens waiting to be paired (" + std::to_string(waiting.size()) + ")")) +
      "</h2>\n";
  if (waiting.empty())
    return html + "<p>" +
           say("没有等待配对的屏幕。新屏幕第一次开机时显示一个配对码，并出现在这里。",
               "No screen is waiting. A new screen shows a pairing code when first started, and "
               "appears here.") +
           "</p>\n";
  html += "<p>" +
          say("核对屏幕上显示的配对码，选它所在的楼栋，点“配对”：工作台把它写进 "
              "screens.csv。发布之后，屏幕在下次同步时"
              "显示这栋楼。",
              "Check the code the screen shows, choose its building and press Pair: the workbench "
              "writes it into "
              "screens.csv. Once published, the screen shows that building at its next sync.") +
          "</p>\n";
  std::size_t count = 0;
  const std::string options = building_options(content, visitor, count);
  const std::string base = studio.content_head();
  int n = 0;
  for (const FleetRow* r : waiting) {
    const std::string code = pairing_code_display(pairing_code(r->screen));
    const std::string id = "pair-" + std::to_string(++n);
    html += "<section class=\"pair\" aria-labelledby=\"" + id + "-code\"><p class=\"code\" id=\"" +
            id + "-code\">" + h(say("配对码 ", "Code ")) + "<strong>" + h(code) +
            "</strong></p>\n<p>" + h(say("屏幕编号 ", "Screen id ")) + "<span class=\"version\">" +
            h(r->screen) + "</span><br>" +
            h(say("最后上报 ", "Last report ") +
              local_time_text(r->status->sent_at, content.site.timezone)) +
            "</p>\n";
    if (count == 0) {
      html += "<p>" +
              say("你的账号没有可以配对的楼栋。",
                  "Your account has no building to pair a screen with.") +
              "</p>";
    } else {
      html += "<form method=\"post\" action=\"/fleet/pair\" class=\"actions\">" +
              form_fields(visitor, base) + "<input type=\"hidden\" name=\"screen\" value=\"" +
              h(r->screen) + "\"><label for=\"" + id + "\">" + say("所在楼栋", "Building") +
              "</label><select id=\"" + id + "\" name=\"building\" required><option value=\"\">" +
              say("请选择楼栋", "Choose a building") + "</option>" + options + "</select><button>" +
              say("配对", "Pair") + "</button></form>";
    }
    html += "</section>\n";
  }
  return html;
}

}  // namespace

http::Response fleet_page(Studio& studio, const Visitor& visitor) {
  const Frame frame = studio.frame(say("触摸屏", "Screens"), Tab::fleet, visitor);
  if (studio.options().fleet_status.empty())
    return page_response(200, frame,
                         "<p class=\"notice\">" +
                             say("还没有设置屏幕状态文件夹，这里看不到触摸屏。启动工作台时加上 "
                                 "--fleet-status 文件夹，写触摸屏上报状态的"
                                 "那个文件夹（和 hgj fleet --status 相同，服务器上通常是 "
                                 "/var/www/hgj-status），例如：\n"
                                 "hgj studio --fleet-status /var/www/hgj-status",
                                 "The screens' status folder is not set, so no screen is shown "
                                 "here. Start the workbench with "
                                 "--fleet-status FOLDER, the folder the screens report into (as "
                                 "hgj fleet --status; on the server "
                                 "usually /var/www/hgj-status), for example:\nhgj studio "
                                 "--fleet-status /var/www/hgj-status") +
                             "</p>\n");
  const auto loaded = studio.load();
  FleetTable table;
  try {
    table = fleet_table(studio, loaded->result.content);
  } catch (const std::exception& e) {
    return page_response(200, frame, "<p class=\"notice bad\">" + h(e.what()) + "</p>\n");
  }
  std::string body;
  if (loaded->sink.error_count() > 0)
    body += "<p class=\"notice bad\">" +
            h(say("内容有 " + std::to_string(loaded->sink.error_count()) +
                      " 个错误，屏幕按能读出的 screens.csv 列出。",
                  "The content has " + std::to_string(loaded->sink.error_count()) +
                      " errors; screens are listed from what screens.csv could be read.")) +
            " <a href=\"/check\">" + say("查看问题", "See the problems") + "</a></p>\n";
  body += waiting_section(studio, loaded->result.content, table, visitor);
  body += "<h2>" + say("全部屏幕", "Every screen") + "</h2>\n";
  FleetHtmlHooks hooks;
  hooks.unknown_published =
      say("已发布的数据包：还没有从工作台发布过，不比较数据新旧",
          "published bundle: nothing was published from the workbench yet; bundles are "
          "not compared");
  // Served by the workbench itself (fleet_screenshot below): the page loads nothing else.
  hooks.thumbnail_src = [](const FleetRow& r) {
    return "/fleet/screenshot?screen=" + url_encode(r.screen);
  };
  hooks.screenshot_action = [&visitor](const FleetRow& r) {
    return "<form method=\"post\" action=\"/fleet/ask\"><input type=\"hidden\" name=\"csrf\" "
           "value=\"" +
           h(visitor.csrf) + "\"><input type=\"hidden\" name=\"screen\" value=\"" + h(r.screen) +
           "\"><button class=\"quiet\">" + h(say("截图", "Screenshot")) + "</button></form>";
  };
  body += fleet_table_html(table, hooks);
  return page_response(200, frame, body);
}

http::Response fleet_screenshot(Studio& studio, const http::Request& request,
                                const Visitor& visitor) {
  const Frame frame = studio.frame(say("触摸屏", "Screens"), Tab::fleet, visitor);
  const std::string screen = Form(request.query).get("screen");
  FleetTable table;
  try {
    if (studio.options().fleet_status.empty()) throw std::runtime_error("--fleet-status");
    table = fleet_table(studio, studio.load()->result.content);
  } catch (const std::exception& e) {
    return message_page(404, frame, say("没有截图", "No screenshot"), e.what());
  }
  const auto row = std::find_if(table.rows.begin(), table.rows.end(),
                                [&screen](const FleetRow& r) { return r.screen == screen; });
  if (row == table.rows.end() || !row->status || row->status->picture.empty())
    return message_page(
        404, frame, say("没有截图", "No screenshot"),
        say("这块屏幕还没有上传过截图。", "This screen has sent no screenshot yet."));
  std::string why;
  std::optional<std::string> jpeg = fleet_thumbnail_jpeg(row->status->picture, why);
  if (!jpeg)
    return message_page(500, frame, say("截图读不了", "The screenshot cannot be read"),
                        row->status->picture + ": " + why);
  http::Response r{200, "image/jpeg", std::move(*jpeg), {}};
  add_security_headers(r);
  return r;
}

http::Response fleet_ask(Studio& studio, const http::Request& request, const Visitor& visitor) {
  const Frame frame = studio.frame(say("触摸屏", "Screens"), Tab::fleet, visitor);
  const std::string screen = Form(request.body).get("screen");
  const StudioOptions& o = studio.options();
  if (o.fleet_status.empty())
    return message_page(400, frame, say("没有请求截图", "No screenshot asked"),
                        say("没有设置屏幕状态文件夹（--fleet-status）。",
                            "The status folder (--fleet-status) is not set."));
  std::optional<std::string> id;
  try {
    const FleetTable table = fleet_table(studio, studio.load()->result.content);
    id = reported_id(table, screen);
    if (id) ask_for_screenshots(o.fleet_status, {*id}, table.now);
  } catch (const std::exception& e) {
    return message_page(500, frame, say("没有请求截图", "No screenshot asked"), e.what());
  }
  if (!id)
    return message_page(404, frame, say("没有请求截图", "No screenshot asked"),
                        say("没有编号为“" + screen + "”的屏幕。",
                            "There is no screen with the id \"" + screen + "\"."));
  studio.log() << "hgj studio: " << say("请求截图 ", "screenshot asked of ") << *id << " ("
               << visitor.name << ")" << std::endl;
  return page_response(
      200, frame,
      "<p class=\"notice good\">" +
          h(say("已请求截图：屏幕 " + screen +
                    " 下次查看时上传一张截图（通常在半分钟内），之后在“触摸屏”页可以看到。",
                "Screenshot asked: screen " + screen +
                    " uploads one the next time it looks (usually within half a minute); it then "
                    "shows on the Screens page.")) +
          "</p>\n<div class=\"actions\"><a class=\"button\" href=\"/fleet\">" +
          say("回到触摸屏", "Back to the screens") + "</a></div>\n");
}

http::Response fleet_pair(Studio& studio, const http::Request& request, const Visitor& visitor) {
  const Frame frame = studio.frame(say("触摸屏", "Screens"), Tab::fleet, visitor);
  const Form form(request.body);
  const std::string screen = form.get("screen"), building_id = form.get("building");
  const std::lock_guard lock(studio.write_mutex());
  if (!studio.unchanged_since(form.get("base"))) return studio.conflict(visitor);
  const auto loaded = studio.load();
  const Content& content = loaded->result.content;
  const Building* building = content.building(building_id);
  if (building == nullptr)
    return message_page(
        400, frame, say("没有配对", "Not paired"),
        say("没有编号为“" + building_id + "”的在用楼栋：请在“触摸屏”页重新选择楼栋。",
            "There is no building in use with the id \"" + building_id +
                "\": choose the building again on the Screens page."));
  if (!may_pair(visitor, *building)) {
    const Community* c = content.community(building->community);
    const std::string community = c != nullptr ? c->name : building->community;
    return message_page(
        403, frame, say("没有配对", "Not paired"),
        say("楼栋“" + building->name + "”属于" + community +
                "，你的账号只能给自己社区的楼栋配对屏幕。",
            "Building \"" + building->name + "\" belongs to " + community +
                "; your account may pair screens only with its own communities' buildings."));
  }
  if (studio.options().fleet_status.empty())
    return message_page(400, frame, say("没有配对", "Not paired"),
                        say("没有设置屏幕状态文件夹（--fleet-status）。",
                            "The status folder (--fleet-status) is not set."));
  FleetTable table;
  try {
    table = fleet_table(studio, content);
  } catch (const std::exception& e) {
    return message_page(500, frame, say("没有配对", "Not paired"), e.what());
  }
  const bool waiting = std::any_of(
      table.rows.begin(), table.rows.end(),
      [&screen](const FleetRow& r) { return waiting_to_pair(r) && r.screen == screen; });
  if (!waiting)
    return message_page(
        409, frame, say("没有配对", "Not paired"),
        say("这块屏幕已经不在等待配对了（可能刚被别人配对，或者它不再上报）：请重新打开“触摸屏”页看"
            "看。",
            "This screen is no longer waiting to be paired (someone may just have paired it, or it "
            "stopped reporting): open the Screens page again."));
  const std::string code = pairing_code_display(pairing_code(screen));
  const StudioOptions& o = studio.options();
  try {
    ContentRepo repo(o.content_dir);
    repo.commit_outside_changes();
    add_screen_row(o.content_dir, code, building->id);
    repo.commit_all({visitor.name, {}},
                    "配对触摸屏 " + code + " → " + building->name + "（" + building->id + "）");
  } catch (const ScreensCsvProblem& e) {
    return message_page(409, frame, say("没有配对", "Not paired"), e.what());
  } catch (const GitProblem& e) {
    return message_page(
        500, frame, say("没有配对", "Not paired"),
        say("内容的历史记不下来：", "The content's history cannot be kept: ") + e.what());
  } catch (const std::exception& e) {
    return message_page(500, frame, say("没有配对", "Not paired"),
                        say("screens.csv 写不了：", "screens.csv cannot be written: ") + e.what());
  }
  studio.log() << "hgj studio: " << say("配对触摸屏 ", "paired screen ") << code << " → "
               << building->id << " (" << visitor.name << ")" << std::endl;
  return page_response(
      200, frame,
      "<p class=\"notice good\">" +
          h(say("已配对：配对码 " + code + " 的屏幕放在 " + building->name + "（" + building->id +
                    "），已写进 screens.csv。发布之后，这块屏幕在下次同步时显示这栋楼。",
                "Paired: the screen with code " + code + " is in " + building->name + " (" +
                    building->id +
                    "), written into screens.csv. Once published, the screen shows this building "
                    "at its next sync.")) +
          "</p>\n<div class=\"actions\"><a class=\"button\" href=\"/publish\">" +
          say("去发布", "Publish") + "</a><a class=\"button quiet\" href=\"/fleet\">" +
          say("回到触摸屏", "Back to the screens") + "</a></div>\n");
}

}  // namespace hgj::studio
