// Compact JSON written straight into a string, for the site's large data files. Building
// an nlohmann object for each record (a std::map of values) and dumping it cost several
// times the writing itself: issues.json holds 100,000 records at city scale. Strings
// still go through nlohmann's own serializer, so their escaping and the replacement of
// bad UTF-8 are exactly json::dump's; callers give an object's keys in sorted order,
// as json::dump writes them, so the bytes are the same too.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace hgj::site {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out);

  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }
  // An object's next key: plain ASCII (written as it is), after the one before.
  JsonWriter& key(std::string_view name);
  JsonWriter& string(const std::string& value);
  JsonWriter& string_or_null(const std::string& value);  // null when empty
  JsonWriter& number(long long value);
  JsonWriter& boolean(bool value);
  JsonWriter& null();

 private:
  // The comma before every value of an object or array but its first.
  void separate();
  JsonWriter& open(char bracket);  // an object or array
  JsonWriter& close(char bracket);

  std::string& out_;
  nlohmann::json scratch_;  // holds each string for the serializer, reusing its buffer
  nlohmann::detail::serializer<nlohmann::json> serializer_;
  std::vector<bool> empty_;  // for each open object or array: nothing in it yet
  bool after_key_ = false;
};

}  // namespace hgj::site
