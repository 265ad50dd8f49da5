#include "field_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "hgj/image_signature.h"

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
  error(key, label(key) + " \"" + raw + "\" " + why);
}

void FieldReader::missing(const std::string& key) { error(key, label(key) + " is required"); }

namespace {

std::size_t characters(std::string_view utf8) {
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string too_long(const std::string& what, std::size_t length, CharLimit limit) {
  return what + " is " + std::to_string(length) + " characters long; keep it within " +
         std::to_string(limit) + " so that it fits boards and screens";
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
    sink_.warning(body.where,
                  too_long("the text after the front matter", length, spec_.body_max_chars));
  }
}

std::string FieldReader::id() {
  const std::string text = this->text("id", true);
  if (!text.empty() && !is_valid_id(text)) {
    invalid("id", text, "is not a valid id (letters, digits, - and _, at most 64)");
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

std::optional<Phone> FieldReader::phone(const std::string& key, bool required) {
  const std::string raw = text(key, required);
  if (raw.empty()) return std::nullopt;
  Parsed<Phone> parsed = parse_phone(raw);
  if (!parsed) invalid(key, raw, parsed.error);
  return parsed.value;
}

std::optional<Date> FieldReader::date(const std::string& key, bool required) {
  const std::string raw = text(key, required);
  if (raw.empty()) return std::nullopt;
  Parsed<Date> parsed = parse_date(raw);
  if (!parsed) invalid(key, raw, parsed.error);
  return parsed.value;
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
  Parsed<int> parsed = parse_count(raw);
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
    invalid(key, raw, "is not a whole number such as 1, 2 or 10");
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
  std::string choices;
  for (const std::string& a : allowed) choices += (choices.empty() ? "" : " ") + a;
  invalid(key, raw, "is not one of: " + choices);
  return {};
}

std::string FieldReader::reference(const std::string& key,
                                   const std::function<bool(const std::string&)>& exists,
                                   const std::string& what, bool required) {
  const std::string raw = text(key, required);
  if (raw.empty() || exists(raw)) return raw;
  invalid(key, raw, "is not a known " + what);
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
    invalid(key, raw, "is outside the content folder");
    return {};
  }
  std::error_code ec;
  if (!fs::is_regular_file(*full, ec)) {
    invalid(key, raw, "does not exist");
    return {};
  }
  if (!file_looks_like_image(*full)) {
    warning(key, label(key) + " \"" + raw + "\" is not a JPEG, PNG, GIF or WebP image");
  }
  return relative.generic_string();
}

}  // namespace hgj
