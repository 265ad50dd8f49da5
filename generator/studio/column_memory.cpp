#include "studio/column_memory.h"

#include <sys/stat.h>
#include <toml++/toml.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "hgj/encoding.h"
#include "hgj/files.h"
#include "hgj/language.h"
#include "hgj/schema.h"
#include "studio/import_files.h"
#include "studio/ledger_import.h"

namespace hgj::studio {

namespace fs = std::filesystem;

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

// A TOML basic string: "联系人姓名".
std::string toml_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

std::optional<toml::table> parse(const std::string& text) {
  try {
    return toml::parse(text);
  } catch (const toml::parse_error&) {
    return std::nullopt;
  }
}

void check_choices(const std::string& collection, const ColumnChoices& choices) {
  const auto& specs = collection_specs();
  const auto spec = std::find_if(specs.begin(), specs.end(),
                                 [&](const CollectionSpec& s) { return s.name == collection; });
  if (spec == specs.end() || collection == "duties")
    throw ImportError(say("没有叫 " + collection + " 的表", "there is no table " + collection));
  for (const auto& [header, field] : choices) {
    if (trim(header).empty() || trim(header) != header || !is_valid_utf8(header) ||
        std::any_of(header.begin(), header.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }))
      throw ImportError(say(
          "列名“" + header + "”是空的、前后有空格或有控制字符，不能记住",
          "the header \"" + header + "\" is empty, has spaces around it or control characters"));
    if (std::none_of(spec->fields.begin(), spec->fields.end(),
                     [&](const FieldSpec& f) { return f.key == field; }))
      throw ImportError(say("“" + field + "”不是 " + collection + " 的字段",
                            "\"" + field + "\" is not a field of " + collection));
  }
}

// Whether `line` is the header of [columns.<collection>] (spaces, quotes and a comment allowed).
bool is_section_header(std::string_view line, const std::string& collection) {
  line = trim(line);
  if (!line.starts_with('[') || line.starts_with("[[")) return false;
  const std::size_t close = line.find(']');
  if (close == std::string_view::npos) return false;
  std::string key;
  for (char c : line.substr(1, close - 1)) {
    if (c != ' ' && c != '\t' && c != '"' && c != '\'') key += c;
  }
  return key == "columns." + collection;
}

// site.toml with `lines` (already formatted) added under [columns.<collection>].
std::string with_keys(const std::string& text, const std::string& collection,
                      const std::vector<std::string>& keys) {
  const std::string nl = text.find("\r\n") != std::string::npos ? "\r\n" : "\n";
  std::string block;
  for (const std::string& key : keys) block += key + nl;
  // Line starts, to find the section and where its last key ends.
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && i + 1 < text.size()) starts.push_back(i + 1);
  }
  const auto line = [&](std::size_t n) {
    const std::size_t end = n + 1 < starts.size() ? starts[n + 1] : text.size();
    return std::string_view(text).substr(starts[n], end - starts[n]);
  };
  for (std::size_t n = 0; n < starts.size(); ++n) {
    if (!is_section_header(line(n), collection)) continue;
    std::size_t last = n;  // the section's last key (comments and blank lines after it stay below)
    for (std::size_t m = n + 1; m < starts.size(); ++m) {
      const std::string_view t = trim(line(m));
      if (t.starts_with('[')) break;
      if (!t.empty() && t != "\n" && !t.starts_with('#')) last = m;
    }
    std::string out = text;
    std::size_t at = last + 1 < starts.size() ? starts[last + 1] : text.size();
    if (at == text.size() && !text.empty() && text.back() != '\n') {
      out += nl;
      at = out.size();
    }
    return out.insert(at, block);
  }
  std::string out = text;
  if (!out.empty() && out.back() != '\n') out += nl;
  if (!out.empty()) out += nl;
  return out + "[columns." + collection + "]" + nl + block;
}

}  // namespace

void remember_columns(const fs::path& content_dir, const std::string& collection,
                      const ColumnChoices& choices) {
  check_choices(collection, choices);
  const fs::path file = content_dir / "site.toml";
  struct stat st {};
  if (::lstat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    throw ImportError(say(
        "site.toml 不是内容文件夹里的普通文件（不存在，或是快捷方式），没有改动",
        "site.toml is not a regular file in the content folder (missing, or a link); not changed"));
  const std::optional<std::string> text = read_whole_file(file);
  if (!text) throw ImportError(say("读不了 site.toml", "cannot read site.toml"));
  const std::optional<toml::table> before = parse(*text);
  if (!before)
    throw ImportError(
        say("site.toml 本身有错误，没有改动：请先用“检查”页改好它",
            "site.toml does not parse; it was not changed: fix it first (hgj check)"));
  std::vector<std::string> keys;
  for (const auto& [header, field] : choices) {
    const std::optional<std::string> had =
        (*before)["columns"][collection][header].value<std::string>();
    if (had == field) continue;
    if (had)
      throw ImportError(say("site.toml 的 [columns." + collection + "] 已经把“" + header +
                                "”对应到 " + *had + "，没有改动：要改请直接编辑 site.toml",
                            "site.toml's [columns." + collection + "] already maps \"" + header +
                                "\" to " + *had + "; not changed: edit site.toml to change it"));
    keys.push_back(toml_string(header) + " = " + toml_string(field));
  }
  if (keys.empty()) return;
  const std::string edited = with_keys(*text, collection, keys);
  const std::optional<toml::table> after = parse(edited);
  const bool mapped =
      after && std::all_of(choices.begin(), choices.end(), [&](const auto& choice) {
        return (*after)["columns"][collection][choice.first].template value<std::string>() ==
               choice.second;
      });
  if (!mapped)
    throw ImportError(say(
        "site.toml 里 [columns] 的写法没法自动添加，没有改动：请在 site.toml 的 [columns." +
            collection + "] 下手动加上 " + keys.front(),
        "site.toml's [columns] is written in a form that cannot be extended; not changed: add " +
            keys.front() + " under [columns." + collection + "] by hand"));
  if (std::string problem = replace_file_atomically(file, edited); !problem.empty())
    throw ImportError(problem);
}

}  // namespace hgj::studio
