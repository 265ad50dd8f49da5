// `hgj new steward|building|issue|notice ID`: writes a commented skeleton Markdown file
// into content/<collection>/<ID>.md for staff to fill in. Every field is there with its
// Chinese label and an example; required ones are marked 必填. Empty values count as not
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
#include "options.h"

namespace hgj {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

struct SkeletonField {
  const char* key;
  bool required;
  const char* hint;             // what to write, with an example
  const char* empty = "\"\"";   // the TOML value the skeleton starts with
};

struct Skeleton {
  const char* kind;        // steward
  const char* collection;  // stewards
  const char* what;        // 红管家
  std::vector<SkeletonField> fields;
  const char* body_hint;   // what the Markdown body is for
};

const std::vector<Skeleton>& skeletons() {
  static const std::vector<Skeleton> all = {
      {"steward", "stewards", "红管家",
       {{"name", true, "例如 \"王建华\""},
        {"phone", true, "手机或座机，例如 \"138 0000 0001\"、\"0570-8012345\""},
        {"photo", false, "content/ 下的照片路径，例如 \"photos/HF-001.jpg\"；不填时网站显示姓名头像"},
        {"wechat_qr", false, "content/ 下的微信群二维码图片，例如 \"qr/dpb.png\""},
        {"party_member", false, "\"是\" 或 \"否\""},
        {"role", false, "例如 \"退休党员\"、\"在职党员\"、\"楼长\""},
        {"buildings", false, "负责的楼栋编号，多个用顿号隔开，例如 \"tpx-12、tpx-16\"；只管几个单元写 \"dpb-03:1-2\""},
        {"since", false, "例如 \"2024-03-01\""},
        {"honors", false, "多个用分号隔开，例如 \"2024-03 月度服务之星；2025 年度服务之星\""},
        {"office_hours", false, "例如 \"每天上午在楼下花坛边；电话随时可打\""},
        {"status", false, "不填就是在任；不干了写 \"离任\"，从此不再公开，经办过的问题写作原红管家"},
        {"left_on", false, "离任时填，例如 \"2026-06-30\""},
        {"order", false, "想排在前面时写整数，例如 1（不加引号）；不填就按姓名拼音排"}},
       "一段简短的介绍，例如“王老师在德平坝小区住了三十多年……”"},
      {"building", "buildings", "楼栋",
       {{"name", true, "例如 \"德平坝小区3幢\""},
        {"community", true, "所属社区的编号，例如 \"tianping\""},
        {"grid", false, "所属网格的编号，例如 \"tianping-1\""},
        {"address", false, "例如 \"天平巷德平坝小区3幢\""},
        {"units", false, "整数，例如 4", "0"},
        {"households", false, "整数，例如 48", "0"},
        {"property", false, "物业公司，例如 \"社区代管（无物业）\""},
        {"property_phone", false, "例如 \"0570-8012345\""},
        {"status", false, "不填就是在用；楼拆了写 \"拆除\"，并进别的楼写 \"合并\"，从此不再公开"},
        {"order", false, "想排在前面时写整数，例如 1（不加引号）；不填就按名称排，2幢在10幢前面"}},
       "这栋楼的简短说明（可以不写）"},
      {"issue", "issues", "问题",
       {{"title", true, "一句话说清问题，例如 \"楼道堆放杂物\"（隐私类别不会公开）"},
        {"category", true, "类别，必须是 site.toml 里 categories 中的一个，例如 \"楼道堆物\""},
        {"building", true, "楼栋编号，例如 \"dpb-03\"（只写楼栋，不写房号）"},
        {"found_on", false, "例如 \"2026-11-02\"；六个日期至少填一个，且不能往回倒"},
        {"reported_on", false, "例如 \"2026-11-02\""},
        {"coordinated_on", false, "例如 \"2026-11-03\""},
        {"handled_on", false, "例如 \"2026-11-05\""},
        {"verified_on", false, "例如 \"2026-11-06\""},
        {"closed_on", false, "填了就算已销号，例如 \"2026-11-06\""},
        {"level", false, "\"楼道\"、\"网格\"、\"社区\" 或 \"街道\""},
        {"handled_by", false, "经办红管家的编号，例如 \"HF-001\""},
        {"resolution", false, "例如 \"已清理，张贴提示\""},
        {"satisfaction", false, "\"满意\"、\"基本满意\" 或 \"不满意\""},
        {"outcome", false, "\"已解决\"、\"已转办\"、\"重复\" 或 \"无法解决\"；已销号不填即为已解决"},
        {"reopened", false, "整数，例如 1", "0"}},
       "补充说明（可以不写）。不要写反映人的姓名、房号、电话"},
      {"notice", "notices", "通知",
       {{"title", true, "例如 \"天平巷社区招募新一批红管家\""},
        {"date", true, "发布日期，例如 \"2026-11-05\""},
        {"expires", false, "截止日期，过了就不再显示，例如 \"2026-12-31\""},
        {"scope", false, "社区或楼栋编号的列表，例如 [\"tianping\", \"dpb-03\"]；空列表 [] 表示全街道", "[]"},
        {"pinned", false, "置顶写 true，否则 false", "false"}},
       "通知正文"},
  };
  return all;
}

const Skeleton* find_skeleton(const std::string& kind) {
  for (const Skeleton& s : skeletons()) {
    if (kind == s.kind) return &s;
  }
  return nullptr;
}

std::string render(const Skeleton& skeleton, const std::string& id) {
  const CollectionSpec& spec = collection_spec(skeleton.collection);
  std::string text = "+++\n";
  text += "# " + std::string(skeleton.what) + " " + id + "（由 hgj new 生成）\n";
  text += "# 标“必填”的要填写；其他的知道就填，不知道就留空 \"\"。填好后运行 hgj check 检查。\n";
  text += "# 编号（id）就是文件名 " + id + "，不用再写。文字要放在英文双引号里。\n";
  if (std::string(skeleton.kind) == "issue") {
    text += "# 问题通常记在 content/issues.csv（台账导出）里，一行一个；单独建文件适合需要写说明的问题。\n";
  }
  for (const SkeletonField& f : skeleton.fields) {
    text += "\n# " + spec.field(f.key).labels.front() + "（" + f.key + (f.required ? "，必填" : "") +
            "）：" + f.hint + "\n";
    text += std::string(f.key) + " = " + f.empty + "\n";
  }
  text += "\n# 正文：写在下面一行 +++ 之后 —— " + std::string(skeleton.body_hint) + "。\n";
  text += "+++\n";
  return text;
}

// Where an id is already used in the collection (a CSV row or another file), or "".
std::string existing_place(const std::string& content_dir, const Skeleton& skeleton,
                           const std::string& id) {
  DiagnosticSink ignored;
  const Content c = load_content(content_dir, ignored).content;
  const std::string kind = skeleton.kind;
  auto place = [&](const auto& items) -> std::string {
    for (const auto& item : items) {
      if (item.id == id) return item.where.file + (item.where.line > 0 ? ":" + std::to_string(item.where.line) : "");
    }
    return {};
  };
  if (kind == "steward") return place(c.stewards);
  if (kind == "building") return place(c.buildings);
  if (kind == "issue") return place(c.issues);
  return place(c.notices);
}

std::string required_labels(const Skeleton& skeleton) {
  const CollectionSpec& spec = collection_spec(skeleton.collection);
  std::string labels;
  for (const SkeletonField& f : skeleton.fields) {
    if (f.required) labels += (labels.empty() ? "" : "、") + spec.field(f.key).labels.front();
  }
  return labels;
}

// Creates `file` only if it does not exist yet ("x": O_EXCL), so two runs never race.
bool create_new_file(const fs::path& file, const std::string& text, std::string& error) {
  std::unique_ptr<FILE, int (*)(FILE*)> out(std::fopen(file.c_str(), "wx"), std::fclose);
  if (!out) {
    error = errno == EEXIST ? "already exists; hgj new never overwrites a file" : std::strerror(errno);
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
      say("hgj new steward|building|issue|notice 编号 [选项]：写一个带中文说明的新文件\n"
          "到 <内容文件夹>/<表>/编号.md",
          "hgj new steward|building|issue|notice ID [options]: write a commented skeleton file\n"
          "into <content>/<collection>/ID.md"));
  const std::string content_help = say("内容文件夹", "content folder");
  const std::string help_help = say("显示这份说明", "show this help");
  options.add_options()
      ("content", po::value(&content_dir)->default_value("content"), content_help.c_str())
      ("help,h", help_help.c_str());
  po::options_description all;
  all.add(options).add_options()
      ("kind", po::value(&kind)->required())
      ("id", po::value(&id)->required());
  po::positional_options_description positional;
  positional.add("kind", 1).add("id", 1);
  po::variables_map vars;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vars);
    if (vars.count("help") != 0) {
      out << options;
      return exit_ok;
    }
    po::notify(vars);
  } catch (const po::error& e) {
    err << "hgj new: " << e.what() << "\n\n" << options;
    return exit_usage_error;
  }

  const Skeleton* skeleton = find_skeleton(kind);
  if (skeleton == nullptr) {
    err << "hgj new: "
        << say("不认识的种类“" + kind + "”：请写 steward（红管家）、building（楼栋）、issue（问题）或 notice（通知）",
               "unknown kind \"" + kind + "\" (steward, building, issue or notice)")
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
