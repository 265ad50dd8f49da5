// Form fields as browsers send them: application/x-www-form-urlencoded bodies and query
// strings. Small and strict: a bad escape is kept as written, never a crash.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hgj::studio {

class Form {
 public:
  Form() = default;
  // "a=1&b=%E4%B8%AD+x": '+' is a space, %XX a byte.
  explicit Form(std::string_view encoded);

  // The first value of that name, or "".
  std::string get(std::string_view name) const;
  // Every value of that name, in order (checkboxes).
  std::vector<std::string> all(std::string_view name) const;
  bool has(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// Percent-decoding of one form value ('+' as a space).
std::string form_decode(std::string_view text);
// Percent-encoding for a query value: everything but A-Z a-z 0-9 - _ . ~.
std::string url_encode(std::string_view text);

}  // namespace hgj::studio
