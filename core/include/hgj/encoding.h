// Text encodings of content files. Excel and WPS in China save CSV as GB18030 (GBK);
// everything else is UTF-8. Decoding gives UTF-8 with any BOM removed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hgj {

enum class Encoding { utf8, utf8_bom, gb18030 };

struct Decoded {
  bool ok = false;
  std::string text;  // UTF-8 without BOM, when ok
  Encoding encoding = Encoding::utf8;
  // When !ok: why, and the 1-based line and byte column of the first bad byte.
  std::string error;  // e.g. "is UTF-16; save it as \"CSV UTF-8\" or plain CSV"
  int line = 0;
  int column = 0;
  // When ok: the lines (1-based) not in `encoding` — a UTF-8 row pasted into a GB18030
  // file, or a GB18030 row in a UTF-8 one — each read in its own encoding.
  std::vector<int> odd_lines;
};

// Valid UTF-8 (with or without BOM) is taken as it is; otherwise each line is read as
// UTF-8 when it is valid UTF-8 holding Chinese, else as GB18030 (Decoded::odd_lines
// lists those in the lesser encoding); a line that is neither is an error pointing at its
// first bad byte.
Decoded decode_text(std::string_view bytes);

// UTF-8 only (Markdown and TOML files): BOM removed, invalid bytes an error.
Decoded decode_utf8(std::string_view bytes);

// Whether the bytes are well-formed UTF-8; on failure the byte offset of the first
// bad byte.
bool is_valid_utf8(std::string_view bytes, std::size_t* bad_offset = nullptr);

// UTF-8 to GB18030 (for tests and the benchmark's Excel-like files).
std::string utf8_to_gb18030(std::string_view utf8);

}  // namespace hgj
