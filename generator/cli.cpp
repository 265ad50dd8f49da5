#include "cli.h"

#include <iterator>
#include <optional>
#include <ostream>

#include "hgj/language.h"

namespace hgj {

namespace {

struct Command {
  const char* name;
  const char* summary_zh;
  const char* summary;
  int (*run)(const std::vector<std::string>&, std::ostream&, std::ostream&);
};

const Command commands[] = {
    {"init", "为新街道建一个内容文件夹：带说明的 site.toml 和 Excel 台账 台账.xlsx",
     "a new street's content folder: commented site.toml, Excel ledger 台账.xlsx", run_init},
    {"check", "检查内容文件夹，一次列出所有问题",
     "load and validate the content folder, report every problem", run_check},
    {"build", "生成网站（连同公示牌和触摸屏数据）到 public/",
     "build the website (and print, kiosk stages) into public/", run_build},
    {"print", "生成公示牌和联户卡 PDF 到 public/print/",
     "notice boards and contact cards as PDF into public/print/", run_print},
    {"bundle", "生成触摸屏数据包（数据、图片、清单）到 public/kiosk/",
     "the kiosk bundle (data, images, manifest) into public/kiosk/", run_bundle},
    {"new",
     "写一个带说明的新文件：new community|grid|building|steward|issue|event|notice|duty 编号",
     "a commented skeleton: new community|grid|building|steward|issue|event|notice|duty ID",
     run_new},
    {"export", "把内容里的表格导出成一个 Excel 工作簿：export --out 文件.xlsx",
     "the content's tables as one Excel workbook: export --out FILE.xlsx", run_export},
    {"diff", "和上次发布相比改了什么，哪些公示牌和联户卡要重印",
     "what changed since the last publication, which boards and cards to reprint", run_diff},
    {"serve", "在本机预览网站，改了内容自动刷新",
     "build, serve on 127.0.0.1, rebuild and reload pages on every change", run_serve},
    {"studio", "浏览器工作台：导入台账、检查、审核变更、发布、打印",
     "the browser workbench: import, check, review, publish, print", run_studio},
    {"publish", "把生成的网站发送到对外提供服务的地方（文件夹、SSH、rclone）",
     "send the built site where it is served (a folder, SSH, rclone)", run_publish},
    {"fleet", "列出每块触摸屏的状态：在线还是沉默，显示的数据包是否最新",
     "every kiosk screen's status: alive or silent, showing the published bundle or not",
     run_fleet},
    {"keygen", "生成街道的触摸屏数据签名密钥，并显示公钥",
     "make the street's kiosk bundle signing key, print its public key", run_keygen},
};

void print_usage(std::ostream& out) {
  out << "hgj " HGJ_VERSION
      << say(" — 红管家：网站、公示牌和触摸屏数据\n\n"
             "用法：hgj <命令> [选项]      （hgj <命令> --help 查看它的选项）\n\n"
             "命令：\n",
             " — 红管家: stewards' site, notice boards and kiosk bundle\n\n"
             "Usage: hgj <command> [options]      (hgj <command> --help for its options)\n\n"
             "Commands:\n");
  for (const Command& c : commands)
    out << "  " << c.name << std::string(10 - std::string(c.name).size(), ' ')
        << say(c.summary_zh, c.summary) << '\n';
  out << say(
      "\n退出码：\n"
      "  0  成功\n"
      "  1  内容有错误（加 --strict 时警告也算）\n"
      "  2  命令用法不对、主题用不了，或文件夹、文件读写不了\n"
      "\n提示信息默认是中文；加 --lang en（或用英文环境 LANG=en_US.UTF-8）改为英文。\n",
      "\nExit codes:\n"
      "  0  success\n"
      "  1  the content has errors (with --strict, warnings count too)\n"
      "  2  usage error, a theme that cannot be used, or a folder or file could not be read or "
      "written\n"
      "\nMessages are in Chinese; --lang en (or an English locale, LANG=en_US.UTF-8) for "
      "English.\n");
}

// Takes `--lang zh|en` (or `--lang=…`) out of the arguments wherever it stands, so every
// command speaks the chosen language without each declaring the option. Without it the
// locale decides (language_from_environment). False after a usage error, printed.
bool take_language_option(std::vector<std::string>& args, std::ostream& err) {
  Language language = language_from_environment();
  for (auto it = args.begin(); it != args.end();) {
    std::string value;
    if (*it == "--lang") {
      if (std::next(it) == args.end()) {
        err << "hgj: --lang 需要一个值：zh 或 en (--lang needs a value: zh or en)\n";
        return false;
      }
      value = *std::next(it);
      it = args.erase(it, std::next(it, 2));
    } else if (it->starts_with("--lang=")) {
      value = it->substr(7);
      it = args.erase(it);
    } else {
      ++it;
      continue;
    }
    const std::optional<Language> chosen = parse_language(value);
    if (!chosen) {
      err << "hgj: --lang \"" << value
          << "\" 无法识别，可用 zh 或 en (unknown language: use zh or en)\n";
      return false;
    }
    language = *chosen;
  }
  set_language(language);
  return true;
}

}  // namespace

int run_cli(int argc, char** argv, std::ostream& out, std::ostream& err) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!take_language_option(args, err)) return exit_usage_error;
  if (args.empty()) {
    print_usage(err);
    return exit_usage_error;
  }
  const std::string& first = args.front();
  if (first == "--help" || first == "-h" || first == "help") {
    print_usage(out);
    return exit_ok;
  }
  if (first == "--version" || first == "-V") {
    out << "hgj " HGJ_VERSION "\n";
    return exit_ok;
  }
  for (const Command& c : commands) {
    if (first == c.name) return c.run({args.begin() + 1, args.end()}, out, err);
  }
  err << "hgj: "
      << say("不认识的命令“" + first + "”（hgj --help 列出所有命令）",
             "unknown command \"" + first + "\" (see hgj --help)")
      << '\n';
  return exit_usage_error;
}

}  // namespace hgj
