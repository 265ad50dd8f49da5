// `hgj new community|grid|building|steward|issue|event|notice|duty ID`: writes a commented
// skeleton Markdown file into content/<collection>/<ID>.md for staff to fill in. Every
// field is there with its Chinese label and the hint of its guide (ledger/field_guide.h,
// the one `hgj init`'s workbook uses); required ones are marked 必填. Empty values count as not
// given, so the file passes `hgj check` as soon as the required ones are filled.
#include <boost/program_options.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <ostream>

#include "cli.h"
#include "hgj/language.h"
#include "hgj/loader.h"
#include "hgj/schema.h"
#include "ledger/field_guide.h"
#include "options.h"

namespace hgj {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

// The Markdown skeleton of a collection: every field of its guide but the id (the file
// name), each under a comment with its label and hint; a duty scheme's groups as one
// [[groups]] table to copy.
std::string render(const CollectionGuide& guide, const std::string& id) {
  const CollectionSpec& spec = collection_spec(guide.collection);
  std::string text = "+++\n";
  text += "# " + guide.what + " " + id + "（由 hgj new 生成）\n";
  text += "# 标“必填”的要填写；其他的知道就填，不知道就留空 \"\"。填好后运行 hgj check 检查。\n";
  text += "# 编号（id）就是文件名 " + id + "，不用再写。文字要放在英文双引号里。\n";
  if (!ledger_sheet_name(guide.collection).empty()) {
    text += "# " + guide.what + "通常记在台账（" + guide.collection + ".csv 或 台账.xlsx 的“" +
            std::string(ledger_sheet_name(guide.collection)) +
            "”表）里，一行一个；单独建文件适合需要写说明的" + guide.what + "。\n";
  }
  std::string tables;
  for (const FieldGuide& f : guide.fields) {
    if (f.key == "id") continue;
    const std::string comment = "\n# " + spec.field(f.key).labels.front() + "（" + f.key +
                                (f.required ? "，必填" : "") + "）：" + f.hint + "\n";
    if (f.kind == FieldKind::structure) {
      // TOML puts tables after every plain key.
      tables += comment + "[[" + f.key + "]]\nname = \"\"\nitems = []\n";
    } else {
      text += comment + f.key + " = " + f.empty + "\n";
    }
  }
  text += tables;
  text += "\n# 正文：写在下面一行 +++ 之后 —— " + guide.body_hint + "。\n";
  text += "+++\n";
  return text;
}

std::string kinds_list() {
  std::string list;
  for (const CollectionGuide& g : collection_guides()) {
    if (g.kind != "page") list += (list.empty() ? "" : "|") + g.kind;
  }
  return list;
}

// Where an id is already used in the collection (a CSV row or another file), or "".
std::string existing_place(const std::string& content_dir, const CollectionGuide& guide,
                           const std::string& id) {
  DiagnosticSink ignored;
  const Content c = load_content(content_dir, ignored).content;
  auto place = [&](const auto& items) -> std::string {
    for (const auto& item : items) {
      if (item.id == id)
        return item.where.file + (item.where.line > 0 ? ":" + std::to_string(item.where.line) : "");
    }
    return {};
  };
  const std::string& name = guide.collection;
  if (name == "communities") return place(c.communities);
  if (name == "grids") return place(c.grids);
  if (name == "buildings") return place(c.buildings);
  if (name == "stewards") return place(c.stewards);
  if (name == "issues") return place(c.issues);
  if (name == "events") return place(c.events);
  if (name == "duties") return place(c.duties);
  return place(c.notices);
}

std::string required_labels(const CollectionGuide& guide) {
  const CollectionSpec& spec = collection_spec(guide.collection);
  std::string labels;
  for (const FieldGuide& f : guide.fields) {
    if (f.required && f.key != "id")
      labels += (labels.empty() ? "" : "、") + spec.field(f.key).labels.front();
  }
  return labels;
}

// Creates `file` only if it does not exist yet ("x": O_EXCL), so two runs never race.
bool create_new_file(const fs::path& file, const std::string& text, std::string& error) {
  std::unique_ptr<FILE, int (*)(FILE*)> out(std::fopen(file.c_str(), "wx"), std::fclose);
  if (!out) {
    error =
        errno == EEXIST ? "already exists; hgj new never overwrites a file" : std::strerror(errno);
    return false;
  }
  if (std::fwrite(text.data(), 1, text.size(), out.get()) != text.size()) {
    error = std::strerror(errno);
    return false;
  }
  return true;
}

}  // namespace

int run_new(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string content_dir, kind, id;
  po::options_description options(
      say("hgj new " + kinds_list() +
              " 编号 [选项]：写一个带中文说明的新文件\n"
              "到 <内容文件夹>/<表>/编号.md",
          "hgj new " + kinds_list() +
              " ID [options]:\n"
              "write a commented skeleton file into <content>/<collection>/ID.md"));
  const std::string content_help = say("内容文件夹", "content folder");
  const std::string help_help = say("显示这份说明", "show this help");
  options.add_options()("content", po::value(&content_dir)->default_value("content"),
                        content_help.c_str())("help,h", help_help.c_str());
  PositionalArguments positional{"new", {}, {}};
  positional.options.add_options()("kind", po::value(&kind))("id", po::value(&id));
  positional.order.add("kind", 1).add("id", 1);
  po::variables_map vars;
  if (const int code = parse_options(args, options, positional, vars, out, err); code >= 0)
    return code;

  if (kind.empty() || id.empty()) {
    err << "hgj new: "
        << say("要写明种类和编号，例如 hgj new steward 你的红管家编号（种类：" + kinds_list() +
                   "）",
               "give a kind and an id, such as hgj new steward ID (kinds: " + kinds_list() + ")")
        << '\n';
    return exit_usage_error;
  }
  const CollectionGuide* skeleton = kind == "page" ? nullptr : guide_for_kind(kind);
  if (skeleton == nullptr) {
    err << "hgj new: "
        << say("不认识 \"" + kind + "\"，可以用 " + kinds_list(),
               "unknown kind \"" + kind + "\" (" + kinds_list() + ")")
        << '\n';
    return exit_usage_error;
  }
  if (!is_valid_id(id)) {
    err << "hgj new: "
        << say("“" + id + "”不是有效的编号：只能用英文字母、数字、- 和 _，最多 64 个字符",
               "\"" + id + "\" is not a valid id (letters, digits, - and _, at most 64)")
        << '\n';
    return exit_usage_error;
  }
  std::error_code ec;
  if (!fs::is_regular_file(fs::path(content_dir) / "site.toml", ec)) {
    err << "hgj new: "
        << say(content_dir + " 不是内容文件夹（里面没有 site.toml）：请用 --content 指向内容文件夹",
               content_dir + " is not a content folder (it has no site.toml)")
        << '\n';
    return exit_usage_error;
  }
  const fs::path file = fs::path(content_dir) / skeleton->collection / (id + ".md");
  if (fs::exists(file, ec)) {
    err << "hgj new: "
        << say(file.generic_string() + " 已经有了：hgj new 从不覆盖文件，请换一个编号或直接编辑它",
               file.generic_string() + " already exists; hgj new never overwrites a file")
        << '\n';
    return exit_usage_error;
  }
  if (const std::string place = existing_place(content_dir, *skeleton, id); !place.empty()) {
    err << "hgj new: "
        << say(place + " 里已经有编号 " + id + " 了：请换一个编号",
               place + " already has " + kind + " " + id)
        << '\n';
    return exit_usage_error;
  }
  fs::create_directories(file.parent_path(), ec);
  if (std::string error; !create_new_file(file, render(*skeleton, id), error)) {
    err << "hgj new: " << file.generic_string() << ": " << error << '\n';
    return exit_usage_error;
  }
  out << "hgj new: "
      << say("已写好 " + file.generic_string() + "：请填上 " + required_labels(*skeleton) +
                 "，然后运行 hgj check",
             "wrote " + file.generic_string() + "; fill in " + required_labels(*skeleton) +
                 ", then run hgj check")
      << '\n';
  if (std::string(skeleton->kind) == "issue") {
    const std::string table = (fs::path(content_dir) / "issues.csv").generic_string();
    out << "hgj new: "
        << say("问题通常记在 " + table + " 里，一行一个",
               "issues usually live in " + table + ", one row each")
        << '\n';
  }
  return exit_ok;
}

}  // namespace hgj
