#include "hgj/unit_span.h"

namespace hgj {

std::string unit_span(const BuildingRef& ref) {
  if (ref.whole_building()) return {};
  if (ref.first_unit == ref.last_unit) return std::to_string(ref.first_unit);
  return std::to_string(ref.first_unit) + "–" + std::to_string(ref.last_unit);
}

}  // namespace hgj
