// What staff are told about each field, written once: the kind of value it holds, whether
// it is required, and a Chinese hint with an example. `hgj new` writes the hints into its
// skeletons; `hgj init` and `hgj export` make the workbook's columns from them (cell
// formats, drop-downs, header notes). Headers and labels come from schema.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "hgj/schema.h"

namespace hgj {

enum class FieldKind {
  text,        // free text
  id,          // an id: text cell, so Excel never makes 001 into 1
  phone,       // text cell, so Excel never drops a landline's leading 0
  date,        // a date cell
  yes_no,      // 是/否 drop-down
  whole,       // a whole number
  reference,   // an id (or a unique name) of `refers_to`'s collection
  references,  // several ids of `refers_to`, separated by 、
  choice,      // one of `choices`
  category,    // one of site.toml's categories
  path,        // a file under content/
  structure,   // TOML only (an array of tables)
};

struct FieldGuide {
  std::string key;
  FieldKind kind = FieldKind::text;
  bool required = false;
  std::string hint;                  // what to write, with an example
  std::string refers_to;             // reference(s): the collection
  std::vector<std::string> choices;  // choice: the allowed values
  std::string empty = "\"\"";        // the TOML value a skeleton starts with
};

struct CollectionGuide {
  std::string collection;          // stewards
  std::string kind;                // steward (hgj new's word)
  std::string what;                // 红管家
  std::vector<FieldGuide> fields;  // every field of the collection's spec, in its order
  std::string body_hint;           // what a Markdown body is for
};

// Every collection staff write, in the spec's loading order.
const std::vector<CollectionGuide>& collection_guides();
// The guide for `hgj new KIND` (steward) or nullptr.
const CollectionGuide* guide_for_kind(std::string_view kind);
const CollectionGuide& guide_for_collection(std::string_view collection);
// The guide's field for `key`, or nullptr.
const FieldGuide* find_field(const CollectionGuide& guide, std::string_view key);

}  // namespace hgj
