// Typed access to a record's fields for the collection loaders. Every problem becomes
// a diagnostic at the field ("电话 "1380000" is not a valid phone number"); the reader
// remembers whether any were errors so the loader can drop the entity.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "content_paths.h"
#include "hgj/record.h"
#include "hgj/values.h"

namespace hgj {

// What a reference may be written as besides an id: the entities' names (a ledger's
// 经办红管家 column holds 张桂兰, not LY-001), and every id for "did you mean".
struct Referable {
  std::unordered_map<std::string, std::vector<std::string>> ids_by_name;
  std::vector<std::string> ids;    // sorted
  std::vector<std::string> names;  // sorted, each once
};

class FieldReader {
 public:
  FieldReader(const Record& record, const CollectionSpec& spec, DiagnosticSink& sink,
              const ContentPaths& paths);

  bool ok() const { return ok_; }
  const Record& record() const { return record_; }

  // The field's text when present and not empty.
  const FieldValue* value(const std::string& key) const;
  std::string label(const std::string& key) const;

  std::string id();
  std::string text(const std::string& key, bool required = false);
  // The text with full-width forms folded (normalize_width): ids, phones, numbers, dates.
  std::string normalized(const std::string& key, bool required = false);
  std::optional<Phone> phone(const std::string& key, bool required = false);
  std::optional<Date> date(const std::string& key, bool required = false);
  // A date, or a date and HH:MM (parse_date_time).
  std::optional<DateTime> date_time(const std::string& key);
  // "HH:MM" as written (empty when absent or wrong).
  std::string clock(const std::string& key);
  bool boolean(const std::string& key, bool fallback);
  int count(const std::string& key);
  // A whole number that may be negative (排序), nullopt when absent or wrong.
  std::optional<int> integer(const std::string& key);
  // Items of a TOML array or a separated CSV text.
  std::vector<std::string> list(const std::string& key, bool split_on_space);
  // A value that must be one of `allowed` (empty when absent).
  std::string one_of(const std::string& key, const std::vector<std::string>& allowed,
                     bool required = false);
  // An id that `exists` must accept; `what` is the collection ("buildings"), named in the
  // message by its spec. When the collection's table could not be read (its diagnostic
  // marked as cause "collection:<what>"), an unknown id is folded into that one. With
  // `names`, a name unique in the collection stands for its id, an ambiguous one lists
  // the candidates, and an unknown one gets the nearest ids and names.
  std::string reference(const std::string& key,
                        const std::function<bool(const std::string&)>& exists,
                        const std::string& what, bool required = false,
                        const Referable* names = nullptr);
  // The id a name or id stands for; empty after reporting when it names none.
  // `raw` is one item of the field (a list holds several).
  std::string resolve(const std::string& key, const std::string& raw,
                      const std::function<bool(const std::string&)>& exists,
                      const std::string& what, const Referable* names);
  // Counts an unresolvable reference into `collection` under the error that made the
  // collection unreadable (marked "collection:<name>"), instead of reporting it; false
  // when there is no such error and the caller reports the reference itself.
  bool fold_into(const std::string& collection);
  // A file under the content folder that exists (empty when absent).
  std::string path(const std::string& key);

  // A warning for each field longer than its spec allows, and for a body longer than
  // the collection's (FieldSpec::max_chars, CollectionSpec::body_max_chars).
  void check_lengths();
  // A warning for each table cell holding a character lost to a GBK/ANSI save: a `?` in
  // a name or inside Chinese text, or U+FFFD.
  void check_lost_characters();

  void error(const std::string& key, std::string message);
  void warning(const std::string& key, std::string message);
  // "<label> "<raw>" <why>" at the field.
  void invalid(const std::string& key, const std::string& raw, const std::string& why);
  void missing(const std::string& key);

 private:
  SourceLocation where(const std::string& key) const;

  const Record& record_;
  const CollectionSpec& spec_;
  DiagnosticSink& sink_;
  const ContentPaths& paths_;
  bool ok_ = true;
};

}  // namespace hgj
