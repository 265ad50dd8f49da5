// site.toml: the street's name, where the site lives and the settings every stage
// shares.
#include "load_site.h"

#include <algorithm>
#include <filesystem>

#include "field_reader.h"
#include "hgj/files.h"
#include "hgj/filings.h"
#include "hgj/language.h"
#include "hgj/loader.h"
#include "nearest.h"

namespace hgj {

namespace {

const CollectionSpec& site_spec() {
  static const CollectionSpec spec{"site",
                                   "site",
                                   "站点设置",
                                   {{"title", {"标题"}},
                                    {"base_url", {}},
                                    {"street", {"街道"}},
                                    {"district", {"区"}},
                                    {"hotline", {"热线"}},
                                    {"icp", {"ICP备案号", "备案号"}},
                                    {"police_filing", {"公安备案号"}},
                                    {"language", {}},
                                    {"timezone", {}},
                                    {"theme", {}},
                                    {"duty_scheme", {}},
                                    {"categories", {}},
                                    {"private_categories", {}},
                                    {"print", {}},
                                    {"kiosk", {}},
                                    {"publish", {}},
                                    {"columns", {}}}};
  return spec;
}

std::string without_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// Where site.toml's sections are reported: the file, the sink and a key's line.
struct SiteFile {
  const std::string& path;
  DiagnosticSink& sink;

  void warning(const toml::node& at, std::string message) const {
    sink.warning({path, static_cast<int>(at.source().begin.line),
                  static_cast<int>(at.source().begin.column)},
                 std::move(message));
  }
  void error(const toml::node& at, std::string message) const {
    sink.error({path, static_cast<int>(at.source().begin.line),
                static_cast<int>(at.source().begin.column)},
               std::move(message));
  }
};

enum class Kind { text, number };

struct SectionKey {
  std::string_view key;
  Kind kind;
};

// A key a section does not read, or a value of the wrong type, was silently a default
// before (issue #22: `[print] papr = "A4"` printed A3). Both are warnings at the key's
// line; the default stays.
void check_section(const SiteFile& file, const toml::table& section, std::string_view name,
                   const std::vector<SectionKey>& keys) {
  std::vector<std::string> known;
  for (const SectionKey& k : keys) known.emplace_back(k.key);
  for (const auto& [key, node] : section) {
    // A copy, not the binding: clang 14 (the fuzz build) cannot capture a structured binding.
    const std::string_view given = key.str();
    // A top-level key written under the section: reported as such (record_markdown.cpp).
    if (site_spec().find(given) != nullptr) continue;
    const auto spec =
        std::find_if(keys.begin(), keys.end(), [&](const SectionKey& k) { return k.key == given; });
    const std::string where = "[" + std::string(name) + "] " + std::string(key.str());
    if (spec == keys.end()) {
      std::string message = "[" + std::string(name) + "] has no key \"" + std::string(key.str()) +
                            "\"; it is ignored";
      std::string zh =
          "[" + std::string(name) + "] 里没有“" + std::string(key.str()) + "”这一项，已忽略";
      if (auto near = nearest(key.str(), known); !near.empty()) {
        message += " (did you mean " + near.front() + "?)";
        zh += "：是不是 " + near.front() + "？";
      } else {
        std::string list;
        for (const std::string& k : known) list += (list.empty() ? "" : "、") + k;
        zh += "：可用的有 " + list;
      }
      file.warning(node, say(zh, message));
    } else if (spec->kind == Kind::number && !node.is_integer()) {
      file.warning(node,
                   say(where + " 要写数字，不加引号（例如 12），这一项已忽略",
                       where + " expected a number (write it without quotes); it is ignored"));
    } else if (spec->kind == Kind::text && !node.is_string()) {
      file.warning(node, say(where + " 要写在英文引号里（例如 \"A4\"），这一项已忽略",
                             where + " expected a text in quotes; it is ignored"));
    }
  }
}

void read_print(FieldReader& r, const SiteFile& file, const toml::table& table,
                PrintSettings& print) {
  const toml::table* t = table["print"].as_table();
  if (t == nullptr) return;
  check_section(file, *t, "print", {{"paper", Kind::text}});
  print.paper = (*t)["paper"].value_or(print.paper);
  if (print.paper != "A3" && print.paper != "A4") {
    r.error("print", say("[print] paper“" + print.paper + "”不对：请写 \"A3\" 或 \"A4\"",
                         "[print] paper \"" + print.paper + "\" is not A3 or A4"));
  }
}

void read_kiosk(FieldReader& r, const SiteFile& file, const toml::table& table,
                KioskSettings& kiosk) {
  const toml::table* t = table["kiosk"].as_table();
  if (t == nullptr) return;
  check_section(file, *t, "kiosk",
                {{"slide_seconds", Kind::number},
                 {"idle_seconds", Kind::number},
                 {"night_from", Kind::text},
                 {"night_until", Kind::text},
                 {"night_mode", Kind::text}});
  kiosk.slide_seconds = (*t)["slide_seconds"].value_or(kiosk.slide_seconds);
  kiosk.idle_seconds = (*t)["idle_seconds"].value_or(kiosk.idle_seconds);
  kiosk.night_from = (*t)["night_from"].value_or(kiosk.night_from);
  kiosk.night_until = (*t)["night_until"].value_or(kiosk.night_until);
  kiosk.night_mode = (*t)["night_mode"].value_or(kiosk.night_mode);
  if (kiosk.slide_seconds < KioskSettings::min_slide_seconds ||
      kiosk.idle_seconds < KioskSettings::min_idle_seconds) {
    const std::string slide = std::to_string(KioskSettings::min_slide_seconds),
                      idle = std::to_string(KioskSettings::min_idle_seconds);
    r.error("kiosk", say("[kiosk] slide_seconds 至少要 " + slide + "（秒），idle_seconds 至少要 " +
                             idle + "（秒）",
                         "[kiosk] slide_seconds must be at least " + slide +
                             " and idle_seconds at least " + idle));
  }
  for (const std::string* clock : {&kiosk.night_from, &kiosk.night_until}) {
    if (!clock->empty() && !parse_clock(*clock)) {
      r.error("kiosk", say("[kiosk] 夜间时间“" + *clock + "”不是时间：请写成 \"23:00\" 这样",
                           "[kiosk] night hours \"" + *clock + "\" are not a time like 23:00"));
    }
  }
  if (kiosk.night_mode != "dim" && kiosk.night_mode != "blank") {
    r.error("kiosk", say("[kiosk] night_mode“" + kiosk.night_mode +
                             "”不对：请写 \"dim\"（调暗）或 \"blank\"（黑屏）",
                         "[kiosk] night_mode \"" + kiosk.night_mode + "\" is not dim or blank"));
  }
}

void read_publish(const SiteFile& file, const toml::table& table, PublishSettings& publish) {
  const toml::table* t = table["publish"].as_table();
  if (t == nullptr) return;
  check_section(file, *t, "publish", {{"target", Kind::text}});
  publish.target = (*t)["target"].value_or(publish.target);
}

// The filing numbers, read as written (the footer shows them so); the 公安备案号's link
// needs its digits, so one without any is an error rather than a dead link.
void read_filings(FieldReader& r, Site& site) {
  site.icp = r.text("icp");
  if (!site.icp.empty() && site.icp.find("ICP") == std::string::npos) {
    r.invalid("icp", site.icp,
              say("不像 ICP 备案号，应写作 浙ICP备12345678号-1 这样",
                  "is not an ICP filing number like 浙ICP备12345678号-1"));
  }
  site.police_filing = r.text("police_filing");
  if (!site.police_filing.empty() && police_filing_code(site.police_filing).empty()) {
    r.invalid("police_filing", site.police_filing,
              say("没有备案编号，应写作 浙公网安备 33010202000001号 这样",
                  "has no number; write it like 浙公网安备 33010202000001号"));
  }
  const std::string host = url_host(site.base_url);
  if (!is_public_host(host) || (!site.icp.empty() && !site.police_filing.empty())) return;
  std::string zh, en;
  if (site.icp.empty()) {
    zh = "icp（ICP 备案号）";
    en = "icp (ICP 备案号)";
  }
  if (site.police_filing.empty()) {
    zh += std::string(zh.empty() ? "" : "和") + "police_filing（公安备案号）";
    en += std::string(en.empty() ? "" : " and ") + "police_filing (公安备案号)";
  }
  r.warning("base_url",
            say("网站地址 " + host + " 是公网地址，但 site.toml 没有写 " + zh +
                    "：在中国大陆托管的网站须在每页页脚展示 ICP 备案号和公安备案号",
                "the site's address " + host + " is a public host, but site.toml gives no " + en +
                    ": a site hosted in mainland China must show its ICP and police "
                    "filing numbers in every page footer"));
}

std::vector<std::string> read_categories(FieldReader& r, const std::string& key,
                                         const std::vector<std::string>& fallback) {
  if (r.value(key) == nullptr) return fallback;
  std::vector<std::string> items = r.list(key, false);
  std::vector<std::string> unique;
  for (const std::string& item : items) {
    if (std::find(unique.begin(), unique.end(), item) != unique.end()) {
      r.error(key, say(key + " 里“" + item + "”写了两次：请删掉一个",
                       key + " lists \"" + item + "\" twice"));
    } else {
      unique.push_back(item);
    }
  }
  return unique;
}

// [columns.<collection>] "header as the export writes it" = "field key": an unknown
// collection or field is an error (the column would otherwise be dropped as unknown,
// and a required one reported missing on every row).
ColumnMaps read_columns(const SiteFile& file, const toml::table& table) {
  ColumnMaps columns;
  const toml::node* node = table.get("columns");
  if (node == nullptr) return columns;
  const toml::table* sections = node->as_table();
  if (sections == nullptr) {
    file.error(*node, say("[columns] 要分成小节来写，例如 [columns.stewards]",
                          "[columns] must be sections like [columns.stewards]"));
    return columns;
  }
  std::vector<std::string> names;
  for (const CollectionSpec& c : collection_specs()) names.push_back(c.name);
  for (const auto& [collection, headers] : *sections) {
    const std::string name(collection.str());
    const auto spec = std::find(names.begin(), names.end(), name);
    if (spec == names.end() || name == "duties") {
      std::string message = "[columns." + name + "]: there is no collection " + name;
      std::string zh = "[columns." + name + "]：没有叫 " + name + " 的表";
      if (auto near = nearest(name, names); !near.empty()) {
        message += " (did you mean " + near.front() + "?)";
        zh += "：是不是 " + near.front() + "？";
      }
      file.error(headers, say(zh, message));
      continue;
    }
    const toml::table* map = headers.as_table();
    if (map == nullptr) {
      file.error(headers,
                 say("[columns." + name + "] 要写成一行一个 \"表头\" = \"字段\"",
                     "[columns." + name + "] must be a section of \"header\" = \"field\""));
      continue;
    }
    const CollectionSpec& cs = collection_spec(name);
    std::vector<std::string> keys;
    for (const FieldSpec& f : cs.fields) keys.push_back(f.key);
    ColumnMap& out = columns[name];
    for (const auto& [header, target] : *map) {
      const std::optional<std::string> key = target.value<std::string>();
      if (!key || std::find(keys.begin(), keys.end(), *key) == keys.end()) {
        std::string message = "[columns." + name + "] \"" + std::string(header.str()) + "\": ";
        std::string zh = "[columns." + name + "] \"" + std::string(header.str()) + "\"：";
        message += key ? "\"" + *key + "\" is not a field of " + name
                       : std::string("the field must be a key in quotes, like \"name\"");
        zh += key ? "“" + *key + "”不是 " + name + " 的字段"
                  : std::string("字段要写成英文引号里的名字，例如 \"name\"");
        if (key) {
          if (auto near = nearest(*key, keys); !near.empty()) {
            message += " (did you mean " + near.front() + "?)";
            zh += "：是不是 " + near.front() + "？";
          }
        }
        file.error(target, say(zh, message));
        continue;
      }
      out.emplace(std::string(header.str()), *key);
    }
  }
  return columns;
}

}  // namespace

std::string base_url_problem(std::string_view url) {
  if (url.empty() || url.starts_with("https://") || url.starts_with("http://")) return {};
  return say("要以 https:// 或 http:// 开头，例如 https://www.example.gov.cn",
             "must start with https:// or http://");
}

std::optional<Site> load_site_settings(const std::string& content_dir, DiagnosticSink& sink) {
  const std::string path = (std::filesystem::path(content_dir) / "site.toml").string();
  const std::optional<std::string> bytes = read_whole_file(path);
  if (!bytes) {
    sink.error({path, 0, 0}, say("读不到 site.toml：这是内容文件夹吗？",
                                 "cannot read site.toml: is this a content folder?"));
    return std::nullopt;
  }
  return load_site(
      path, *bytes, content_dir, [](const std::string&) { return true; }, sink);
}

std::optional<Site> load_site(const std::string& path, std::string_view bytes,
                              const std::string& content_root,
                              const std::function<bool(const std::string&)>& duty_exists,
                              DiagnosticSink& sink, ColumnMaps* columns) {
  std::optional<Record> record = record_from_toml_file(site_spec(), path, bytes, sink);
  if (!record) return std::nullopt;
  const ContentPaths paths(content_root);
  FieldReader r(*record, site_spec(), sink, paths);
  Site site;
  site.title = r.text("title", true);
  site.base_url = without_trailing_slash(r.text("base_url", true));
  if (const std::string problem = base_url_problem(site.base_url); !problem.empty()) {
    r.invalid("base_url", site.base_url, problem);
  }
  site.street = r.text("street", true);
  site.district = r.text("district");
  site.hotline = r.phone("hotline");
  read_filings(r, site);
  if (const std::string v = r.text("language"); !v.empty()) site.language = v;
  if (const std::string v = r.text("timezone"); !v.empty()) {
    if (TimeZone::make(v)) {
      site.timezone = v;
    } else {
      r.invalid("timezone", v,
                say("不是已知的时区：中国请写 \"Asia/Shanghai\"",
                    "is not a known time zone (e.g. Asia/Shanghai)"));
    }
  }
  if (const std::string v = r.text("theme"); !v.empty()) {
    if (is_valid_id(v)) {
      site.theme = v;
    } else {
      r.invalid(
          "theme", v,
          say("不是主题文件夹的名字：只能用英文字母、数字、- 和 _", "is not a theme folder name"));
    }
  }
  site.duty_scheme = r.reference("duty_scheme", duty_exists, "duties");
  site.categories = read_categories(r, "categories", default_categories());
  site.private_categories = read_categories(r, "private_categories", {"邻里纠纷"});
  for (const std::string& c : site.private_categories) {
    if (std::find(site.categories.begin(), site.categories.end(), c) == site.categories.end()) {
      r.invalid("private_categories", c,
                say("不在 categories 里：请先把它加进 categories", "is not one of the categories"));
    }
  }
  const SiteFile file{path, sink};
  read_print(r, file, *record->table, site.print);
  read_kiosk(r, file, *record->table, site.kiosk);
  read_publish(file, *record->table, site.publish);
  ColumnMaps read = read_columns(file, *record->table);
  if (columns != nullptr) *columns = std::move(read);
  // Even with errors (already reported) the rest is checked against what was read.
  return site;
}

}  // namespace hgj
