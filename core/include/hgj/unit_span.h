#pragma once
// The units a steward serves, spelled one way for the site, the boards, `hgj diff` and the
// kiosk.

#include <string>

#include "hgj/values.h"

namespace hgj {

// "3", "1–2" (an en dash), or "" for the whole building; the unit word (单元) comes from
// the caller's strings.
std::string unit_span(const BuildingRef& ref);

}  // namespace hgj
