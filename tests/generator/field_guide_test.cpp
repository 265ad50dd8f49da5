// The field guide (ledger/field_guide.h) is what `hgj new`, `hgj init` and `hgj export`
// tell staff about every field: it must cover the schema exactly, so a field added to
// schema.cpp without a hint fails here rather than reaching a workbook without a column
// note or a skeleton without a line.
#include "ledger/field_guide.h"

#include <doctest/doctest.h>

#include "hgj/schema.h"

namespace hgj {

TEST_CASE("the field guide covers every field of every collection, in the schema's order") {
  CHECK(collection_guides().size() == collection_specs().size());
  for (const CollectionSpec& spec : collection_specs()) {
    INFO(spec.name);
    const CollectionGuide& guide = guide_for_collection(spec.name);
    REQUIRE(guide.fields.size() == spec.fields.size());
    for (std::size_t i = 0; i < spec.fields.size(); ++i) {
      CHECK(guide.fields[i].key == spec.fields[i].key);
      CHECK(!guide.fields[i].hint.empty());
    }
    CHECK(guide_for_kind(guide.kind) == &guide);
  }
}

TEST_CASE("references in the field guide name collections, choices list their values") {
  for (const CollectionGuide& guide : collection_guides()) {
    for (const FieldGuide& field : guide.fields) {
      INFO(guide.collection << "." << field.key);
      if (field.kind == FieldKind::reference) CHECK_NOTHROW(collection_spec(field.refers_to));
      if (field.kind == FieldKind::choice) CHECK(field.choices.size() >= 2);
    }
  }
}

}  // namespace hgj
