#include "print/font_subset.h"

#include <fontconfig/fontconfig.h>
#include <hb-subset.h>
#include <pango/pangofc-fontmap.h>
#include <stdlib.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <utility>
#include <vector>

namespace hgj::print {

namespace fs = std::filesystem;

namespace {

// The wording boards and cards print themselves (board.cpp, card_sheet.cpp), so the
// common case never needs the slow fallback.
constexpr std::string_view kOwnWording =
    "·–—　、。下专业个中书事们元先党共内务募区单印号员在地家容年式我或户打扫找招方日时月有服期本格"
    "楼"
    "正点热物电看码社第管系红线组织续编网职联荣街见誉记话请负责道长间页（）／：；…‧";

// Decodes one UTF-8 sequence at `i`; U+FFFD for a malformed one.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  int extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
  if (extra < 0 || i + extra >= s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = extra == 0 ? c : c & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  i += extra + 1;
  return cp;
}

struct HbDestroy {
  void operator()(hb_blob_t* p) const { hb_blob_destroy(p); }
  void operator()(hb_face_t* p) const { hb_face_destroy(p); }
  void operator()(hb_subset_input_t* p) const { hb_subset_input_destroy(p); }
};
template <typename T>
using HbPtr = std::unique_ptr<T, HbDestroy>;

// The file and face index fontconfig picks for `family` at `weight`, as Pango would.
bool match_face(const std::string& family, int weight, std::string& file, int& index) {
  FcPattern* pattern = FcPatternCreate();
  FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
  FcPatternAddInteger(pattern, FC_WEIGHT, weight);
  FcPatternAddString(pattern, FC_LANG, reinterpret_cast<const FcChar8*>("zh-cn"));
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  FcPattern* match = FcFontMatch(nullptr, pattern, &result);
  FcPatternDestroy(pattern);
  if (!match) return false;
  FcChar8* path = nullptr;
  FcChar8* found_family = nullptr;
  const bool ok = FcPatternGetString(match, FC_FILE, 0, &path) == FcResultMatch &&
                  FcPatternGetString(match, FC_FAMILY, 0, &found_family) == FcResultMatch &&
                  FcPatternGetInteger(match, FC_INDEX, 0, &index) == FcResultMatch;
  if (ok) file = reinterpret_cast<const char*>(path);
  bool same_family = false;
  for (int i = 0; ok && FcPatternGetString(match, FC_FAMILY, i, &found_family) == FcResultMatch;
       ++i) {
    if (family == reinterpret_cast<const char*>(found_family)) same_family = true;
  }
  FcPatternDestroy(match);
  return ok && same_family;
}

// The face cut down to `characters`, as font file bytes; empty on failure. Each glyph
// keeps its number and its outline is written out whole (no shared subroutines): what a
// PDF embeds of the cut-down font for its own glyphs is then the same whatever else the
// run prints, and a board reused from an earlier run (print/print_recipes.h) matches one
// laid out now. `tables` gets the tables besides the glyphs that cairo reads into a PDF
// (bounding box, ascent and descent, names, italic angle), which must match too.
std::string subset_face(const std::string& file, int index, const std::u32string& characters,
                        std::string& tables) {
  HbPtr<hb_blob_t> blob(hb_blob_create_from_file_or_fail(file.c_str()));
  if (!blob) return {};
  HbPtr<hb_face_t> face(hb_face_create(blob.get(), static_cast<unsigned>(index)));
  HbPtr<hb_subset_input_t> input(hb_subset_input_create_or_fail());
  if (!input) return {};
  hb_subset_input_set_flags(input.get(),
                            HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_DESUBROUTINIZE);
  hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
  for (char32_t c : characters) hb_set_add(unicodes, c);
  HbPtr<hb_face_t> subset(hb_subset_or_fail(face.get(), input.get()));
  if (!subset) return {};
  for (const char* tag : {"head", "hhea", "name", "post"}) {
    HbPtr<hb_blob_t> table(hb_face_reference_table(subset.get(), hb_tag_from_string(tag, 4)));
    unsigned size = 0;
    const char* bytes = hb_blob_get_data(table.get(), &size);
    std::string kept(bytes ? bytes : "", size);
    // Two fields count the whole font, not what a PDF shows: head's checksum of every
    // byte (at 8, 4 bytes) and hhea's number of distinct advances (at 34, 2 bytes).
    const std::string_view name(tag);
    if (name == "head" && kept.size() >= 12) kept.replace(8, 4, 4, '\0');
    if (name == "hhea" && kept.size() >= 36) kept.replace(34, 2, 2, '\0');
    tables.append(tag).append(std::to_string(size)).append(kept);
  }
  HbPtr<hb_blob_t> bytes(hb_face_reference_blob(subset.get()));
  unsigned length = 0;
  const char* data = hb_blob_get_data(bytes.get(), &length);
  return length > 0 ? std::string(data, length) : std::string();
}

}  // namespace

CharacterSet::CharacterSet() {
  for (char32_t c = 0x20; c < 0x7F; ++c) insert(c);
  add(kOwnWording);
}

void CharacterSet::insert(char32_t c) {
  auto at = std::lower_bound(characters_.begin(), characters_.end(), c);
  if (at == characters_.end() || *at != c) characters_.insert(at, c);
}

void CharacterSet::add(std::string_view utf8) {
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t c = next_code_point(utf8, i);
    if (c >= 0x20 && c != 0xFFFD) insert(c);
  }
}

std::optional<RunFonts> RunFonts::make(const PrintTheme& theme, const CharacterSet& characters,
                                       std::string& error) {
  RunFonts fonts;
  std::string pattern = (fs::temp_directory_path() / "hgj-fonts-XXXXXX").string();
  if (!mkdtemp(pattern.data())) {
    error = "cannot make a temporary folder for the fonts";
    return std::nullopt;
  }
  fonts.dir_ = pattern;
  fonts.config_ = FcConfigCreate();
  std::vector<std::pair<std::string, int>> done;
  int n = 0;
  for (const std::string* family : {&theme.sans, &theme.serif}) {
    for (int weight : {FC_WEIGHT_REGULAR, FC_WEIGHT_BOLD}) {
      std::string file;
      int index = 0;
      if (!match_face(*family, weight, file, index)) {
        error = "fontconfig has no face of \"" + *family + "\"";
        return std::nullopt;
      }
      if (std::find(done.begin(), done.end(), std::pair(file, index)) != done.end()) continue;
      done.emplace_back(file, index);
      std::string tables;
      const std::string bytes = subset_face(file, index, characters.characters(), tables);
      if (bytes.empty()) {
        error = "cannot subset " + file;
        return std::nullopt;
      }
      fonts.faces_.push_back(file + "#" + std::to_string(index));
      fonts.tables_ += tables;
      const fs::path out = fonts.dir_ / ("face-" + std::to_string(n++) + ".otf");
      std::ofstream(out, std::ios::binary)
          .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      if (!FcConfigAppFontAddFile(fonts.config_, reinterpret_cast<const FcChar8*>(out.c_str()))) {
        error = "fontconfig cannot read the subset of " + file;
        return std::nullopt;
      }
    }
  }
  return fonts;
}

RunFonts::RunFonts(RunFonts&& other) noexcept
    : dir_(std::exchange(other.dir_, {})),
      faces_(std::move(other.faces_)),
      tables_(std::move(other.tables_)),
      config_(std::exchange(other.config_, nullptr)) {}

RunFonts& RunFonts::operator=(RunFonts&& other) noexcept {
  std::swap(dir_, other.dir_);
  std::swap(faces_, other.faces_);
  std::swap(tables_, other.tables_);
  std::swap(config_, other.config_);
  return *this;
}

RunFonts::~RunFonts() {
  if (config_) FcConfigDestroy(config_);
  std::error_code ec;
  if (!dir_.empty()) fs::remove_all(dir_, ec);
}

FontMapPtr RunFonts::make_font_map() const {
  FontMapPtr map(pango_cairo_font_map_new());
  pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map.get()), config_);
  return map;
}

}  // namespace hgj::print
