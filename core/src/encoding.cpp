// Encoding detection for content files. UTF-8 is checked by hand (it is small and
// must be exact about overlongs and surrogates); GB18030 goes through ICU.
#include "hgj/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "hgj/language.h"

namespace hgj {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool in_range(unsigned char c, unsigned char lo, unsigned char hi) { return c >= lo && c <= hi; }

// Length of the well-formed UTF-8 sequence at bytes[i], or 0 when it is ill-formed.
// Follows Unicode table 3-7, so overlongs, surrogates and > U+10FFFF are rejected.
std::size_t sequence_length(std::string_view bytes, std::size_t i) {
  auto at = [&](std::size_t k) -> unsigned char {
    return i + k < bytes.size() ? static_cast<unsigned char>(bytes[i + k]) : 0;
  };
  const unsigned char c = at(0);
  if (c < 0x80) return 1;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  std::size_t len = 0;
  if (in_range(c, 0xC2, 0xDF))
    len = 2;
  else if (c == 0xE0) {
    len = 3;
    lo = 0xA0;
  } else if (c == 0xED) {
    len = 3;
    hi = 0x9F;
  } else if (in_range(c, 0xE1, 0xEF))
    len = 3;
  else if (c == 0xF0) {
    len = 4;
    lo = 0x90;
  } else if (in_range(c, 0xF1, 0xF3))
    len = 4;
  else if (c == 0xF4) {
    len = 4;
    hi = 0x8F;
  } else
    return 0;
  if (!in_range(at(1), lo, hi)) return 0;
  for (std::size_t k = 2; k < len; ++k)
    if (!in_range(at(k), 0x80, 0xBF)) return 0;
  return len;
}

// Offset of the first byte that is not well-formed UTF-8, or of the first NUL:
// a NUL means a binary file, never content.
std::size_t first_bad_byte(std::string_view bytes) {
  std::size_t bad = 0;
  const bool valid = is_valid_utf8(bytes, &bad);
  const std::size_t nul = bytes.find('\0');
  if (nul != std::string_view::npos && (valid || nul < bad)) return nul;
  return valid ? std::string_view::npos : bad;
}

// Fills in the error, with line and column counted the way the CSV reader counts
// lines (LF, CRLF or a lone CR) so the position matches what editors show.
// Neither encoding hgj reads: said the same wherever the decoding gave up.
std::string neither_encoding() {
  return say(
      "既不是 UTF-8 也不是 GB18030 文本：请在 Excel 里另存为“CSV UTF-8(逗号分隔)”或直接用 .xlsx",
      "is not valid UTF-8 or GB18030 text");
}

Decoded failure(std::string_view bytes, std::size_t offset, std::string message) {
  Decoded d;
  d.error = std::move(message);
  d.line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < bytes.size(); ++i) {
    if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n'))) {
      ++d.line;
      line_start = i + 1;
    }
  }
  d.column = static_cast<int>(offset - line_start) + 1;
  return d;
}

Decoded success(std::string text, Encoding encoding) {
  Decoded d;
  d.ok = true;
  d.text = std::move(text);
  d.encoding = encoding;
  return d;
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

Converter open_gb18030() {
  UErrorCode status = U_ZERO_ERROR;
  Converter conv(ucnv_open("GB18030", &status));
  if (U_FAILURE(status)) return nullptr;
  return conv;
}

std::string utf16_to_utf8(const std::u16string& utf16) {
  // A UTF-16 unit never needs more than three UTF-8 bytes.
  std::string out(utf16.size() * 3, '\0');
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = 0;
  u_strToUTF8(out.data(), static_cast<int32_t>(out.size()), &length, utf16.data(),
              static_cast<int32_t>(utf16.size()), &status);
  out.resize(U_SUCCESS(status) ? static_cast<std::size_t>(length) : 0);
  return out;
}

bool has_utf16_bom(std::string_view bytes) {
  return bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF");
}

}  // namespace

bool is_valid_utf8(std::string_view bytes, std::size_t* bad_offset) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    // Eight ASCII bytes at a time (CSV punctuation, ids, dates, phones).
    std::uint64_t word = 0;
    if (i + sizeof word <= bytes.size() &&
        (std::memcpy(&word, bytes.data() + i, sizeof word), (word & 0x8080808080808080ull) == 0)) {
      i += sizeof word;
      continue;
    }
    const std::size_t len = sequence_length(bytes, i);
    if (len == 0) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += len;
  }
  return true;
}

namespace {

// Text already checked by first_bad_byte(): a city's issues.csv is 17 MB, checked once.
Decoded checked_utf8(std::string_view bytes) {
  if (bytes.starts_with(kUtf8Bom))
    return success(std::string(bytes.substr(kUtf8Bom.size())), Encoding::utf8_bom);
  return success(std::string(bytes), Encoding::utf8);
}

// Whether the line holds a UTF-8 sequence of three or four bytes (every Chinese
// character in UTF-8 is one). GB18030 text almost never passes as such a line, while
// UTF-8 Chinese often passes as GB18030 — as wrong characters, with no error at all.
bool has_long_utf8_sequence(std::string_view line) {
  return std::any_of(line.begin(), line.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0xE0; });
}

// A file that is not UTF-8 as a whole, read line by line: a row pasted from a web page
// into a GB18030 ledger is UTF-8, and decoding the whole file as GB18030 would turn it
// into wrong characters without a word. Each line is UTF-8 when it is valid UTF-8 with
// Chinese in it, else GB18030; lines in the file's lesser encoding are listed.
Decoded decode_mixed(std::string_view bytes) {
  Converter conv = open_gb18030();
  UErrorCode status = U_ZERO_ERROR;
  if (!conv) return failure(bytes, 0, neither_encoding());
  // STOP makes ICU fail on a bad sequence instead of quietly writing U+FFFD.
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::string text;
  text.reserve(bytes.size() + bytes.size() / 2);
  std::vector<int> utf8_lines, gb18030_lines;
  std::u16string utf16;
  int number = 1;
  for (std::size_t start = 0; start < bytes.size(); ++number) {
    // A line with its terminator (LF, CRLF or a lone CR, as failure() counts them); no
    // GB18030 byte sequence holds either byte.
    std::size_t end = bytes.find_first_of("\r\n", start);
    end = end == std::string_view::npos                                            ? bytes.size()
          : bytes[end] == '\r' && end + 1 < bytes.size() && bytes[end + 1] == '\n' ? end + 2
                                                                                   : end + 1;
    const std::string_view line = bytes.substr(start, end - start);
    std::size_t bad = 0;
    if (is_valid_utf8(line, &bad) &&
        (has_long_utf8_sequence(line) || std::all_of(line.begin(), line.end(), [](char c) {
           return static_cast<unsigned char>(c) < 0x80;
         }))) {
      if (has_long_utf8_sequence(line)) utf8_lines.push_back(number);
      text.append(line);
    } else {
      ucnv_resetToUnicode(conv.get());
      utf16.assign(line.size() + 1, u'\0');
      status = U_ZERO_ERROR;
      const int32_t length = ucnv_toUChars(conv.get(), reinterpret_cast<UChar*>(utf16.data()),
                                           static_cast<int32_t>(utf16.size()), line.data(),
                                           static_cast<int32_t>(line.size()), &status);
      if (U_SUCCESS(status)) {
        utf16.resize(static_cast<std::size_t>(length));
        text += utf16_to_utf8(utf16);
        gb18030_lines.push_back(number);
      } else if (is_valid_utf8(line, &bad)) {
        text.append(line);  // UTF-8 without Chinese (é, ·), and not GB18030 either
        utf8_lines.push_back(number);
      } else {
        // Neither: pointed at where UTF-8 first broke on the line.
        return failure(bytes, start + bad, neither_encoding());
      }
    }
    start = end;
  }
  // The file is in the encoding most of its lines are in; GB18030 on a tie, as Excel
  // saves it.
  const bool gb18030 = gb18030_lines.size() >= utf8_lines.size();
  Decoded d = success(std::move(text), gb18030 ? Encoding::gb18030 : Encoding::utf8);
  d.odd_lines = gb18030 ? std::move(utf8_lines) : std::move(gb18030_lines);
  return d;
}

}  // namespace

Decoded decode_utf8(std::string_view bytes) {
  const std::size_t bad = first_bad_byte(bytes);
  if (bad != std::string_view::npos)
    return failure(
        bytes, bad,
        say("不是有效的 UTF-8 文本：请用记事本另存为 UTF-8 编码", "is not valid UTF-8 text"));
  return checked_utf8(bytes);
}

Decoded decode_text(std::string_view bytes) {
  if (has_utf16_bom(bytes))
    return failure(bytes, 0,
                   say("是 UTF-16 文本：请在 Excel 里另存为“CSV UTF-8(逗号分隔)”",
                       "is UTF-16 text; save it as \"CSV UTF-8\" or plain CSV"));
  const std::size_t bad = first_bad_byte(bytes);
  if (bad == std::string_view::npos) return checked_utf8(bytes);
  // A UTF-8 BOM declares the file UTF-8, so bad bytes after it are damage to
  // report, not a hint to try GB18030.
  if (bytes.starts_with(kUtf8Bom))
    return failure(bytes, bad,
                   say("不是有效的 UTF-8 文本：文件开头标着 UTF-8，这里却有别的编码，"
                       "请在 Excel 里另存为“CSV UTF-8(逗号分隔)”",
                       "is not valid UTF-8 text"));
  if (bytes.find('\0') != std::string_view::npos) return failure(bytes, bad, neither_encoding());
  return decode_mixed(bytes);
}

std::string utf8_to_gb18030(std::string_view utf8) {
  Converter conv = open_gb18030();
  if (!conv) return {};
  std::u16string utf16(utf8.size() + 1, u'\0');  // never more units than bytes
  UErrorCode status = U_ZERO_ERROR;
  int32_t units = 0;
  u_strFromUTF8(reinterpret_cast<UChar*>(utf16.data()), static_cast<int32_t>(utf16.size()), &units,
                utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  if (U_FAILURE(status)) return {};
  // GB18030 needs at most four bytes per UTF-16 unit (BMP) and per pair.
  std::string out(static_cast<std::size_t>(units) * 4 + 1, '\0');
  const int32_t length =
      ucnv_fromUChars(conv.get(), out.data(), static_cast<int32_t>(out.size()),
                      reinterpret_cast<const UChar*>(utf16.data()), units, &status);
  out.resize(U_SUCCESS(status) ? static_cast<std::size_t>(length) : 0);
  return out;
}

}  // namespace hgj
