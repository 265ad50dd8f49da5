#include "studio/studio_user_command.h"

#include <termios.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <ctime>
#include <iostream>
#include <optional>

#include "exit_code.h"
#include "hgj/diagnostics.h"
#include "hgj/language.h"
#include "hgj/loader.h"
#include "hgj/values.h"
#include "options.h"
#include "studio/accounts.h"
#include "studio/state_dir.h"

namespace hgj::studio {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

const char* const prefix = "hgj studio user: ";

struct Request {
  std::string action, name, role, state, content;
  std::vector<std::string> communities;
};

// Echo off on the terminal for as long as it lives; put back as it was even on an error.
class EchoOff {
 public:
  EchoOff() : on_(::tcgetattr(STDIN_FILENO, &saved_) == 0) {
    if (!on_) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  ~EchoOff() {
    if (on_) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  termios saved_{};
  bool on_;
};

std::optional<std::string> read_line(std::istream& in) {
  std::string line;
  if (!std::getline(in, line)) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// The new password: typed twice on a terminal, else the first line of standard input.
// nullopt after printing why.
std::optional<std::string> read_new_password(const std::string& name, std::ostream& err) {
  if (::isatty(STDIN_FILENO) == 0) {
    std::optional<std::string> line = read_line(std::cin);
    if (!line || line->empty())
      err << prefix
          << say("没有从标准输入读到密码（第一行就是密码）",
                 "no password on standard input (its first line is the password)")
          << '\n';
    return line && !line->empty() ? line : std::nullopt;
  }
  std::optional<std::string> first, second;
  {
    const EchoOff quiet;
    err << say(name + " 的新密码（不显示）：", "new password for " + name + " (not shown): ")
        << std::flush;
    first = read_line(std::cin);
    err << say("再输入一次：", "once more: ") << std::flush;
    if (first) second = read_line(std::cin);
  }
  if (!first || !second || first->empty()) {
    err << prefix << say("没有输入密码，没有改动", "no password given; nothing changed") << '\n';
    return std::nullopt;
  }
  if (*first != *second) {
    err << prefix
        << say("两次输入的密码不一样，没有改动", "the two passwords differ; nothing changed")
        << '\n';
    return std::nullopt;
  }
  return first;
}

int usage(std::ostream& err, const std::string& zh, const std::string& en) {
  err << prefix << say(zh, en) << '\n';
  return exit_usage_error;
}

// Every --community is an id; with --content, one of that folder's communities.
int check_communities(const Request& request, std::ostream& err) {
  for (const std::string& id : request.communities)
    if (!is_valid_id(id))
      return usage(err, "“" + id + "”不是有效的社区编号：只能用英文字母、数字、- 和 _",
                   "\"" + id + "\" is not a valid community id (letters, digits, - and _)");
  if (request.content.empty()) return -1;
  DiagnosticSink sink;
  const LoadResult loaded = load_content(request.content, sink);
  if (loaded.io_error)
    return usage(
        err, request.content + " 不是可以读取的内容文件夹（里面要有 site.toml）",
        request.content + " is not a content folder that can be read (it needs site.toml)");
  for (const std::string& id : request.communities) {
    if (loaded.content.community(id) != nullptr) continue;
    std::string known;
    for (const auto& community : loaded.content.communities)
      known += (known.empty() ? "" : ", ") + community.id;
    return usage(err, request.content + " 里没有编号为“" + id + "”的社区（有：" + known + "）",
                 request.content + " has no community \"" + id + "\" (it has: " + known + ")");
  }
  return -1;
}

std::string communities_text(const std::vector<std::string>& communities) {
  if (communities.empty()) return say("全部", "all");
  std::string text;
  for (const std::string& id : communities) text += (text.empty() ? "" : ",") + id;
  return text;
}

std::string local_time(std::int64_t seconds) {
  const std::time_t time = static_cast<std::time_t>(seconds);
  std::tm parts{};
  ::localtime_r(&time, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &parts);
  return text;
}

std::string padded(const std::string& text, int width) {
  return text +
         std::string(static_cast<std::size_t>(std::max(1, width - display_width(text))), ' ');
}

int list_users(const UserStore& store, std::ostream& out) {
  const std::vector<User> users = store.list();
  if (users.empty()) {
    out << prefix
        << say("还没有账户；用 hgj studio user add 用户名 --role editor|publisher 添加",
               "no accounts yet; add one with hgj studio user add NAME --role editor|publisher")
        << '\n';
    return exit_ok;
  }
  std::vector<std::vector<std::string>> rows{{say("用户名", "name"), say("角色", "role"),
                                              say("社区", "communities"),
                                              say("创建时间", "created")}};
  for (const User& user : users)
    rows.push_back(
        {user.name,
         std::string(role_name(user.role)) + say("（" + role_label(user.role) + "）", ""),
         communities_text(user.communities), local_time(user.created)});
  std::vector<int> widths(rows.front().size(), 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c)
      widths[c] = std::max(widths[c], display_width(row[c]) + 2);
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c + 1 < row.size(); ++c) line += padded(row[c], widths[c]);
    out << line << row.back() << '\n';
  }
  return exit_ok;
}

int add_user(UserStore& store, const Request& request, std::ostream& out, std::ostream& err) {
  if (request.role.empty())
    return usage(err, "要用 --role editor 或 --role publisher 写明角色",
                 "give the role: --role editor or --role publisher");
  const std::optional<Role> role = parse_role(request.role);
  if (!role)
    return usage(err, "角色只能是 editor（编辑）或 publisher（发布人），不是“" + request.role + "”",
                 "the role is editor or publisher, not \"" + request.role + "\"");
  store.check_new(request.name);  // before the password, so no one types one for nothing
  if (const int code = check_communities(request, err); code >= 0) return code;
  const std::optional<std::string> password = read_new_password(request.name, err);
  if (!password) return exit_usage_error;
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::now().time_since_epoch());
  const User user = store.add(request.name, *role, request.communities, *password, now.count());
  out << prefix
      << say("已添加账户 " + user.name + "（" + role_label(user.role) + "，社区：" +
                 communities_text(user.communities) + "）",
             "added the account " + user.name + " (" + role_label(user.role) +
                 ", communities: " + communities_text(user.communities) + ")")
      << '\n';
  return exit_ok;
}

int change_password(UserStore& store, const Request& request, std::ostream& out,
                    std::ostream& err) {
  store.get(request.name);  // an unknown user is refused before the password is asked
  const std::optional<std::string> password = read_new_password(request.name, err);
  if (!password) return exit_usage_error;
  store.set_password(request.name, *password);
  out << prefix
      << say("已修改 " + request.name + " 的密码；用旧密码登录的浏览器都已退出登录",
             "changed the password of " + request.name +
                 "; browsers logged in with the old one are logged out")
      << '\n';
  return exit_ok;
}

int remove_user(UserStore& store, const Request& request, std::ostream& out) {
  store.remove(request.name);
  out << prefix
      << say("已删除账户 " + request.name + "；它登录的浏览器都已退出登录",
             "removed the account " + request.name + "; its browsers are logged out")
      << '\n';
  return exit_ok;
}

int run(const Request& request, std::ostream& out, std::ostream& err) {
  const bool named = request.action != "list";
  if (named && request.name.empty())
    return usage(err, "要写明用户名，例如 hgj studio user " + request.action + " 王芳",
                 "give the user name, such as hgj studio user " + request.action + " NAME");
  if (!named && !request.name.empty())
    return usage(err, "user list 不需要用户名", "user list takes no user name");
  if (request.action != "add" && (!request.role.empty() || !request.communities.empty()))
    return usage(err, "--role 和 --community 只用于 user add",
                 "--role and --community are for user add only");
  try {
    UserStore store(state_dir_path(request.state));
    if (request.action == "list") return list_users(store, out);
    if (request.action == "add") return add_user(store, request, out, err);
    if (request.action == "passwd") return change_password(store, request, out, err);
    return remove_user(store, request, out);
  } catch (const std::exception& e) {
    err << prefix << e.what() << '\n';
    return exit_usage_error;
  }
}

}  // namespace

int run_studio_user(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Request request;
  po::options_description options(
      say("hgj studio user add 用户名 --role editor|publisher [--community 社区编号]…\n"
          "hgj studio user passwd 用户名 | remove 用户名 | list\n"
          "工作台的账户。密码从标准输入读取（终端上输入两次，不显示），不要写在命令行上",
          "hgj studio user add NAME --role editor|publisher [--community ID]…\n"
          "hgj studio user passwd NAME | remove NAME | list\n"
          "the workbench's accounts; passwords are read from standard input (on a terminal: "
          "twice, not shown), never from the command line"),
      help_line_width);
  const std::string role_help =
      say("角色：editor（编辑，只管自己的社区）或 publisher（发布人，还能发布）",
          "role: editor (edits their communities) or publisher (also publishes)");
  const std::string community_help =
      say("这个账户能编辑的社区编号，可以写多次；不写 = 全部社区",
          "a community this account may edit, repeatable; none = every community");
  const std::string state_help =
      say("状态文件夹（默认：$STATE_DIRECTORY，否则 ~/.local/state/hgj/studio）",
          "state folder (default: $STATE_DIRECTORY, else ~/.local/state/hgj/studio)");
  const std::string content_help =
      say("内容文件夹：给了就检查 --community 是不是其中的社区",
          "content folder: when given, each --community must be one of its communities");
  const std::string help_help = say("显示这份说明", "show this help");
  options.add_options()("role", po::value(&request.role), role_help.c_str())(
      "community", po::value(&request.communities), community_help.c_str())(
      "state", po::value(&request.state), state_help.c_str())(
      "content", po::value(&request.content), content_help.c_str())("help,h", help_help.c_str());
  PositionalArguments positional{"studio user", {}, {}};
  positional.options.add_options()("action", po::value(&request.action))("name",
                                                                         po::value(&request.name));
  positional.order.add("action", 1).add("name", 1);
  po::variables_map vars;
  if (const int code = parse_options(args, options, positional, vars, out, err); code >= 0)
    return code;
  if (request.action != "add" && request.action != "passwd" && request.action != "remove" &&
      request.action != "list") {
    err << prefix
        << (request.action.empty()
                ? say("要写明做什么：add、passwd、remove 或 list",
                      "say what to do: add, passwd, remove or list")
                : say("不认识“" + request.action + "”，可以用 add、passwd、remove 或 list",
                      "unknown action \"" + request.action + "\" (add, passwd, remove or list)"))
        << "\n\n"
        << options;
    return exit_usage_error;
  }
  return run(request, out, err);
}

}  // namespace hgj::studio
