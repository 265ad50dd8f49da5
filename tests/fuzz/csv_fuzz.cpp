// A CSV table as Excel or WPS exports it: decoded (UTF-8 with or without BOM, or
// GB18030), parsed, and loaded as one collection's table. The first byte picks the
// collection; with its high bit set, valid UTF-8 is first re-encoded as GB18030 so the
// GB18030 path sees real Chinese text too.
#include <cstdint>
#include <string>

#include "fuzz_content.h"
#include "hgj/csv.h"
#include "hgj/encoding.h"
#include "hgj/loader.h"
#include "hgj/schema.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const hgj::fuzz::fs::path content = hgj::fuzz::base_content("csv");
  if (size == 0) return 0;
  const auto& specs = hgj::collection_specs();
  const hgj::CollectionSpec& spec = specs[data[0] % specs.size()];
  std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  if ((data[0] & 0x80) && hgj::is_valid_utf8(bytes)) bytes = hgj::utf8_to_gb18030(bytes);

  const hgj::Decoded decoded = hgj::decode_text(bytes);
  if (decoded.ok) (void)hgj::parse_csv(decoded.text);

  // The fixed tables stay as base_content() wrote them; the fuzzed one replaces its own.
  const hgj::fuzz::fs::path table = content / (spec.name + ".csv");
  std::string kept;
  if (hgj::fuzz::fs::exists(table)) {
    std::ifstream in(table, std::ios::binary);
    kept.assign(std::istreambuf_iterator<char>(in), {});
  }
  hgj::fuzz::write_file(table, bytes);
  hgj::DiagnosticSink sink;
  hgj::load_content(content.string(), sink);
  for (const hgj::Diagnostic& d : sink.sorted()) (void)hgj::format_diagnostic(d);
  if (kept.empty())
    hgj::fuzz::fs::remove(table);
  else
    hgj::fuzz::write_file(table, kept);
  return 0;
}
