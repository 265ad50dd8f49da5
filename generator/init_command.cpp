// `hgj init [DIR]`: a new street's content folder (default ./content, where every other
// command looks first), made in a temporary folder beside it and renamed into place, so
// DIR is either absent/empty as before or complete. An existing non-empty DIR is refused
// before anything is written: hgj never overwrites what it did not write.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <ostream>

#include "cli.h"
#include "hgj/language.h"
#include "ledger/starter_folder.h"
#include "options.h"

namespace hgj {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

// Removes what this run wrote into its own temporary folder (and nothing else).
void remove_starter(const fs::path& temp) {
  std::error_code ec;
  for (const char* name : {starter_site_file, starter_ledger_file, starter_readme_file}) {
    fs::remove(temp / name, ec);
  }
  fs::remove(temp, ec);
}

}  // namespace

int run_init(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string dir;
  po::options_description options(
      say("hgj init [文件夹]：为新街道建一个内容文件夹（默认 content）：\n"
          "带中文说明的 site.toml、台账.xlsx（社区、网格、楼栋、红管家、问题台账各一张表，\n"
          "每张表一行示例）和 说明.md。文件夹已有内容时什么也不写",
          "hgj init [DIR]: a new street's content folder (default content): a site.toml\n"
          "commented in Chinese, the ledger workbook 台账.xlsx (one sheet per table, an example\n"
          "row each) and 说明.md. Writes nothing into a folder that is not empty"),
      help_line_width, help_line_width / 2);
  options.add_options()("help,h", say("显示这段帮助", "show this help").c_str());
  PositionalArguments positional{"init", {}, {}};
  positional.options.add_options()("dir", po::value(&dir)->default_value("content"));
  positional.order.add("dir", 1);
  po::variables_map vars;
  if (const int code = parse_options(args, options, positional, vars, out, err); code >= 0)
    return code;

  const fs::path target = fs::path(dir).lexically_normal();
  const std::string shown = target.generic_string();
  std::error_code ec;
  if (fs::exists(fs::symlink_status(target, ec))) {
    if (!fs::is_directory(target, ec) || fs::is_symlink(target, ec)) {
      err << "hgj init: "
          << say(shown + " 已经存在，而且不是文件夹；什么也没有写。请换一个文件夹名",
                 shown + " exists and is not a folder; nothing was written. Choose another name")
          << '\n';
      return exit_usage_error;
    }
    if (!fs::is_empty(target, ec)) {
      err << "hgj init: "
          << say(shown +
                     " 里已经有文件，hgj init 不会覆盖；什么也没有写。请换一个空文件夹或新名字，"
                     "例如 hgj init 新街道",
                 shown +
                     " is not empty and hgj init never overwrites; nothing was written. Name an "
                     "empty or new folder, e.g. hgj init new-street")
          << '\n';
      return exit_usage_error;
    }
  }
  const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  fs::create_directories(parent, ec);
  std::string pattern = (parent / ("." + target.filename().string() + ".hgj-init-XXXXXX")).string();
  if (mkdtemp(pattern.data()) == nullptr) {
    err << "hgj init: " << parent.generic_string() << ": " << std::strerror(errno) << '\n';
    return exit_usage_error;
  }
  const fs::path temp = pattern;
  fs::permissions(temp,
                  fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                      fs::perms::others_read | fs::perms::others_exec,
                  ec);
  if (const std::string problem = write_starter_folder(temp.string()); !problem.empty()) {
    remove_starter(temp);
    err << "hgj init: " << problem << '\n';
    return exit_usage_error;
  }
  // rename(2) replaces an empty folder and fails on one that filled up meanwhile.
  if (std::rename(temp.c_str(), target.c_str()) != 0) {
    const int error = errno;
    remove_starter(temp);
    err << "hgj init: " << shown << ": " << std::strerror(error) << "; "
        << say("什么也没有写", "nothing was written") << '\n';
    return exit_usage_error;
  }
  const std::string content = shown == "content" ? "" : " --content " + shown;
  out << say("hgj init：已建好 " + shown +
                 "/（site.toml、台账.xlsx、说明.md）。\n"
                 "接下来：用 Excel 或 WPS 打开 " +
                 shown +
                 "/台账.xlsx 填写（先看“说明”表），保存后运行\n"
                 "  hgj check" +
                 content +
                 "\n"
                 "没有错误了再运行\n"
                 "  hgj build" +
                 content +
                 "\n"
                 "然后用浏览器打开 public/index.html。\n",
             "hgj init: made " + shown +
                 "/ (site.toml, 台账.xlsx, 说明.md).\n"
                 "Next: fill in " +
                 shown +
                 "/台账.xlsx in Excel or WPS (its 说明 sheet first), save, run\n"
                 "  hgj check" +
                 content +
                 "\n"
                 "and once it has no errors\n"
                 "  hgj build" +
                 content +
                 "\n"
                 "then open public/index.html in a browser.\n");
  return exit_ok;
}

}  // namespace hgj
