// `hgj studio`: the browser workbench (studio/studio.h). On 127.0.0.1 it serves the
// person at this PC without a login and opens their browser; on any other address it
// requires accounts (`hgj studio user add`). SIGINT and SIGTERM stop it cleanly.
#include <arpa/inet.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <ostream>
#include <thread>

#include "cli.h"
#include "exit_code.h"
#include "hgj/language.h"
#include "http/server.h"
#include "ledger/starter_folder.h"
#include "options.h"
#include "studio/accounts.h"
#include "studio/content_repo.h"
#include "studio/kiosk_preview.h"
#include "studio/state_dir.h"
#include "studio/studio.h"
#include "studio/studio_user_command.h"

extern char** environ;

namespace hgj {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

struct Listen {
  std::string address;
  int port = 0;
};

// "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:8080"; nullopt when it is none of these.
std::optional<Listen> parse_listen(const std::string& text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 >= text.size()) return std::nullopt;
  std::string address = text.substr(0, colon);
  if (address.size() >= 2 && address.front() == '[' && address.back() == ']')
    address = address.substr(1, address.size() - 2);
  unsigned char buffer[16];
  if (inet_pton(AF_INET, address.c_str(), buffer) != 1 &&
      inet_pton(AF_INET6, address.c_str(), buffer) != 1)
    return std::nullopt;
  int port = 0;
  for (std::size_t i = colon + 1; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9' || port > 65535) return std::nullopt;
    port = port * 10 + (text[i] - '0');
  }
  if (port > 65535) return std::nullopt;
  return Listen{address, port};
}

bool loopback(const std::string& address) {
  return address.starts_with("127.") || address == "::1";
}

// The person at this PC, as commits name them: the account's full name, else its login.
std::string local_user() {
  if (const passwd* pw = ::getpwuid(::getuid())) {
    std::string gecos = pw->pw_gecos != nullptr ? pw->pw_gecos : "";
    gecos = gecos.substr(0, gecos.find(','));
    return gecos.empty() ? pw->pw_name : gecos;
  }
  return "hgj";
}

// The browser of the desktop this runs on, if there is one; nothing happens otherwise.
void open_browser(const std::string& url) {
  if (std::getenv("DISPLAY") == nullptr && std::getenv("WAYLAND_DISPLAY") == nullptr) return;
  pid_t pid = 0;
  const char* argv[] = {"xdg-open", url.c_str(), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  if (posix_spawnp(&pid, "xdg-open", &actions, nullptr, const_cast<char* const*>(argv), environ) ==
      0) {
    // Reaped by a thread of its own: ignoring SIGCHLD instead would take every later
    // child's exit status (the kiosk screenshots of 预览) with it.
    std::thread([pid] {
      while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
      }
    }).detach();
  }
  posix_spawn_file_actions_destroy(&actions);
}

int wait_for_signal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  int signal_number = 0;
  sigwait(&set, &signal_number);
  return signal_number;
}

}  // namespace

int run_studio(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (!args.empty() && args.front() == "user")
    return studio::run_studio_user({args.begin() + 1, args.end()}, out, err);
  studio::StudioOptions o;
  std::string listen_text, state, kiosk_program;
  bool no_browser = false, accounts = false, desktop = false;
  po::options_description options(
      "hgj studio [options]: the browser workbench — import, check, review changes, publish, "
      "print");
  options.add_options()("content", po::value(&o.content_dir)->default_value("content"),
                        "content folder")(
      "out", po::value(&o.out_dir)->default_value("public"),
      "the output folder 发布 builds into (as hgj build --out)")(
      "listen", po::value(&listen_text)->default_value("127.0.0.1:8340"),
      "address and port; any address but 127.0.0.1/::1 requires accounts (hgj studio user add)")(
      "state", po::value(&state),
      "the workbench's own folder: accounts, uploads, previews "
      "(default: $STATE_DIRECTORY, else ${XDG_STATE_HOME:-~/.local/state}/hgj/studio)")(
      "theme", po::value(&o.theme), "theme name under themes/, or a theme folder")(
      "themes-dir", po::value(&o.themes_dir), "where theme names are looked up")(
      "signing-key", po::value(&o.signing_key_file), "as hgj build --signing-key")(
      "fleet-status", po::value(&o.fleet_status),
      "the folder the screens report their status into (as hgj fleet --status): the 触摸屏 page")(
      "kiosk-program", po::value(&kiosk_program),
      "the hgj-kiosk 预览 draws the changed buildings' screens with (default: beside hgj, else on "
      "PATH)")("accounts", po::bool_switch(&accounts),
               "require sign-in even on 127.0.0.1 (behind a reverse proxy on the same machine)")(
      "behind-tls", po::bool_switch(&o.secure_cookies),
      "served through an HTTPS reverse proxy: cookies marked Secure")(
      "desktop", po::bool_switch(&desktop),
      "started from the desktop menu: content ~/红管家/content (made as hgj init does when "
      "missing), "
      "output ~/红管家/public, unless --content/--out say otherwise")(
      "no-browser", po::bool_switch(&no_browser), "do not open the browser")("help,h",
                                                                             "show this help");
  po::variables_map vars;
  if (int code = parse_options(args, options, vars, out, err); code >= 0) return code;

  if (desktop) {
    const char* home = std::getenv("HOME");
    const fs::path folder = fs::path(home != nullptr ? home : ".") / "红管家";
    if (vars["content"].defaulted()) o.content_dir = (folder / "content").string();
    if (vars["out"].defaulted()) o.out_dir = (folder / "public").string();
    std::error_code made;
    if (!fs::exists(o.content_dir, made)) {
      fs::create_directories(o.content_dir, made);
      if (const std::string why = write_starter_folder(o.content_dir); !why.empty()) {
        err << "hgj studio: " << why << '\n';
        return exit_usage_error;
      }
      out << "hgj studio: " << say("新建了内容文件夹 ", "made the content folder ") << o.content_dir
          << std::endl;
    }
  }
  const std::optional<Listen> listen = parse_listen(listen_text);
  if (!listen) {
    err << "hgj studio: --listen " << listen_text
        << say(" 看不懂：请写成 地址:端口，例如 127.0.0.1:8340 或 0.0.0.0:8340",
               " is not ADDRESS:PORT, e.g. 127.0.0.1:8340 or 0.0.0.0:8340")
        << '\n';
    return exit_usage_error;
  }
  if (o.fleet_status.starts_with("http://") || o.fleet_status.starts_with("https://")) {
    err << "hgj studio: "
        << say("--fleet-status 要写服务器上的文件夹（nginx 的状态文件夹，如 "
               "/var/www/hgj-status），不是网址",
               "--fleet-status takes the folder on the server (nginx's status folder, such as "
               "/var/www/hgj-status), "
               "not a URL")
        << '\n';
    return exit_usage_error;
  }
  {
    std::string why;
    o.kiosk_program = studio::find_kiosk_program(kiosk_program, why);
    if (!why.empty()) {
      err << "hgj studio: " << why << '\n';
      return exit_usage_error;
    }
  }
  std::error_code ec;
  if (!fs::is_regular_file(fs::path(o.content_dir) / "site.toml", ec)) {
    err << "hgj studio: " << o.content_dir
        << say(" 不是内容文件夹（里面没有 site.toml）：请用 --content 指向内容文件夹",
               " is not a content folder (it has no site.toml); see --content")
        << '\n';
    return exit_usage_error;
  }
  try {
    o.state_dir = studio::state_dir_path(state);
    studio::make_state_dir(o.state_dir);
  } catch (const std::exception& e) {
    err << "hgj studio: " << e.what() << '\n';
    return exit_usage_error;
  }
  o.accounts = accounts || !loopback(listen->address);
  o.local_user = local_user();
  if (o.accounts) {
    // Nobody could sign in: say how to make the first account instead of serving a
    // login page no password opens.
    try {
      if (studio::UserStore(o.state_dir).list().empty()) {
        err << "hgj studio: "
            << say("还没有账号，谁也登录不了。先建一个：hgj studio user add 名字 --role publisher "
                   "--state " +
                       o.state_dir.string(),
                   "there are no accounts yet, so nobody could sign in. Make one first: hgj studio "
                   "user add NAME "
                   "--role publisher --state " +
                       o.state_dir.string())
            << '\n';
        return exit_usage_error;
      }
    } catch (const std::exception& e) {
      err << "hgj studio: " << e.what() << '\n';
      return exit_usage_error;
    }
  }

  // Signals go to sigwait() below, in every thread the server starts.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  try {
    // The content as the workbench found it is the first version of its history (or the
    // next, recording edits made since it last ran): every later change can go back to it.
    try {
      studio::ContentRepo(o.content_dir).commit_outside_changes();
    } catch (const GitProblem& e) {
      err << "hgj studio: " << say("内容的历史记不下来：", "the content's history cannot be kept: ")
          << e.what() << '\n';
      return exit_usage_error;
    }
    studio::Studio studio(o, out);
    http::Routes routes;
    studio.add_routes(routes);
    http::ServerOptions server_options;
    server_options.address = listen->address;
    server_options.port = listen->port;
    server_options.limits.body_bytes =
        24 * 1024 * 1024;  // an upload of the largest ledger accepted, and its form
    server_options.limits.request_time = std::chrono::seconds(120);
    if (!o.accounts) server_options.hosts = {"127.0.0.1", "localhost", "::1", "[::1]"};
    http::Server server(server_options,
                        [&routes](const http::Request& r) { return routes.dispatch(r); });
    server.start();
    const std::string host = listen->address.find(':') != std::string::npos
                                 ? "[" + listen->address + "]"
                                 : listen->address;
    const std::string url = "http://" + host + ":" + std::to_string(server.port()) + "/";
    out << "hgj studio: " << url
        << say("（内容 " + o.content_dir + "，发布到 " + o.out_dir + "；按 Ctrl+C 停止）",
               " (content " + o.content_dir + ", publishing into " + o.out_dir +
                   "; Ctrl+C to stop)")
        << std::endl;
    if (!o.accounts && !no_browser) open_browser(url);
    wait_for_signal();
    server.stop();
  } catch (const std::system_error& e) {
    err << "hgj studio: " << e.what()
        << (e.code() == std::errc::address_in_use
                ? say("（端口被占用，请换一个 --listen 端口）", " (try another --listen port)")
                : std::string())
        << '\n';
    return exit_usage_error;
  } catch (const std::exception& e) {
    err << "hgj studio: " << e.what() << '\n';
    return exit_usage_error;
  }
  out << "hgj studio: " << say("已停止", "stopped") << std::endl;
  return exit_ok;
}

}  // namespace hgj
