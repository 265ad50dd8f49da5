#include "hgj/order.h"

#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <climits>
#include <stdexcept>
#include <tuple>

namespace hgj {

struct NameCollation::Impl {
  UCollator* collator = nullptr;
  ~Impl() {
    if (collator) ucol_close(collator);
  }
};

NameCollation::NameCollation() : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  // "zh" is pinyin order in CLDR; numeric ordering makes 2幢 come before 10幢 and 3单元
  // before 12单元, which a plain code-point comparison gets wrong.
  impl_->collator = ucol_open("zh", &status);
  if (U_FAILURE(status))
    throw std::runtime_error(std::string("ICU collator: ") + u_errorName(status));
  ucol_setAttribute(impl_->collator, UCOL_NUMERIC_COLLATION, UCOL_ON, &status);
  if (U_FAILURE(status))
    throw std::runtime_error(std::string("ICU collator: ") + u_errorName(status));
}

NameCollation::~NameCollation() = default;

std::string NameCollation::key(std::string_view utf8_name) const {
  UErrorCode status = U_ZERO_ERROR;
  // ucol_getSortKey wants UTF-16. Invalid UTF-8 cannot reach here (the loader rejects
  // it), but would sort by its replacement characters rather than fail.
  std::u16string text(utf8_name.size(), u'\0');
  int32_t length = 0;
  u_strFromUTF8WithSub(text.data(), static_cast<int32_t>(text.size()), &length, utf8_name.data(),
                       static_cast<int32_t>(utf8_name.size()), 0xFFFD, nullptr, &status);
  if (U_FAILURE(status)) return std::string(utf8_name);
  text.resize(static_cast<std::size_t>(length));
  std::string out(text.size() * 4 + 16, '\0');
  for (;;) {
    const int32_t need =
        ucol_getSortKey(impl_->collator, text.data(), length,
                        reinterpret_cast<uint8_t*>(out.data()), static_cast<int32_t>(out.size()));
    if (need <= static_cast<int32_t>(out.size())) {
      out.resize(need > 0 ? static_cast<std::size_t>(need - 1) : 0);  // drop the final NUL
      return out;
    }
    out.resize(static_cast<std::size_t>(need));
  }
}

OrderKey order_key(const NameCollation& collation, std::optional<int> order, std::string_view name,
                   std::string_view id) {
  return {order, collation.key(name), std::string(id)};
}

bool reads_before(const OrderKey& a, const OrderKey& b) {
  if (a.order.has_value() != b.order.has_value()) return a.order.has_value();
  // std::string compares as unsigned bytes (char_traits<char>), as ICU sort keys want.
  return std::tie(a.order, a.name, a.id) < std::tie(b.order, b.name, b.id);
}

int first_unit_in(const std::vector<BuildingRef>& refs, std::string_view building) {
  int unit = INT_MAX;
  for (const BuildingRef& r : refs) {
    if (r.building == building) unit = std::min(unit, r.first_unit);
  }
  return unit;
}

}  // namespace hgj
