#include "site/pages/search_key.h"

#include <unicode/locid.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <utility>

#include "hgj/ledger_values.h"

namespace hgj::site {

namespace {

// Longest first: 号楼 before 号. 栋 is the one kept because Han-Latin reads it dòng
// (幢 comes out as the rare chuáng), so its initial is the d residents type.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kFolds = {{
    {"号楼", "栋"},
    {"幢", "栋"},
    {"号", "栋"},
    {"小区", ""},
    {"社区", ""},
}};

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
}

}  // namespace

std::string search_folds() {
  std::string out;
  for (const auto& [from, to] : kFolds) {
    if (!out.empty()) out += ';';
    out.append(from).append("=").append(to);
  }
  return out;
}

std::string search_fold(std::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(normalize_width(std::string(text)));
  u.toLower(icu::Locale::getRoot());
  std::string out;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    const UChar32 c = u.char32At(i);
    if (!u_isUWhiteSpace(c)) icu::UnicodeString(c).toUTF8String(out);
  }
  for (const auto& [from, to] : kFolds) replace_all(out, from, to);
  return out;
}

std::string pinyin_initials(std::string_view folded) {
  // One transliterator and one answer per character for the whole build: a city has
  // tens of thousands of buildings but a few hundred distinct characters in their names.
  static std::mutex lock;
  static std::unique_ptr<icu::Transliterator> to_latin;
  static std::map<UChar32, std::string> known;
  const std::lock_guard<std::mutex> guard(lock);
  if (!to_latin) {
    UErrorCode status = U_ZERO_ERROR;
    to_latin.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII; Lower",
                                                       UTRANS_FORWARD, status));
    if (U_FAILURE(status)) to_latin.reset();
  }
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(folded.data(), static_cast<int32_t>(folded.size())));
  std::string out;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    const UChar32 c = u.char32At(i);
    if (c < 0x80) {
      if (u_isalnum(c)) out += static_cast<char>(c);
      continue;
    }
    auto it = known.find(c);
    if (it == known.end()) {
      std::string initial;
      if (to_latin && u_getIntPropertyValue(c, UCHAR_SCRIPT) == USCRIPT_HAN) {
        icu::UnicodeString latin(c);
        to_latin->transliterate(latin);
        std::string ascii;
        latin.toUTF8String(ascii);
        if (!ascii.empty() && ascii[0] >= 'a' && ascii[0] <= 'z') initial = ascii.substr(0, 1);
      }
      it = known.emplace(c, initial).first;
    }
    out += it->second;
  }
  return out;
}

std::string search_haystack(std::string_view name, std::string_view address,
                            std::string_view community) {
  const std::string folded_name = search_fold(name), place = search_fold(community);
  return folded_name + "|" + search_fold(address) + "|" + place + "|" +
         pinyin_initials(folded_name) + "|" + pinyin_initials(place);
}

}  // namespace hgj::site
