// Every field of bundle.json, described once (bundle_fields.cpp): bundle_to_json() writes
// the tables and parse_bundle() reads them, so a field added to a record of hgj/bundle.h
// is one line there (and its row in docs/kiosk-bundle.md).
#pragma once

#include "bundle_kinds.h"
#include "hgj/bundle.h"

namespace hgj {

// The whole document, from format_version to strings.
const bundle_kinds::Record<Bundle>& bundle_record();

}  // namespace hgj
