// Full-width forms typed with a Chinese input method (１３８, ＬＹ－００１, ２０２６／３／１４),
// folded to ASCII with ICU's NFKC for the values that are read as ids, phones, numbers
// and dates. Names and free text are left as written: NFKC would also change other
// characters there (㈱, ①, a compatibility ideograph in a name).
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>

#include "hgj/ledger_values.h"

namespace hgj {

std::string normalize_width(std::string text) {
  // ASCII is its own NFKC form, and nearly every cell is ASCII: returned as it came.
  if (std::all_of(text.begin(), text.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return text;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return text;
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  const icu::UnicodeString out = nfkc->normalize(in, status);
  if (U_FAILURE(status)) return text;
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

}  // namespace hgj
