#include "studio/multipart.h"

#include <doctest/doctest.h>

#include <random>

#include "../language_scope.h"

using namespace hgj;
using namespace hgj::studio;

namespace {

const std::string type = "multipart/form-data; boundary=----WebKitFormBoundaryX3b";

// A form as Chromium posts it: a text field and a file.
std::string chromium_form(const std::string& file_bytes) {
  return "------WebKitFormBoundaryX3b\r\n"
         "Content-Disposition: form-data; name=\"csrf\"\r\n"
         "\r\n"
         "abc123\r\n"
         "------WebKitFormBoundaryX3b\r\n"
         "Content-Disposition: form-data; name=\"upload\"; filename=\"台账.xlsx\"\r\n"
         "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n"
         "\r\n" +
         file_bytes +
         "\r\n"
         "------WebKitFormBoundaryX3b--\r\n";
}

std::string error_of(std::string_view content_type, std::string_view body,
                     const MultipartLimits& limits = {}) {
  const MultipartResult result = parse_multipart(content_type, body, limits);
  CHECK(result.parts.empty() == !result.ok());
  return result.error;
}

}  // namespace

TEST_CASE("a browser's form: each part with its name, file name, type and bytes") {
  // Binary data with CR, LF, NUL and the boundary itself, though never after CRLF.
  const std::string bytes =
      std::string("PK\x03\x04\0\r\n\n\r", 9) + "------WebKitFormBoundaryX3b inside\r\n-- x";
  const MultipartResult form = parse_multipart(type, chromium_form(bytes));
  REQUIRE(form.ok());
  REQUIRE(form.parts.size() == 2);
  CHECK(form.parts[0].name == "csrf");
  CHECK_FALSE(form.parts[0].has_filename);
  CHECK(form.parts[0].content_type == "text/plain");
  CHECK(form.parts[0].data == "abc123");
  const FormPart* upload = form.find("upload");
  REQUIRE(upload != nullptr);
  CHECK(upload->filename == "台账.xlsx");
  CHECK(upload->has_filename);
  CHECK(upload->content_type ==
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  CHECK(upload->data == bytes);
  CHECK(form.find("other") == nullptr);
}

TEST_CASE("the boundary: quoted or not, in any case of the type; broken ones refused") {
  CHECK(form_boundary("multipart/form-data; boundary=abc") == "abc");
  CHECK(form_boundary("Multipart/Form-Data;BOUNDARY=\"a b'c\"") == "a b'c");
  CHECK(form_boundary("multipart/form-data; charset=utf-8; boundary=x") == "x");
  CHECK(form_boundary("multipart/form-data") == "");
  CHECK(form_boundary("multipart/form-data; boundary=") == "");
  CHECK(form_boundary("multipart/form-data; boundary=\"abc") == "");
  CHECK(form_boundary("multipart/form-data; boundary=\"ab \"") == "");  // a space last
  CHECK(form_boundary("multipart/form-data; boundary=a<b") == "");      // not a bchar
  CHECK(form_boundary("multipart/form-data; boundary=" + std::string(71, 'a')) == "");
  CHECK(form_boundary("multipart/mixed; boundary=abc") == "");
  CHECK(form_boundary("multipart/form-data; boundary=a; boundary=b") == "");  // twice
}

TEST_CASE("an empty file input and a file name with a Windows path are passed on as sent") {
  const std::string body =
      "--b\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\n\r\n"
      "--b\r\ncontent-disposition: form-data; name=\"old\"; "
      "filename=\"C:\\Users\\王\\台账.xlsx\"\r\n\r\nx\r\n"
      "--b--";
  const MultipartResult form = parse_multipart("multipart/form-data; boundary=b", body);
  REQUIRE(form.ok());
  CHECK(form.parts[0].has_filename);
  CHECK(form.parts[0].filename.empty());
  CHECK(form.parts[0].data.empty());
  CHECK(form.parts[1].filename == "C:\\Users\\王\\台账.xlsx");
}

TEST_CASE("every way a form can be broken gets its own message") {
  const LanguageScope chinese(Language::zh);
  const std::string ct = "multipart/form-data; boundary=b";
  const std::string part = "Content-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n";
  CHECK(error_of("application/x-www-form-urlencoded", "a=1") ==
        "上传的表单读不了：它不是带分隔线（boundary）的 multipart/form-data");
  CHECK(error_of(ct, "") == "上传的表单读不了：开头不是分隔线");
  CHECK(error_of(ct, "preamble\r\n--b\r\n" + part + "--b--") == "上传的表单读不了：开头不是分隔线");
  CHECK(error_of(ct, "--b--") == "上传的表单读不了：里面没有任何内容");
  CHECK(error_of(ct, "--b\r\n" + part) ==
        "上传的表单读不了：没有结束的分隔线，上传可能中断了，请重新上传");
  CHECK(error_of(ct, "--b\nContent-Disposition: form-data; name=\"a\"\n\nx\n--b--\n") ==
        "上传的表单读不了：分隔线后面不是换行（CRLF）");
  CHECK(error_of(ct, "--b\r\n" + part + "--bc\r\n" + part + "--b--") ==
        "上传的表单读不了：分隔线后面不是换行（CRLF）");
  CHECK(error_of(ct, "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--") ==
        "上传的表单读不了：分段没有 Content-Disposition");
  CHECK(error_of(ct, "--b\r\n\r\nx\r\n--b--") == "上传的表单读不了：分段没有 Content-Disposition");
  CHECK(error_of(ct, "--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--") ==
        "上传的表单读不了：分段的 Content-Disposition 没有 name");
  CHECK(error_of(ct, "--b\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--b--") ==
        "上传的表单读不了：分段的 Content-Disposition 不是 form-data");
  CHECK(error_of(ct, "--b\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--b--") ==
        "上传的表单读不了：分段的 Content-Disposition 不是 form-data");
  CHECK(error_of(ct,
                 "--b\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Disposition: "
                 "form-data; name=\"b\"\r\n\r\nx\r\n--b--") ==
        "上传的表单读不了：一个分段有两个 Content-Disposition");
  CHECK(error_of(ct, "--b\r\nContent-Disposition: form-data;\r\n name=\"a\"\r\n\r\nx\r\n--b--") ==
        "上传的表单读不了：分段的表头折行了（已废弃的写法）");
  CHECK(error_of(ct, "--b\r\nContent-Disposition: form-data; name=\"a\"\nX: y\r\n\r\nx\r\n--b--") ==
        "上传的表单读不了：分段的表头里有单独的换行符");
  CHECK(error_of(ct, "--b\r\nno colon here\r\n\r\nx\r\n--b--") ==
        "上传的表单读不了：分段的表头“no colon here”不是“名称: 值”");
  CHECK(error_of(ct, "--b\r\nX-Big: " + std::string(9000, 'a') + "\r\n\r\nx\r\n--b--") ==
        "上传的表单读不了：分段的表头超过 8192 字节");
  CHECK(error_of(ct, "--b\r\nX-Big: " + std::string(9000, 'a')) ==
        "上传的表单读不了：分段的表头超过 8192 字节");
  std::string many;
  for (int i = 0; i < 3; ++i) many += "--b\r\n" + part;
  CHECK(error_of(ct, many + "--b--", {.max_parts = 2}) == "上传的表单读不了：分段超过 2 个");
  CHECK(error_of(ct, many + "--b--", {.max_parts = 3}).empty());
}

TEST_CASE("the message in English") {
  const LanguageScope english(Language::en);
  CHECK(error_of("multipart/form-data; boundary=b",
                 "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx") ==
        "the uploaded form cannot be read: its closing boundary is missing; the upload may have "
        "been cut short");
}

TEST_CASE(
    "a form cut short anywhere, or with bytes flipped at random, gives an error and no crash") {
  const std::string body = chromium_form(std::string("PK\x03\x04 data\r\n more", 16));
  for (std::size_t n = 0; n < body.size(); ++n) {
    const MultipartResult cut = parse_multipart(type, body.substr(0, n));
    // Only a cut inside the epilogue's CRLF (after "--") still leaves the form whole.
    CHECK_MESSAGE(cut.ok() == (n >= body.size() - 2), n);
  }
  std::mt19937 random(23);
  const std::string alphabet = "-\r\n\"=;: abWXK3";
  for (int round = 0; round < 4000; ++round) {
    std::string mutated = body;
    for (int flips = 1 + static_cast<int>(random() % 4); flips > 0; --flips) {
      const std::size_t at = random() % mutated.size();
      switch (random() % 3) {
        case 0:
          mutated[at] = alphabet[random() % alphabet.size()];
          break;
        case 1:
          mutated.erase(at, 1 + random() % 8);
          break;
        default:
          mutated.insert(at, std::string(1 + random() % 3, alphabet[random() % alphabet.size()]));
          break;
      }
      if (mutated.empty()) mutated = "-";
    }
    const MultipartResult result =
        parse_multipart(type, mutated, {.max_parts = 4, .max_header_bytes = 256});
    CHECK(result.ok() != result.parts.empty());
    CHECK(result.parts.size() <= 4);
  }
}
