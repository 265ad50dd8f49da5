// `hgj fleet`: the status documents the screens PUT into the street's status folder
// (kiosk/status_report.h) → every screen of screens.csv, alive or silent since when,
// showing the published bundle or an older one → text, JSON or one HTML page; and
// `hgj fleet ask`, which asks screens for a screenshot.
#include <boost/program_options.hpp>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <ostream>

#include "cli.h"
#include "clock.h"
#include "fleet/fleet_output.h"
#include "fleet/fleet_table.h"
#include "fleet/published_bundle.h"
#include "fleet/screenshot_asks.h"
#include "hgj/files.h"
#include "hgj/language.h"
#include "hgj/loader.h"
#include "options.h"
#include "publish.h"

namespace hgj {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

// Where `hgj build` and `hgj bundle` put the bundle by default.
constexpr const char* default_bundle = "public/kiosk";

// The published bundle's generated_at: --bundle's manifest.json, else the default output's,
// else SOURCE_DATE_EPOCH (what the content would build as); 0 when none says.
Instant published_at(const std::string& bundle_dir, bool given, std::string& why) {
  const fs::path dir = given ? fs::path(bundle_dir) : fs::path(default_bundle);
  if (const std::optional<Instant> at = bundle_generated_at(dir, why)) return *at;
  if (!why.empty()) {
    why = "--bundle " + why;
    return 0;
  }
  if (given) {
    why = say(
        "--bundle \"" + bundle_dir + "\" 里没有 manifest.json：不是 hgj bundle 生成的数据包文件夹",
        "--bundle \"" + bundle_dir +
            "\" has no manifest.json: not a bundle folder hgj bundle made");
    return 0;
  }
  return std::getenv("SOURCE_DATE_EPOCH") ? build_time() : 0;
}

// Writes the page, replacing only a page hgj fleet wrote (never a file it did not write).
std::string write_page(const std::string& file, const std::string& html) {
  std::error_code ec;
  if (fs::exists(file, ec)) {
    const std::optional<std::string> old = read_whole_file(file);
    if (!fs::is_regular_file(file, ec) || !old || old->find(fleet_page_marker) == std::string::npos)
      return say(
          "--out \"" + file + "\" 已存在，且不是 hgj fleet 写的页面：没有覆盖，请换一个文件名",
          "--out \"" + file +
              "\" exists and is not a page hgj fleet wrote: left as it was; choose another name");
  }
  try {
    replace_file(file, html);
  } catch (const std::exception& e) {
    return "--out \"" + file + "\": " + e.what();
  }
  return {};
}

Instant wall_clock_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// --status given, and a folder on this machine rather than a URL: -1 to go on, else 2.
int check_status_dir(const std::string& status_dir, std::ostream& err) {
  if (status_dir.empty()) {
    err << "hgj fleet: "
        << say("请用 --status 指定屏幕上报状态的文件夹",
               "name the screens' status folder with --status")
        << '\n';
    return exit_usage_error;
  }
  if (status_dir.rfind("http://", 0) == 0 || status_dir.rfind("https://", 0) == 0) {
    err << "hgj fleet: "
        << say("--status 要写服务器上的文件夹（nginx 的状态文件夹，如 "
               "/var/www/hgj-status），不是网址",
               "--status takes the folder on the server (nginx's status folder, such as "
               "/var/www/hgj-status), not a URL")
        << '\n';
    return exit_usage_error;
  }
  return -1;
}

// `hgj fleet ask SCREEN…|--all --status DIR`: asks.json names the screens, each uploads a
// screenshot the next time it looks (every urgent_poll_seconds).
int run_fleet_ask(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string content_dir, status_dir;
  std::vector<std::string> names;
  bool all = false;
  po::options_description options(
      say("hgj fleet ask 屏幕…|--all --status 文件夹：请屏幕马上上传一张截图",
          "hgj fleet ask SCREEN...|--all --status DIR: ask screens for a screenshot now"));
  options.add_options()("status", po::value(&status_dir),
                        "the folder the screens PUT their status into (kiosk.toml [status] url)")(
      "content", po::value(&content_dir)->default_value("content"),
      "content folder (its screens.csv)")("all", po::bool_switch(&all),
                                          "every screen of screens.csv and every reporting one")(
      "help,h", "show this help");
  PositionalArguments positional{"fleet ask", {}, {}};
  positional.options.add_options()("screen", po::value(&names));
  positional.order.add("screen", -1);
  po::variables_map vars;
  if (const int code = parse_options(args, options, positional, vars, out, err); code >= 0)
    return code;
  if (const int code = check_status_dir(status_dir, err); code >= 0) return code;
  if (names.empty() == !all) {
    err << "hgj fleet ask: "
        << say("请写要截图的屏幕编号，或者 --all（两者选一）",
               "name the screens to ask, or --all (one or the other)")
        << '\n';
    return exit_usage_error;
  }
  DiagnosticSink sink;
  const LoadResult loaded = load_content(content_dir, sink);
  if (loaded.io_error) {
    print_diagnostics(err, sink);
    return exit_usage_error;
  }
  const Instant now = wall_clock_now();
  std::vector<std::string> ids;
  try {
    const FleetTable table =
        make_fleet_table(loaded.content, read_status_folder(status_dir), 0, now, 0);
    if (all)
      for (const FleetRow& r : table.rows) ids.push_back(r.status ? r.status->screen : r.screen);
    for (const std::string& name : names) {
      const std::optional<std::string> id = reported_id(table, name);
      if (!id) {
        err << "hgj fleet ask: "
            << say("不认识屏幕“" + name +
                       "”：screens.csv 里没有，也没有这个编号的状态上报；"
                       "什么也没有请求",
                   "no screen \"" + name +
                       "\": not in screens.csv and no status reported under that id; nothing "
                       "was asked")
            << '\n';
        return exit_usage_error;
      }
      ids.push_back(*id);
    }
    ask_for_screenshots(status_dir, ids, now);
  } catch (const std::exception& e) {
    err << "hgj fleet ask: " << e.what() << '\n';
    return exit_usage_error;
  }
  std::string list;
  for (const std::string& id : ids) list += (list.empty() ? "" : ", ") + id;
  out << say("已请求截图：" + list + "（屏幕下次查看时上传，通常在半分钟内）",
             "screenshot asked of: " + list +
                 " (each uploads one the next time it looks, usually within half a minute)")
      << '\n';
  return exit_ok;
}

}  // namespace

int run_fleet(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (!args.empty() && args[0] == "ask")
    return run_fleet_ask(std::vector<std::string>(args.begin() + 1, args.end()), out, err);
  std::string content_dir, status_dir, bundle_dir, page;
  bool as_json = false;
  double silent_after = default_silent_after_minutes;
  po::options_description options(
      "hgj fleet --status DIR [options]: every screen of screens.csv from the status the screens "
      "report");
  options.add_options()("status", po::value(&status_dir),
                        "the folder the screens PUT their status into (kiosk.toml [status] url)")(
      "content", po::value(&content_dir)->default_value("content"),
      "content folder (its screens.csv)")(
      "bundle", po::value(&bundle_dir),
      "the published bundle folder, to tell screens showing an older one (default: public/kiosk)")(
      "silent-after", po::value(&silent_after)->default_value(default_silent_after_minutes),
      "minutes without a report after which a screen counts as silent")(
      "json", po::bool_switch(&as_json), "print JSON instead of text")(
      "out", po::value(&page), "also write the table as one HTML page")("help,h", "show this help");
  po::variables_map vars;
  if (int code = parse_options(args, options, vars, out, err); code >= 0) return code;
  if (const int code = check_status_dir(status_dir, err); code >= 0) return code;
  if (!std::isfinite(silent_after) || silent_after <= 0 || silent_after > 525600) {
    err << "hgj fleet: "
        << say("--silent-after 要写大于 0 的分钟数",
               "--silent-after takes a number of minutes above 0")
        << '\n';
    return exit_usage_error;
  }

  DiagnosticSink sink;
  const LoadResult loaded = load_content(content_dir, sink);
  if (loaded.io_error) {
    print_diagnostics(err, sink);
    return exit_usage_error;
  }
  // A street with a typo in a notice still needs to see its screens.
  if (sink.error_count() > 0)
    err << "hgj fleet: "
        << say("内容有 " + std::to_string(sink.error_count()) +
                   " 个错误（见 hgj check），按能读出的 screens.csv 列出\n",
               "the content has " + std::to_string(sink.error_count()) +
                   " errors (see hgj check); listed from what screens.csv could be read\n");
  std::string why;
  Instant published = 0;
  try {
    published = published_at(bundle_dir, vars.count("bundle") > 0, why);
  } catch (const BadSourceDateEpoch& e) {
    why = e.what();
  }
  if (!why.empty()) {
    err << "hgj fleet: " << why << '\n';
    return exit_usage_error;
  }
  StatusFolder folder;
  try {
    folder = read_status_folder(status_dir);
  } catch (const std::exception& e) {
    err << "hgj fleet: " << e.what() << '\n';
    return exit_usage_error;
  }
  const Instant now = wall_clock_now();
  const FleetTable table = make_fleet_table(loaded.content, folder, published, now,
                                            static_cast<Instant>(std::llround(silent_after * 60)));
  out << (as_json ? fleet_json(table) : fleet_text(table));
  if (!page.empty()) {
    if (const std::string problem = write_page(page, fleet_html(table)); !problem.empty()) {
      err << "hgj fleet: " << problem << '\n';
      return exit_usage_error;
    }
    err << "hgj fleet: " << say("页面已写入 ", "page written to ") << page << '\n';
  }
  return exit_ok;
}

}  // namespace hgj
