// A form posted to the workbench's 导入台账 page: the multipart body split into parts
// (RFC 7578, with small limits so the part and header bounds are reached), and every file
// part's name and bytes checked as an upload (a workbook opened from memory with libzip,
// a CSV decoded).
#include <cstdint>
#include <string_view>

#include "studio/multipart.h"
#include "studio/upload_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const hgj::studio::MultipartResult form = hgj::studio::parse_multipart(
      "multipart/form-data; boundary=b", body, {.max_parts = 8, .max_header_bytes = 512});
  if (form.ok() == form.parts.empty() || form.parts.size() > 8) __builtin_trap();
  for (const hgj::studio::FormPart& part : form.parts) {
    if (part.has_filename) (void)hgj::studio::check_upload(part.filename, part.data);
  }
  return 0;
}
