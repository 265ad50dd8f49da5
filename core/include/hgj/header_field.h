// Which field a table's header cell names: the rule the loader reads CSV and sheet headers
// by, for the workbench, which writes rows into a table the staff laid out.
#pragma once

#include <string_view>

#include "hgj/record.h"
#include "hgj/schema.h"

namespace hgj {

// The field `name` (a trimmed header cell) names: the folder's own mapping (`columns`,
// site.toml's [columns.<collection>], may be nullptr) first, then the spec's keys and
// labels with their aliases; nullptr for none.
const FieldSpec* header_field(const CollectionSpec& spec, const ColumnMap* columns,
                              std::string_view name);

}  // namespace hgj
