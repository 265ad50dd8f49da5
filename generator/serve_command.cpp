// `hgj serve`: build, serve the output on 127.0.0.1, rebuild when content or theme
// change, reload open pages. SIGINT and SIGTERM stop it cleanly (exit 0).
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <filesystem>
#include <optional>
#include <ostream>

#include "cli.h"
#include "hgj/language.h"
#include "http/server.h"
#include "options.h"
#include "output_folder.h"
#include "serve/preview.h"
#include "serve/watcher.h"
#include "theme_folders.h"

namespace hgj {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

constexpr std::chrono::milliseconds quiet_period{
    100};  // a save is often several events, within a few ms
constexpr std::chrono::seconds longest_debounce{2};  // … but a steady stream must not starve

// SIGINT and SIGTERM arrive on a file descriptor instead of interrupting anything. The
// mask is set before any thread starts, so every thread inherits it.
class Signals {
 public:
  Signals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, &previous_);
    fd_ = ::signalfd(-1, &set_, SFD_CLOEXEC | SFD_NONBLOCK);
  }
  ~Signals() {
    ::close(fd_);
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  int fd() const { return fd_; }

 private:
  sigset_t set_, previous_;
  int fd_ = -1;
};

// The folders a theme may come from (theme_folders.h), to watch for edits.
std::vector<fs::path> theme_folders(const BuildOptions& o) {
  std::vector<fs::path> folders = theme_search_path(o.themes_dir, o.content_dir);
  if (!o.theme.empty() && is_theme_path(o.theme)) folders.push_back(o.theme);
  return folders;
}

// A temporary folder for the output when --out is not given, removed on exit: the
// preview's localhost links must never end up in public/.
class TempOutput {
 public:
  TempOutput() {
    std::string pattern = (fs::temp_directory_path() / "hgj-serve-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
      throw fs::filesystem_error("mkdtemp", std::error_code(errno, std::generic_category()));
    dir_ = pattern;
  }
  ~TempOutput() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path out() const { return dir_ / "public"; }

 private:
  fs::path dir_;
};

// "content/stewards/HF-001.md and 2 more": a file that still exists first, not the
// temporary file an editor saved through.
std::string describe(const std::vector<fs::path>& changed) {
  std::error_code ec;
  auto shown = std::find_if(changed.begin(), changed.end(),
                            [&](const fs::path& p) { return fs::is_regular_file(p, ec); });
  if (shown == changed.end()) shown = changed.begin();
  const fs::path relative = shown->lexically_proximate(fs::current_path());
  std::string text =
      (relative.empty() || *relative.begin() == ".." ? *shown : relative).generic_string();
  if (changed.size() > 1) text += " and " + std::to_string(changed.size() - 1) + " more";
  return text;
}

// What a preview holds, torn down in an order that cannot hang: waiting pages are
// released before the server joins their threads, the server stops before the preview
// it calls goes away, and the temporary output goes last.
struct Session {
  std::optional<TempOutput> temp;
  std::optional<serve::Preview> preview;
  http::Routes routes;
  std::optional<http::Server> server;
  ~Session() {
    if (preview) preview->live().stop();
    server.reset();
  }
};

enum class Wake { signal, changes };

// Waits for a signal or for changes, then lets a burst of changes settle.
Wake next_wake(serve::Watcher& watcher, int signal_fd, std::vector<fs::path>& changed) {
  pollfd fds[2] = {{signal_fd, POLLIN, 0}, {watcher.fd(), POLLIN, 0}};
  std::optional<std::chrono::steady_clock::time_point> give_up;
  for (;;) {
    const int timeout = give_up ? static_cast<int>(quiet_period.count()) : -1;
    const int ready = ::poll(fds, 2, timeout);
    if (ready < 0 && errno == EINTR) continue;
    if ((fds[0].revents & POLLIN) != 0) {
      // Consumed here, or it would still be pending when the mask is restored.
      signalfd_siginfo info;
      [[maybe_unused]] const auto n = ::read(signal_fd, &info, sizeof info);
      return Wake::signal;
    }
    if (ready == 0 || (give_up && std::chrono::steady_clock::now() > *give_up))
      return Wake::changes;
    std::vector<fs::path> more = watcher.read_changes();
    changed.insert(changed.end(), more.begin(), more.end());
    if (!changed.empty() && !give_up) give_up = std::chrono::steady_clock::now() + longest_debounce;
  }
}

}  // namespace

int run_serve(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  BuildOptions o;
  o.record_publication = false;  // a preview, not a publication (hgj diff compares with those)
  std::string out_dir;
  int port = 1313;
  po::options_description options(
      "hgj serve [options]: build, serve on 127.0.0.1, rebuild and reload on every change");
  options.add_options()("content", po::value(&o.content_dir)->default_value("content"),
                        "content folder")(
      "out", po::value(&out_dir), "output folder (default: a temporary folder, removed on exit)")(
      "force", po::bool_switch(&o.force),
      "replace an --out folder hgj did not write (its content is moved to <out>.before-hgj)")(
      "port", po::value(&port)->default_value(1313), "port on 127.0.0.1 (0: any free port)")(
      "theme", po::value(&o.theme), "theme name under themes/, or a theme folder")(
      "themes-dir", po::value(&o.themes_dir), "where theme names are looked up")(
      "cache-dir", po::value(&o.cache_dir), "where resized photos are kept (as in hgj build)")(
      "no-cache", "resize every photo afresh and keep nothing on disk")("help,h", "show this help");
  po::variables_map vars;
  if (int code = parse_options(args, options, vars, out, err); code >= 0) return code;
  o.cache = vars.count("no-cache") == 0;
  if (port < 0 || port > 65535) {
    err << "hgj serve: --port " << port
        << say(" 不是端口号：请写 0 到 65535 之间的数（0 表示任选一个空闲端口）",
               " is not a port number")
        << '\n';
    return exit_usage_error;
  }

  std::error_code ec;
  if (!fs::is_directory(o.content_dir, ec)) {
    err << "hgj serve: " << o.content_dir
        << say(" 不是文件夹：请用 --content 指向内容文件夹", " is not a folder (see --content)")
        << '\n';
    return exit_usage_error;
  }

  Signals signals;
  try {
    Session session;
    o.out_dir = out_dir.empty() ? session.temp.emplace().out().string() : out_dir;
    o.progress = false;
    // A preview of the website: the PDFs and the kiosk bundle (minutes at city scale)
    // come from `hgj build`.
    o.print = false;
    o.kiosk = false;
    // The preview answers only this machine, and only to its names (DNS rebinding).
    http::ServerOptions listen;
    listen.port = port;
    listen.hosts = {"127.0.0.1", "localhost"};
    session.server.emplace(
        listen, [&session](const http::Request& r) { return session.routes.dispatch(r); });
    // Pages link relatively; feeds, the sitemap and QR codes point here while previewing.
    o.base_url = "http://127.0.0.1:" + std::to_string(session.server->port());
    serve::Preview& preview = session.preview.emplace(o, out, err);
    preview.add_routes(session.routes);

    std::vector<fs::path> roots{o.content_dir};
    for (const fs::path& dir : theme_folders(o)) roots.push_back(dir);
    // The output is hgj's for the whole session: no build or second serve writes it
    // meanwhile, and it is none of the folders watched.
    OutputClaim claim{o.out_dir,
                      o.force,
                      {{o.content_dir, say("内容文件夹", "the content folder")},
                       {photo_cache_folder(o), say("照片缓存文件夹", "the photo cache folder")}}};
    for (const fs::path& dir : theme_folders(o))
      claim.keep_out.emplace_back(dir, say("主题文件夹", "a theme folder"));
    const std::unique_ptr<OutputLock> lock = claim_output(claim);
    const fs::path output = resolve_output(o.out_dir);
    fs::path staging = output;
    staging += ".staging-" + std::to_string(::getpid());
    serve::Watcher watcher(roots, {output, staging});

    preview.rebuild();
    session.server->start();
    const std::string folders = std::to_string(watcher.folder_count());
    out << "hgj serve: http://127.0.0.1:" << session.server->port()
        << say("/（输出到 " + o.out_dir + "，盯着 " + folders +
                   " 个文件夹，改了就重新生成；按 Ctrl+C 停止）",
               "/ (output " + o.out_dir + ", watching " + folders + " folders; Ctrl+C to stop)")
        << std::endl;

    std::vector<fs::path> changed;
    while (next_wake(watcher, signals.fd(), changed) == Wake::changes) {
      if (changed.empty()) continue;
      out << "hgj serve: " << describe(changed)
          << say(" 改了，正在重新生成", " changed; rebuilding") << std::endl;
      preview.rebuild(changed);
      changed.clear();
    }
  } catch (const OutputRefused& e) {
    err << "hgj serve: " << e.what() << '\n';
    return exit_usage_error;
  } catch (const std::system_error& e) {
    err << "hgj serve: " << e.what()
        << (e.code() == std::errc::address_in_use
                ? say("（端口被占用，请换一个 --port）", " (try another --port)")
                : std::string())
        << '\n';
    return exit_usage_error;
  } catch (const std::exception& e) {
    err << "hgj serve: " << e.what() << '\n';
    return exit_usage_error;
  }
  out << "hgj serve: " << say("已停止", "stopped") << std::endl;
  return exit_ok;
}

}  // namespace hgj
