#include "site/pages/json_writer.h"

#include "hgj/encoding.h"

namespace hgj::site {

using json = nlohmann::json;

JsonWriter::JsonWriter(std::string& out)
    : out_(out),
      scratch_(std::string()),
      serializer_(nlohmann::detail::output_adapter<char, std::string>(out), ' ',
                  json::error_handler_t::replace) {}

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
  } else if (!empty_.empty()) {
    if (!empty_.back()) out_ += ',';
    empty_.back() = false;
  }
}

JsonWriter& JsonWriter::open(char bracket) {
  separate();
  out_ += bracket;
  empty_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  out_ += bracket;
  empty_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  separate();
  out_ += '"';
  out_ += name;
  out_ += "\":";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::string(const std::string& value) {
  separate();
  if (!is_valid_utf8(value)) {  // the serializer puts U+FFFD for what does not decode
    scratch_.get_ref<std::string&>() = value;
    serializer_.dump(scratch_, false, false, 0);
    return *this;
  }
  // By hand, as the serializer writes it: a city's issues.json is 40 MB of strings.
  static constexpr char hex[] = "0123456789abcdef";
  out_ += '"';
  std::size_t from = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_.append(value, from, i - from);
    from = i + 1;
    switch (c) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\b':
        out_ += "\\b";
        break;
      case '\f':
        out_ += "\\f";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      case '\t':
        out_ += "\\t";
        break;
      default:
        out_ += "\\u00";
        out_ += hex[c >> 4];
        out_ += hex[c & 15];
    }
  }
  out_.append(value, from, std::string::npos);
  out_ += '"';
  return *this;
}

JsonWriter& JsonWriter::string_or_null(const std::string& value) {
  return value.empty() ? null() : string(value);
}

JsonWriter& JsonWriter::number(long long value) {
  separate();
  out_ += std::to_string(value);
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  separate();
  out_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

}  // namespace hgj::site
