#include "field_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "hgj/image_signature.h"
#include "hgj/language.h"
#include "hgj/ledger_values.h"
#include "nearest.h"

namespace hgj {

namespace fs = std::filesystem;

FieldReader::FieldReader(const Record& record, const CollectionSpec& spec, DiagnosticSink& sink,
                         const ContentPaths& paths)
    : record_(record), spec_(spec), sink_(sink), paths_(paths) {}

const FieldValue* FieldReader::value(const std::string& key) const {
  const FieldValue* v = record_.get(key);
  if (v == nullptr || (v->text.empty() && v->items.empty())) return nullptr;
  return v;
}

std::string FieldReader::label(const std::string& key) const {
  return record_.label(spec_.field(key));
}

SourceLocation FieldReader::where(const std::string& key) const {
  const FieldValue* v = record_.get(key);
  return v ? record_.location(*v) : record_.where;
}

void FieldReader::error(const std::string& key, std::string message) {
  ok_ = false;
  sink_.add(record_.diagnostic(where(key), Severity::error, std::move(message)));
}

void FieldReader::warning(const std::string& key, std::string message) {
  sink_.add(record_.diagnostic(where(key), Severity::warning, std::move(message)));
}

void FieldReader::invalid(const std::string& key, const std::string& raw, const std::string& why) {
  error(key, say(label(key) + "“" + raw + "”" + why, label(key) + " \"" + raw + "\" " + why));
}

void FieldReader::missing(const std::string& key) {
  const std::vector<std::string>& misplaced = record_.misplaced;
  // Found under a [table], or a workbook cell that could not be read: reported there,
  // and not again as missing.
  if (std::find(misplaced.begin(), misplaced.end(), key) != misplaced.end() ||
      sink_.is_cause(cell_cause(where(key)))) {
    ok_ = false;
    return;
  }
  error(key, say(label(key) + "必须填写", label(key) + " is required"));
}

namespace {

std::size_t characters(std::string_view utf8) {
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string too_long(const std::string& what, std::size_t length, CharLimit limit) {
  return say(what + "有 " + std::to_string(length) + " 个字，请删减到 " + std::to_string(limit) +
                 " 个字以内，公示牌和屏幕才放得下",
             what + " is " + std::to_string(length) + " characters long; keep it within " +
                 std::to_string(limit) + " so that it fits boards and screens");
}

}  // namespace

void FieldReader::check_lengths() {
  for (const FieldSpec& field : spec_.fields) {
    const FieldValue* v = field.max_chars == 0 ? nullptr : value(field.key);
    if (v == nullptr) continue;
    const std::size_t length = characters(v->text);
    if (length > field.max_chars)
      warning(field.key, too_long(label(field.key), length, field.max_chars));
  }
  const Markdown& body = record_.body;
  if (spec_.body_max_chars == 0 || body.text.size() <= spec_.body_max_chars) return;
  const std::size_t length = characters(body.text);
  if (length > spec_.body_max_chars) {
    sink_.warning(body.where, too_long(say("正文", "the text after the front matter"), length,
                                       spec_.body_max_chars));
  }
}

namespace {

// Fields that hold a person's or a place's name: a `?` anywhere in one is a lost
// character (no name has a question mark).
bool is_name_field(std::string_view key) {
  return key == "name" || key == "leader" || key == "worker" || key == "party_secretary" ||
         key == "handled_by";
}

// Whether the text holds a character that a GBK/ANSI save lost: U+FFFD anywhere, a `?` in
// a name, or a `?` with Chinese (any non-ASCII) right after it — a question typed in a
// sentence ends it ("怎么办?"), while a lost character sits inside the words ("张?兰").
// The byte offset of the first such character, or npos.
std::size_t lost_character(std::string_view key, std::string_view text) {
  std::size_t found = text.find("\xEF\xBF\xBD");
  for (std::size_t at = text.find('?'); at != std::string_view::npos && at < found;
       at = text.find('?', at)) {
    const std::size_t next = text.find_first_not_of('?', at);
    if (is_name_field(key) ||
        (next != std::string_view::npos && static_cast<unsigned char>(text[next]) >= 0x80)) {
      found = at;
      break;
    }
    at = next == std::string_view::npos ? text.size() : next;
  }
  return found;
}

// Up to ten characters either side of byte `at`, with … where text was cut: enough to
// find the place in a long 处理结果.
std::string around(std::string_view text, std::size_t at) {
  const auto lead = [&](std::size_t i) {
    return (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  };
  std::size_t from = at, to = at;
  for (int n = 0; n < 10 && from > 0;) {
    if (lead(--from)) ++n;
  }
  for (int n = 0; n <= 10 && to < text.size(); ++to) {
    if (lead(to) && ++n > 10) break;
  }
  return (from > 0 ? "…" : "") + std::string(text.substr(from, to - from)) +
         (to < text.size() ? "…" : "");
}

}  // namespace

void FieldReader::check_lost_characters() {
  // Only tables pass through an encoding that loses characters; the ids have their own
  // check (a `?` is no id character).
  if (!record_.from_csv) return;
  for (const auto& [key, v] : record_.fields) {
    const std::size_t lost = key == "id" ? std::string_view::npos : lost_character(key, v.text);
    if (lost == std::string_view::npos) continue;
    const std::string at = label(std::string(key)) + " \"" + around(v.text, lost) + "\"";
    warning(std::string(key),
            say(at + " 里有 ? 或 �，多半是一个丢失的字：表格存成 GBK/ANSI 编码的 CSV 时，"
                     "GBK 里没有的字（生僻字，如“䶮”“𠀀”）会变成 ?。请改回原字，并把表格存成 "
                     ".xlsx；要用 CSV 时，在 Excel 的“另存为”里把“保存类型”选为“CSV UTF-8(逗号分隔)"
                     "(*.csv)”，WPS 里选“Excel 工作簿(*.xlsx)”",
                at + " holds ? or �, most likely a lost character: saving a table as a GBK/ANSI "
                     "CSV turns every character GBK does not have (rare characters in names) "
                     "into ?. Type the character again and save the table as .xlsx; for a CSV, "
                     "choose \"CSV UTF-8 (Comma delimited) (*.csv)\" as the type in Excel's "
                     "Save As (in WPS, \"Excel 工作簿(*.xlsx)\")"));
  }
}

std::string FieldReader::id() {
  const std::string text = normalized("id", true);
  if (!text.empty() && !is_valid_id(text)) {
    invalid("id", text,
            say("不是有效的编号：只能用英文字母、数字、- 和 _，最多 64 个字符",
                "is not a valid id (letters, digits, - and _, at most 64)"));
    return {};
  }
  return text;
}

std::string FieldReader::text(const std::string& key, bool required) {
  const FieldValue* v = value(key);
  if (v == nullptr) {
    if (required) missing(key);
    return {};
  }
  return v->text;
}

std::string FieldReader::normalized(const std::string& key, bool required) {
  return normalize_width(text(key, required));
}

namespace {

// What a parser reads: the text itself when it is ASCII (nearly every cell of a city's
// 100,000 rows), else its full-width forms folded into `folded`.
std::string_view fold(const std::string& raw, std::string& folded) {
  if (std::all_of(raw.begin(), raw.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return raw;
  folded = normalize_width(raw);
  return folded;
}

}  // namespace

std::optional<Phone> FieldReader::phone(const std::string& key, bool required) {
  const std::string raw = text(key, required);
  if (raw.empty()) return std::nullopt;
  std::string folded;
  const std::string_view read = fold(raw, folded);
  Parsed<Phone> parsed = parse_phone(read);
  if (parsed) return parsed.value;
  // A number-typed cell drops a landline's 0: read the likely number and say so, as
  // refusing it would only send staff hunting for what they cannot see in Excel.
  if (std::optional<Phone> likely = landline_without_zero(read)) {
    warning(key, say(label(key) + "“" + raw + "”丢了开头的 0，已按 " + likely->display +
                         " 读取；请把这一列设为“文本”格式",
                     label(key) + " \"" + raw + "\" has lost its leading 0; read as " +
                         likely->display + " (format the column as text)"));
    return likely;
  }
  invalid(key, raw, parsed.error);
  return std::nullopt;
}

std::optional<Date> FieldReader::date(const std::string& key, bool required) {
  const std::string raw = text(key, required);
  if (raw.empty()) return std::nullopt;
  std::string folded;
  Parsed<Date> parsed = parse_date(fold(raw, folded));
  if (!parsed) invalid(key, raw, parsed.error);
  return parsed.value;
}

std::optional<DateTime> FieldReader::date_time(const std::string& key) {
  const std::string raw = text(key);
  if (raw.empty()) return std::nullopt;
  std::string folded;
  Parsed<DateTime> parsed = parse_date_time(fold(raw, folded));
  if (!parsed) invalid(key, raw, parsed.error);
  return parsed.value;
}

std::string FieldReader::clock(const std::string& key) {
  const std::string raw = text(key);
  if (raw.empty()) return {};
  std::string folded;
  Parsed<int> parsed = parse_clock(fold(raw, folded));
  if (!parsed) {
    invalid(key, raw, parsed.error);
    return {};
  }
  char text[16];
  std::snprintf(text, sizeof text, "%02d:%02d", *parsed.value / 60 % 100, *parsed.value % 60);
  return text;
}

bool FieldReader::boolean(const std::string& key, bool fallback) {
  const std::string raw = text(key);
  if (raw.empty()) return fallback;
  Parsed<bool> parsed = parse_bool(raw);
  if (!parsed) invalid(key, raw, parsed.error);
  return parsed.value.value_or(fallback);
}

int FieldReader::count(const std::string& key) {
  const std::string raw = text(key);
  if (raw.empty()) return 0;
  std::string folded;
  Parsed<int> parsed = parse_count(fold(raw, folded));
  if (!parsed) invalid(key, raw, parsed.error);
  return parsed.value.value_or(0);
}

std::optional<int> FieldReader::integer(const std::string& key) {
  const std::string raw = text(key);
  if (raw.empty()) return std::nullopt;
  std::string_view digits = trim(raw);
  const bool negative = digits.starts_with('-');
  if (negative) digits.remove_prefix(1);
  const bool starts_with_digit = !digits.empty() && digits.front() >= '0' && digits.front() <= '9';
  const Parsed<int> parsed = parse_count(digits);
  if (!starts_with_digit || !parsed) {
    invalid(key, raw,
            say("不是整数：请写 1、2、10 这样的数字", "is not a whole number such as 1, 2 or 10"));
    return std::nullopt;
  }
  return negative ? -*parsed.value : *parsed.value;
}

std::vector<std::string> FieldReader::list(const std::string& key, bool split_on_space) {
  const FieldValue* v = value(key);
  if (v == nullptr) return {};
  if (!v->is_array) return split_list(v->text, split_on_space);
  std::vector<std::string> items;
  for (const std::string& item : v->items) {
    std::string trimmed(trim(item));
    if (!trimmed.empty()) items.push_back(std::move(trimmed));
  }
  return items;
}

std::string FieldReader::one_of(const std::string& key, const std::vector<std::string>& allowed,
                                bool required) {
  const std::string raw = text(key, required);
  if (raw.empty()) return raw;
  if (std::find(allowed.begin(), allowed.end(), raw) != allowed.end()) return raw;
  std::string choices, zh_choices;
  for (const std::string& a : allowed) {
    choices += (choices.empty() ? "" : " ") + a;
    zh_choices += (zh_choices.empty() ? "" : "、") + a;
  }
  invalid(key, raw,
          say("不在可选的值里：请写 " + zh_choices + " 中的一个", "is not one of: " + choices));
  return {};
}

std::string FieldReader::reference(const std::string& key,
                                   const std::function<bool(const std::string&)>& exists,
                                   const std::string& what, bool required, const Referable* names) {
  const std::string raw = text(key, required);
  if (raw.empty()) return raw;
  return resolve(key, raw, exists, what, names);
}

bool FieldReader::fold_into(const std::string& collection) {
  if (!sink_.fold("collection:" + collection)) return false;
  ok_ = false;
  return true;
}

std::string FieldReader::resolve(const std::string& key, const std::string& raw,
                                 const std::function<bool(const std::string&)>& exists,
                                 const std::string& what, const Referable* names) {
  if (exists(raw)) return raw;  // an id as typed: the usual case
  const std::string id = normalize_width(raw);
  if (id != raw && exists(id)) return id;
  // The table these ids live in could not be read: its one error says so, and this
  // reference is counted under it rather than reported as another problem.
  if (fold_into(what)) return {};
  const CollectionSpec& target = collection_spec(what);
  const std::string& one = target.singular;
  const std::string& zh = target.chinese;
  if (names == nullptr) {
    invalid(key, raw,
            say("不是已有的" + zh + "编号：请写" + zh + "表里已有的编号", "is not a known " + one));
    return {};
  }
  // A name unique in its collection is as good as the id: no message, as a ledger
  // written with names is what staff keep, and the site shows names anyway.
  if (auto named = names->ids_by_name.find(std::string(trim(raw)));
      named != names->ids_by_name.end()) {
    const std::vector<std::string>& ids = named->second;
    if (ids.size() == 1) return ids.front();
    const std::string plural =
        one.ends_with('y') ? one.substr(0, one.size() - 1) + "ies" : one + "s";
    std::string list;
    for (const std::string& candidate : ids) list += (list.empty() ? "" : ", ") + candidate;
    std::string zh_list;
    for (const std::string& candidate : ids) zh_list += (zh_list.empty() ? "" : "、") + candidate;
    invalid(key, raw,
            say("是 " + std::to_string(ids.size()) + " 个" + zh + "的名字（" + zh_list +
                    "）：请改写成其中要指的那一个的编号，例如 " + ids.front(),
                "is the name of " + std::to_string(ids.size()) + " " + plural + " (" + list +
                    "); write the id of the one meant"));
    return {};
  }
  std::vector<std::string> near = nearest(id, names->ids);
  for (const std::string& name : nearest(trim(raw), names->names)) {
    const std::vector<std::string>& ids = names->ids_by_name.at(name);
    if (near.size() < 3)
      near.push_back(name + " (" + ids.front() + (ids.size() > 1 ? ", …" : "") + ")");
  }
  std::string message = "is not a known " + one;
  std::string zh_message = "不是已有的" + zh + "编号或名字";
  if (!near.empty()) {
    std::string list;
    for (const std::string& n : near) list += (list.empty() ? "" : ", ") + n;
    message += " (did you mean " + list + "?)";
    std::string zh_list;
    for (const std::string& n : near) zh_list += (zh_list.empty() ? "" : "、") + n;
    zh_message += "：是不是 " + zh_list + "？";
  } else {
    zh_message += "：请先在" + zh + "表里添上它，或改写成已有的编号";
  }
  invalid(key, raw, say(zh_message, message));
  return {};
}

namespace {

// JPEG, PNG, GIF or WebP, judged by the first bytes.
bool file_looks_like_image(const fs::path& file) {
  // Twelve bytes, not a stream's buffer of 8 KB (and the read-ahead that brings).
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char head[12] = {};
  const ssize_t got = ::pread(fd, head, sizeof head, 0);
  ::close(fd);
  return hgj::looks_like_image(std::string_view(head, got > 0 ? static_cast<std::size_t>(got) : 0));
}

}  // namespace

std::string FieldReader::path(const std::string& key) {
  const std::string raw = text(key);
  if (raw.empty()) return raw;
  const fs::path relative = fs::path(raw).lexically_normal();
  const std::optional<fs::path> full = paths_.inside(relative);
  if (!full) {
    invalid(key, raw,
            say("在内容文件夹外面：照片请放进内容文件夹，再写它在文件夹里的路径",
                "is outside the content folder"));
    return {};
  }
  std::error_code ec;
  if (!fs::is_regular_file(*full, ec)) {
    invalid(key, raw, say("这个文件不存在：请检查文件名和文件夹", "does not exist"));
    return {};
  }
  if (!file_looks_like_image(*full)) {
    warning(key, say(label(key) + "“" + raw + "”不是 JPEG、PNG、GIF 或 WebP 图片",
                     label(key) + " \"" + raw + "\" is not a JPEG, PNG, GIF or WebP image"));
  }
  return relative.generic_string();
}

}  // namespace hgj
