#include "hgj/encoding.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace std::string_literals;
using hgj::Decoded;
using hgj::Encoding;

namespace {

const std::string kNotText = "is not valid UTF-8 or GB18030 text";
const std::string kUtf16 = "is UTF-16 text; save it as \"CSV UTF-8\" or plain CSV";

void check_error(const Decoded& d, const std::string& message, int line, int column) {
  CHECK_FALSE(d.ok);
  CHECK(d.error == message);
  CHECK(d.line == line);
  CHECK(d.column == column);
  CHECK(d.text.empty());
}

}  // namespace

TEST_CASE("decode_text keeps valid UTF-8 as it is") {
  const std::string text = "编号,姓名\n1,张三\n";
  const Decoded d = hgj::decode_text(text);
  CHECK(d.ok);
  CHECK(d.text == text);
  CHECK(d.encoding == Encoding::utf8);
  CHECK(d.error.empty());
}

TEST_CASE("decode_text strips a UTF-8 BOM and reports it") {
  const Decoded d = hgj::decode_text("\xEF\xBB\xBFid,名称\n");
  CHECK(d.ok);
  CHECK(d.text == "id,名称\n");
  CHECK(d.encoding == Encoding::utf8_bom);
}

TEST_CASE("decode_text accepts empty input as UTF-8") {
  const Decoded d = hgj::decode_text("");
  CHECK(d.ok);
  CHECK(d.text.empty());
  CHECK(d.encoding == Encoding::utf8);
}

TEST_CASE("utf8_to_gb18030 produces GBK bytes for common Chinese") {
  CHECK(hgj::utf8_to_gb18030("中文") == "\xD6\xD0\xCE\xC4");
  CHECK(hgj::utf8_to_gb18030("ab,1\n") == "ab,1\n");
  // Outside the BMP GB18030 uses four-byte sequences.
  CHECK(hgj::utf8_to_gb18030("\xF0\xA0\x80\x80") == "\x95\x32\x82\x36");
}

TEST_CASE("csv reader detects GB18030 and converts to UTF-8") {
  const std::string utf8 = "编号,姓名,电话\r\nS001,张三,13800000001\r\n德坪坝小区3幢,𠀀,满意\r\n";
  const std::string gb = hgj::utf8_to_gb18030(utf8);
  REQUIRE(gb != utf8);
  const Decoded d = hgj::decode_text(gb);
  CHECK(d.ok);
  CHECK(d.encoding == Encoding::gb18030);
  CHECK(d.text == utf8);
}

TEST_CASE("decode_text rejects UTF-16 with a hint to save as CSV UTF-8") {
  check_error(hgj::decode_text("\xFF\xFEi\0d\0"s), kUtf16, 1, 1);
  check_error(hgj::decode_text("\xFE\xFF\0i\0d"s), kUtf16, 1, 1);
}

TEST_CASE("decode_text points at the first byte that is neither UTF-8 nor GB18030") {
  check_error(hgj::decode_text("id,name\n1,ab\xFF\n"), kNotText, 2, 5);
  check_error(hgj::decode_text("\xFF"), kNotText, 1, 1);
  // 0x80 alone is not a GB18030 byte either.
  check_error(hgj::decode_text("a\r\nb\rc\x80"), kNotText, 3, 2);
  // A GB18030 lead byte cut off by the end of the file.
  check_error(hgj::decode_text("ab\n" + hgj::utf8_to_gb18030("张") + "\x81"), kNotText, 2, 1);
}

TEST_CASE("decode_text reports the first non-UTF-8 byte when GB18030 also fails") {
  // GB18030 text is fine until a stray 0xFF; the position is where UTF-8 first broke.
  const std::string text = "id\n" + hgj::utf8_to_gb18030("张三") + ",\xFF\n";
  check_error(hgj::decode_text(text), kNotText, 2, 1);
}

TEST_CASE("decode_text counts columns in the original bytes including a BOM") {
  // A BOM declares UTF-8, so bad bytes after it are not retried as GB18030.
  check_error(hgj::decode_text("\xEF\xBB\xBF"
                               "ab\xD6\xD0"),
              "is not valid UTF-8 text", 1, 6);
}

TEST_CASE("decode_text treats a NUL byte as a binary file") {
  check_error(hgj::decode_text("a,b\nc\0d\n"s), kNotText, 2, 2);
  // GB18030 would decode NUL; it must still be refused.
  check_error(hgj::decode_text(hgj::utf8_to_gb18030("张") + "\0"s), kNotText, 1, 1);
}

TEST_CASE("decode_utf8 strips a BOM and keeps plain UTF-8") {
  const Decoded bom = hgj::decode_utf8("\xEF\xBB\xBF+++\ntitle = \"关于\"\n+++\n");
  CHECK(bom.ok);
  CHECK(bom.text == "+++\ntitle = \"关于\"\n+++\n");
  CHECK(bom.encoding == Encoding::utf8_bom);
  const Decoded plain = hgj::decode_utf8("# 标题\n");
  CHECK(plain.ok);
  CHECK(plain.text == "# 标题\n");
  CHECK(plain.encoding == Encoding::utf8);
}

TEST_CASE("decode_utf8 refuses GB18030 and points at the first bad byte") {
  const std::string text = "+++\ntitle = \"" + hgj::utf8_to_gb18030("关于") + "\"\n";
  check_error(hgj::decode_utf8(text), "is not valid UTF-8 text", 2, 10);
  check_error(hgj::decode_utf8("ok\n\0"s), "is not valid UTF-8 text", 2, 1);
}

TEST_CASE("is_valid_utf8 accepts every well-formed length") {
  CHECK(hgj::is_valid_utf8(""));
  CHECK(hgj::is_valid_utf8("a\x7F"));
  CHECK(hgj::is_valid_utf8("\xC2\x80\xDF\xBF"));                      // U+0080, U+07FF
  CHECK(hgj::is_valid_utf8("\xE0\xA0\x80\xED\x9F\xBF\xEF\xBF\xBF"));  // U+0800, U+D7FF, U+FFFF
  CHECK(hgj::is_valid_utf8("\xF0\x90\x80\x80\xF4\x8F\xBF\xBF"));      // U+10000, U+10FFFF
}

TEST_CASE("is_valid_utf8 rejects overlongs, surrogates and code points past U+10FFFF") {
  auto bad_at = [](std::string_view s) {
    std::size_t offset = 999;
    CHECK_FALSE(hgj::is_valid_utf8(s, &offset));
    return offset;
  };
  CHECK(bad_at("\xC0\x80") == 0);          // overlong NUL
  CHECK(bad_at("a\xC1\xBF") == 1);         // overlong two-byte
  CHECK(bad_at("ab\xE0\x9F\xBF") == 2);    // overlong three-byte
  CHECK(bad_at("\xF0\x8F\xBF\xBF") == 0);  // overlong four-byte
  CHECK(bad_at("x\xED\xA0\x80") == 1);     // surrogate U+D800
  CHECK(bad_at("\xF4\x90\x80\x80") == 0);  // U+110000
  CHECK(bad_at("\xF5\x80\x80\x80") == 0);  // lead byte past F4
  CHECK(bad_at("ok\x80") == 2);            // lone continuation byte
  CHECK(bad_at("\xE4\xB8") == 0);          // truncated at end of input
  CHECK(bad_at("\xE4\xB8"
               "a") == 0);  // truncated before ASCII
}

TEST_CASE("is_valid_utf8 finds a bad byte wherever it stands among ASCII runs") {
  // ASCII is skipped eight bytes at a time: the bad byte at every offset of a long run,
  // and a character cut or spread across the edge of each eight-byte step.
  const std::string ascii(40, 'a');
  for (std::size_t at = 0; at < ascii.size(); ++at) {
    CAPTURE(at);
    std::string text = ascii;
    text[at] = '\x80';
    std::size_t offset = 999;
    CHECK_FALSE(hgj::is_valid_utf8(text, &offset));
    CHECK(offset == at);
    std::string cut = ascii.substr(0, at) + "\xE4\xB8" + ascii.substr(at);
    CHECK_FALSE(hgj::is_valid_utf8(cut, &offset));
    CHECK(offset == at);
    CHECK(hgj::is_valid_utf8(ascii.substr(0, at) + "中" + ascii.substr(at)));
  }
  CHECK(hgj::decode_text(ascii + "\0"s).error == kNotText);
}

TEST_CASE("a UTF-8 row pasted into a GB18030 file is read as UTF-8 and named") {
  // As GB18030 the UTF-8 row decodes without an error, into wrong characters
  // (欧阳建国 becomes 娆ч槼寤哄浗): the whole-file decoding lost it silently.
  const std::string text = hgj::utf8_to_gb18030("编号,姓名\r\ns1,王秀兰\r\n") + "s2,欧阳建国\r\n" +
                           hgj::utf8_to_gb18030("s3,陈美华\r\n");
  const Decoded d = hgj::decode_text(text);
  REQUIRE(d.ok);
  CHECK(d.encoding == Encoding::gb18030);
  CHECK(d.text == "编号,姓名\r\ns1,王秀兰\r\ns2,欧阳建国\r\ns3,陈美华\r\n");
  CHECK(d.odd_lines == std::vector<int>{3});
}

TEST_CASE("a GB18030 row in a UTF-8 file is read as GB18030 and named") {
  const std::string text =
      "编号,姓名\ns1,王秀兰\ns2,李建国\n" + hgj::utf8_to_gb18030("s3,陈美华\n") + "s4,赵六\n";
  const Decoded d = hgj::decode_text(text);
  REQUIRE(d.ok);
  CHECK(d.encoding == Encoding::utf8);
  CHECK(d.text == "编号,姓名\ns1,王秀兰\ns2,李建国\ns3,陈美华\ns4,赵六\n");
  CHECK(d.odd_lines == std::vector<int>{4});
}

TEST_CASE("a whole GB18030 file has no odd lines") {
  const Decoded d = hgj::decode_text(hgj::utf8_to_gb18030("编号,姓名\ns1,王秀兰\n"));
  REQUIRE(d.ok);
  CHECK(d.odd_lines.empty());
}
