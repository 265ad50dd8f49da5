// Reading the keys of one object of bundle.json or manifest.json, for the parser
// (bundle_parse.cpp) and the field kinds (bundle_kinds.h). Every complaint names the file
// and the JSON path of the offending value, e.g.
//   bundle.json: stewards[2].phone.digits: expected a string, got number
// The first problem wins: a kiosk logs one line and keeps its last good bundle.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "hgj/bundle.h"

namespace hgj {

// Records the first schema problem in `error`. After a problem every accessor returns a
// default, so callers read on and check failed() once.
class BundleReader {
 public:
  using json = nlohmann::json;

  BundleReader(const json& object, std::string path, std::string file, BundleError& error)
      : object_(object), path_(std::move(path)), file_(std::move(file)), error_(error) {}

  // "integer", "number", "string", … as messages name a value's type.
  static std::string describe(const json& value) {
    if (value.is_number_integer() || value.is_number_unsigned()) return "integer";
    if (value.is_number_float()) return "number";
    return value.type_name();
  }

  bool failed() const { return static_cast<bool>(error_); }

  void fail(const std::string& key, const std::string& problem) {
    if (failed()) return;
    error_.kind = BundleError::Kind::schema;
    error_.message = file_ + ": " + where(key) + ": " + problem;
  }

  std::string where(const std::string& key) const {
    return path_.empty() ? key : path_ + "." + key;
  }

  // The value of a required key of the given kind, or nullptr (problem recorded).
  const json* get(const std::string& key, json::value_t kind, const char* wanted, bool nullable) {
    if (failed()) return nullptr;
    auto it = object_.find(key);
    if (it == object_.end()) {
      fail(key, "missing");
      return nullptr;
    }
    if (nullable && it->is_null()) return nullptr;
    const bool matches = kind == json::value_t::number_integer
                             ? (it->is_number_integer() || it->is_number_unsigned())
                             : it->type() == kind;
    if (!matches) {
      fail(key, std::string("expected ") + wanted + (nullable ? " or null" : "") + ", got " +
                    describe(*it));
      return nullptr;
    }
    return &*it;
  }

  std::string str(const std::string& key) {
    const json* v = get(key, json::value_t::string, "a string", false);
    return v ? v->get<std::string>() : std::string();
  }
  // Null: nullopt.
  std::optional<std::string> opt_str(const std::string& key) {
    const json* v = get(key, json::value_t::string, "a string", true);
    if (!v) return std::nullopt;
    return v->get<std::string>();
  }
  std::int64_t integer(const std::string& key) {
    const json* v = get(key, json::value_t::number_integer, "an integer", false);
    return v ? v->get<std::int64_t>() : 0;
  }
  int count(const std::string& key) {
    const std::int64_t n = integer(key);
    if (n < 0 || n > 1'000'000)
      fail(key, "expected a count from 0 to 1000000, got " + std::to_string(n));
    return failed() ? 0 : static_cast<int>(n);
  }
  bool boolean(const std::string& key) {
    const json* v = get(key, json::value_t::boolean, "true or false", false);
    return v && v->get<bool>();
  }
  // Keys a bundle gained later (docs/kiosk-bundle.md): a bundle written before them still reads.
  bool has(const std::string& key) const { return object_.contains(key); }
  const json* array(const std::string& key) {
    return get(key, json::value_t::array, "an array", false);
  }
  const json* object(const std::string& key) {
    return get(key, json::value_t::object, "an object", false);
  }
  const json* opt_object(const std::string& key) {
    return get(key, json::value_t::object, "an object", true);
  }

  std::vector<std::string> strings(const std::string& key) {
    std::vector<std::string> items;
    const json* list = array(key);
    if (!list) return items;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const json& item = (*list)[i];
      if (!item.is_string()) {
        fail(key + "[" + std::to_string(i) + "]", "expected a string, got " + describe(item));
        return {};
      }
      items.push_back(item.get<std::string>());
    }
    return items;
  }

  Date date(const std::string& key) {
    const std::string text = str(key);
    if (failed()) return {};
    return checked_date(key, text);
  }
  std::optional<Date> opt_date(const std::string& key) {
    const std::optional<std::string> text = opt_str(key);
    if (!text || failed()) return std::nullopt;
    return checked_date(key, *text);
  }

  // A phone object {display, digits} or null.
  std::optional<Phone> phone(const std::string& key) {
    const json* v = opt_object(key);
    if (!v) return std::nullopt;
    BundleReader inner(*v, where(key), file_, error_);
    Phone p;
    p.display = inner.str("display");
    p.digits = inner.str("digits");
    if (!failed() && p.digits.empty()) inner.fail("digits", "is empty");
    if (failed()) return std::nullopt;
    return p;
  }

  // A reader for the object under `key`; nullopt when it is missing or not an object
  // (problem recorded).
  std::optional<BundleReader> inner(const std::string& key) {
    const json* v = object(key);
    if (!v) return std::nullopt;
    return BundleReader(*v, where(key), file_, error_);
  }

  // Each element of an array of objects, with a reader for it.
  template <class T, class Fn>
  std::vector<T> each(const std::string& key, Fn&& read_one) {
    std::vector<T> items;
    const json* list = array(key);
    if (!list) return items;
    for (std::size_t i = 0; i < list->size() && !failed(); ++i) {
      const json& item = (*list)[i];
      const std::string item_path = where(key) + "[" + std::to_string(i) + "]";
      if (!item.is_object()) {
        error_.kind = BundleError::Kind::schema;
        error_.message = file_ + ": " + item_path + ": expected an object, got " + describe(item);
        return {};
      }
      BundleReader inner(item, item_path, file_, error_);
      items.push_back(read_one(inner));
    }
    return items;
  }

 private:
  Date checked_date(const std::string& key, const std::string& text) {
    Parsed<Date> d = parse_date(text);
    if (!d) {
      fail(key, "\"" + text + "\" " + d.error);
      return {};
    }
    return *d.value;
  }

  const json& object_;
  std::string path_;
  std::string file_;
  BundleError& error_;
};

}  // namespace hgj
