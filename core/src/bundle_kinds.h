// The kinds of a bundle.json field, each written and read in one place: a field of the
// tables in bundle_fields.cpp is a JSON name, a member, a kind (the function that makes
// it: text, count, phone, records …), whether it must be present, and its limits. The
// writer and the parser walk the same table, so a field is described once.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bundle_reader.h"
#include "hgj/bundle.h"

namespace hgj::bundle_kinds {

using json = nlohmann::json;

// One key of a record's object (or, for inline(), several).
template <class T>
struct Field {
  std::string key;
  std::function<void(const T&, json&)> write;   // sets the key in the record's object
  std::function<void(BundleReader&, T&)> read;  // reads it, the first problem recorded
  bool added_later = false;             // may be absent: a bundle written before it still reads
  bool (*carried)(const T&) = nullptr;  // when set and false: neither written nor read
};

// A record type's fields, read in this order (the first problem is the one reported),
// and the rules between them, checked once they are read.
template <class T>
struct Record {
  std::vector<Field<T>> fields;
  void (*check)(BundleReader&, const T&) = nullptr;
};

template <class T>
json write_record(const Record<T>& record, const T& value) {
  json object = json::object();
  for (const Field<T>& f : record.fields) {
    if (!f.carried || f.carried(value)) f.write(value, object);
  }
  return object;
}

template <class T>
void read_record(const Record<T>& record, BundleReader& r, T& value) {
  for (const Field<T>& f : record.fields) {
    if (r.failed()) return;
    if (f.carried && !f.carried(value)) continue;
    if (f.added_later && !r.has(f.key)) continue;
    f.read(r, value);
  }
  if (record.check && !r.failed()) record.check(r, value);
}

// A limit on a text: the values allowed, and what is said of another ("\"x\" " + problem).
struct TextRule {
  bool (*allows)(std::string_view text);
  const char* problem;
};

inline void check_text(BundleReader& r, const std::string& key, const std::string& text,
                       const TextRule* rule) {
  if (rule && !r.failed() && !rule->allows(text)) r.fail(key, "\"" + text + "\" " + rule->problem);
}

// A string, always present.
template <class T>
Field<T> text(std::string key, std::string T::*m, const TextRule* rule = nullptr) {
  return {key, [key, m](const T& v, json& j) { j[key] = v.*m; },
          [key, m, rule](BundleReader& r, T& v) {
            v.*m = r.str(key);
            check_text(r, key, v.*m, rule);
          }};
}

// A string that is null when empty (a path, a screen's optional setting).
template <class T>
Field<T> text_or_null(std::string key, std::string T::*m, const TextRule* rule = nullptr) {
  return {key,
          [key, m](const T& v, json& j) { j[key] = (v.*m).empty() ? json(nullptr) : json(v.*m); },
          [key, m, rule](BundleReader& r, T& v) {
            v.*m = r.opt_str(key).value_or("");
            if (!(v.*m).empty()) check_text(r, key, v.*m, rule);
          }};
}

// A whole number of any size (format_version, generated_at).
template <class T, class N>
Field<T> integer(std::string key, N T::*m) {
  return {key, [key, m](const T& v, json& j) { j[key] = v.*m; },
          [key, m](BundleReader& r, T& v) { v.*m = static_cast<N>(r.integer(key)); }};
}

// A count: 0 to 1,000,000 (units, households, unit numbers, kiosk seconds).
template <class T>
Field<T> count(std::string key, int T::*m) {
  return {key, [key, m](const T& v, json& j) { j[key] = v.*m; },
          [key, m](BundleReader& r, T& v) { v.*m = r.count(key); }};
}

template <class T>
Field<T> flag(std::string key, bool T::*m) {
  return {key, [key, m](const T& v, json& j) { j[key] = v.*m; },
          [key, m](BundleReader& r, T& v) { v.*m = r.boolean(key); }};
}

// YYYY-MM-DD.
template <class T>
Field<T> date(std::string key, Date T::*m) {
  return {key, [key, m](const T& v, json& j) { j[key] = (v.*m).iso(); },
          [key, m](BundleReader& r, T& v) { v.*m = r.date(key); }};
}

// YYYY-MM-DD or null.
template <class T>
Field<T> date(std::string key, std::optional<Date> T::*m) {
  return {key,
          [key, m](const T& v, json& j) { j[key] = v.*m ? json((v.*m)->iso()) : json(nullptr); },
          [key, m](BundleReader& r, T& v) { v.*m = r.opt_date(key); }};
}

// {"display", "digits"} (digits not empty) or null.
template <class T>
Field<T> phone(std::string key, std::optional<Phone> T::*m) {
  return {key,
          [key, m](const T& v, json& j) {
            const std::optional<Phone>& p = v.*m;
            j[key] = p ? json{{"display", p->display}, {"digits", p->digits}} : json(nullptr);
          },
          [key, m](BundleReader& r, T& v) { v.*m = r.phone(key); }};
}

// An array of strings.
template <class T>
Field<T> texts(std::string key, std::vector<std::string> T::*m) {
  return {key, [key, m](const T& v, json& j) { j[key] = v.*m; },
          [key, m](BundleReader& r, T& v) { v.*m = r.strings(key); }};
}

// An object of strings by key.
template <class T>
Field<T> words(std::string key, std::map<std::string, std::string> T::*m) {
  return {key, [key, m](const T& v, json& j) { j[key] = v.*m; },
          [key, m](BundleReader& r, T& v) {
            const json* object = r.object(key);
            if (!object) return;
            for (auto it = object->begin(); it != object->end(); ++it) {
              if (!it->is_string()) {
                r.fail(key + "." + it.key(),
                       "expected a string, got " + BundleReader::describe(*it));
                return;
              }
              (v.*m)[it.key()] = it->template get<std::string>();
            }
          }};
}

// A value kept as text in the file, or null: `to_text` writes it, `parse` reads it back;
// a text that does not parse is reported with the parser's reason, or with `problem`.
template <class T, class V>
Field<T> parsed_or_null(std::string key, std::optional<V> T::*m, std::string (*to_text)(const V&),
                        Parsed<V> (*parse)(std::string_view), const char* problem = nullptr) {
  return {key,
          [key, m, to_text](const T& v, json& j) {
            j[key] = v.*m ? json(to_text(*(v.*m))) : json(nullptr);
          },
          [key, m, parse, problem](BundleReader& r, T& v) {
            const std::optional<std::string> text = r.opt_str(key);
            if (!text || r.failed()) return;
            Parsed<V> parsed = parse(*text);
            if (parsed)
              v.*m = parsed.value;
            else
              r.fail(key, "\"" + *text + "\" " + (problem ? problem : parsed.error));
          }};
}

// An object described by its own record.
template <class T, class U>
Field<T> object(std::string key, U T::*m, const Record<U>& record) {
  return {key, [key, m, &record](const T& v, json& j) { j[key] = write_record(record, v.*m); },
          [key, m, &record](BundleReader& r, T& v) {
            if (std::optional<BundleReader> inner = r.inner(key)) read_record(record, *inner, v.*m);
          }};
}

// An array of objects described by their record.
template <class T, class U>
Field<T> records(std::string key, std::vector<U> T::*m, const Record<U>& record) {
  return {key,
          [key, m, &record](const T& v, json& j) {
            json list = json::array();
            for (const U& item : v.*m) list.push_back(write_record(record, item));
            j[key] = std::move(list);
          },
          [key, m, &record](BundleReader& r, T& v) {
            v.*m = r.each<U>(key, [&record](BundleReader& inner) {
              U item;
              read_record(record, inner, item);
              return item;
            });
          }};
}

// A member whose own fields stand in this record's object (an event's schedule).
template <class T, class U>
Field<T> inline_fields(U T::*m, const Record<U>& record) {
  return {"", [m, &record](const T& v, json& j) { j.update(write_record(record, v.*m)); },
          [m, &record](BundleReader& r, T& v) { read_record(record, r, v.*m); }};
}

// A key written from the record and never read back (generated_at_iso).
template <class T>
Field<T> derived(std::string key, json (*make)(const T&)) {
  return {key, [key, make](const T& v, json& j) { j[key] = make(v); }, [](BundleReader&, T&) {}};
}

// A field a bundle written before it lacks.
template <class T>
Field<T> added_later(Field<T> f) {
  f.added_later = true;
  return f;
}

// A field written and read only when `carried` says so of the record (read so far).
template <class T>
Field<T> only_when(bool (*carried)(const T&), Field<T> f) {
  f.carried = carried;
  return f;
}

}  // namespace hgj::bundle_kinds
