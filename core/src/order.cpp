#include "hgj/order.h"

#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <climits>
#include <stdexcept>
#include <tuple>

namespace hgj {

namespace {

// The value of a Chinese numeral character, or -1: digits 零〇一二两三…九, and the
// multipliers 十 (10), 百 (100), 千 (1000).
int numeral_value(char32_t c) {
  switch (c) {
    case U'零':
    case U'〇':
      return 0;
    case U'一':
      return 1;
    case U'二':
    case U'两':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    case U'十':
      return 10;
    case U'百':
      return 100;
    case U'千':
      return 1000;
    default:
      return -1;
  }
}

// What a numeral run counts when it is a number: after 第, or before a counter a ledger
// numbers (一幢, 三单元, 第二网格). Elsewhere 一 is a word (一品苑) and stays as it is.
bool counts(std::u32string_view text, std::size_t begin, std::size_t end) {
  if (begin > 0 && text[begin - 1] == U'第') return true;
  if (end >= text.size()) return false;
  static constexpr std::u32string_view counters = U"幢栋号楼单元组网格期区排座层室片队";
  return counters.find(text[end]) != std::u32string_view::npos;
}

// 十二 → 12, 二十三 → 23, 一百零五 → 105; a run of digits alone (二〇二六) is read digit
// by digit.
long long numeral_number(std::u32string_view run) {
  bool multipliers = false;
  for (char32_t c : run) multipliers |= numeral_value(c) >= 10;
  long long total = 0, digit = 0;
  for (char32_t c : run) {
    const int v = numeral_value(c);
    if (!multipliers) {
      total = total * 10 + v;
    } else if (v >= 10) {
      total += (digit == 0 ? 1 : digit) * v;
      digit = 0;
    } else {
      digit = v;
    }
  }
  return total + digit;
}

// The name with its counted Chinese numerals written in digits, so that the collator's
// numeric ordering puts 第二网格 after 第一网格 and 十二单元 after 三单元 (by pinyin alone,
// er comes before yi).
std::u16string with_numerals_as_digits(const std::u16string& name) {
  std::u32string text;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char32_t c = name[i];
    if (c >= 0xD800 && c < 0xDC00 && i + 1 < name.size()) {
      c = 0x10000 + ((c - 0xD800) << 10) + (name[++i] - 0xDC00);
    }
    text.push_back(c);
  }
  std::u16string out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t end = i;
    while (end < text.size() && numeral_value(text[end]) >= 0) ++end;
    if (end > i && end - i <= 8 && counts(text, i, end)) {
      for (char c : std::to_string(numeral_number(std::u32string_view(text).substr(i, end - i)))) {
        out.push_back(static_cast<char16_t>(c));
      }
      i = end;
      continue;
    }
    const std::size_t stop = end > i ? end : i + 1;
    for (; i < stop; ++i) {
      const char32_t c = text[i];
      if (c >= 0x10000) {
        out.push_back(static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10)));
        out.push_back(static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF)));
      } else {
        out.push_back(static_cast<char16_t>(c));
      }
    }
  }
  return out;
}

}  // namespace

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
  text = with_numerals_as_digits(text);
  length = static_cast<int32_t>(text.size());
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
