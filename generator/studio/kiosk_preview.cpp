#include "studio/kiosk_preview.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "hgj/files.h"
#include "hgj/language.h"
#include "hgj/values.h"

extern char** environ;

namespace hgj::studio {

namespace fs = std::filesystem;

namespace {

bool runnable(const fs::path& file) {
  std::error_code ec;
  return fs::is_regular_file(file, ec) && ::access(file.c_str(), X_OK) == 0;
}

// This process's environment with SDL told to draw off screen: a workbench started from a
// desktop must not open a window for each picture, and one on a server has no display.
std::vector<std::string> kiosk_environment() {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e)
    if (std::strncmp(*e, "SDL_VIDEODRIVER=", 16) != 0) env.emplace_back(*e);
  env.emplace_back("SDL_VIDEODRIVER=offscreen");
  return env;
}

// The last non-empty line hgj-kiosk wrote: what went wrong, in its words.
std::string last_line(const fs::path& log) {
  const std::optional<std::string> text = read_whole_file(log);
  if (!text) return {};
  std::string s = *text;
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s.substr(s.rfind('\n') == std::string::npos ? 0 : s.rfind('\n') + 1);
}

// Runs argv with output to `log`; the exit status, or -1 when it could not start or was
// stopped after kiosk_shot_seconds.
int run(const std::vector<std::string>& argv, const fs::path& log, bool& stopped) {
  posix_spawn_file_actions_t actions;
  ::posix_spawn_file_actions_init(&actions);
  ::posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  ::posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ::posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_text = kiosk_environment();
  std::vector<char*> env;
  for (std::string& e : env_text) env.push_back(e.data());
  env.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), env.data());
  ::posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return -1;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kiosk_shot_seconds);
  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    // Reaped already (a process that ignores SIGCHLD leaves no status): the picture tells.
    if (done < 0 && errno == ECHILD) return 0;
    if (done < 0 && errno != EINTR) return -1;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      stopped = true;
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

std::string daytime_at(const std::string& timezone, Instant now) {
  std::optional<TimeZone> zone = TimeZone::make(timezone);
  if (!zone) zone = TimeZone::make(default_timezone);
  // The next whole minute: --at takes minutes, and the bundle was made seconds ago.
  int minute = zone->local_minute(now) + 1;
  Date day = zone->local_date(now);
  if (minute < 7 * 60) {
    minute = 10 * 60;
  } else if (minute >= 21 * 60) {
    minute = 10 * 60;
    day = Date::from_days_since_epoch(day.days_since_epoch() + 1);
  }
  const auto two = [](int n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
  return day.iso() + "T" + two(minute / 60) + ":" + two(minute % 60);
}

std::string find_kiosk_program(const std::string& named, std::string& why) {
  if (!named.empty()) {
    if (runnable(named)) return fs::absolute(named).string();
    why = say("--kiosk-program \"" + named + "\" 不是可以运行的程序（应当是 hgj-kiosk）",
              "--kiosk-program \"" + named +
                  "\" is not a program that can be run (it should be hgj-kiosk)");
    return {};
  }
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && runnable(self.parent_path() / "hgj-kiosk"))
    return (self.parent_path() / "hgj-kiosk").string();
  const char* path = std::getenv("PATH");
  std::string_view rest = path != nullptr ? path : "";
  while (!rest.empty()) {
    const std::size_t colon = rest.find(':');
    const std::string_view dir = rest.substr(0, colon);
    rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    if (!dir.empty() && fs::path(dir).is_absolute() && runnable(fs::path(dir) / "hgj-kiosk"))
      return (fs::path(dir) / "hgj-kiosk").string();
  }
  return {};
}

std::vector<KioskShot> take_kiosk_shots(const std::string& program, const fs::path& bundle_dir,
                                        const fs::path& trusted_key, const std::string& at,
                                        std::vector<KioskShot> buildings, const fs::path& into) {
  std::error_code ec;
  fs::remove_all(into, ec);
  fs::create_directories(into, ec);
  const fs::path state = into.parent_path() / "kiosk-state";
  const std::string size =
      std::to_string(kiosk_shot_width) + "x" + std::to_string(kiosk_shot_height);
  for (KioskShot& shot : buildings) {
    const std::string png = shot.building + ".png";
    const fs::path log = into / (shot.building + ".log");
    bool stopped = false;
    const int status = run({program, "--bundle", bundle_dir.string(), "--building", shot.building,
                            "--size", size, "--screenshot", (into / png).string(), "--trusted-key",
                            trusted_key.string(), "--at", at, "--state-dir", state.string()},
                           log, stopped);
    // A bundle the kiosk refuses still gives a picture — its "no data" screen — and one
    // line saying why (hgj-kiosk's log is English only): that picture is not the preview.
    const std::string said = last_line(log);
    const bool refused = read_whole_file(log).value_or("").find(" refused: ") != std::string::npos;
    if (status == 0 && !refused && fs::is_regular_file(into / png, ec)) {
      shot.png = png;
    } else if (stopped) {
      shot.problem =
          say("hgj-kiosk 在 " + std::to_string(kiosk_shot_seconds) + " 秒内没有画完，已停止",
              "hgj-kiosk did not finish within " + std::to_string(kiosk_shot_seconds) +
                  " s and was stopped");
    } else {
      shot.problem =
          said.empty() ? say("hgj-kiosk 没有画出图片", "hgj-kiosk drew no picture") : said;
    }
    if (shot.png.empty()) fs::remove(into / png, ec);
    fs::remove(log, ec);
  }
  return buildings;
}

}  // namespace hgj::studio
