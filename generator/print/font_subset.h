// The print run's fonts, cut down once to the characters the run prints. cairo embeds a
// subset of every font in every PDF, and subsetting starts by copying and parsing the
// whole font: 16 MB and 65,535 glyphs for Noto Sans CJK, four or five times per board.
// Cut down first (HarfBuzz's subsetter, same glyphs, same glyph numbers, same metrics,
// same names), each
// PDF subsets a font of a few thousand glyphs instead. Text the cut-down fonts cannot
// show falls back to the installed fonts (print/text.h), so nothing is ever missing.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "print/print_theme.h"
#include "print/text.h"

typedef struct _FcConfig FcConfig;

namespace hgj::print {

// The characters a run prints: collect every string, then make the fonts.
class CharacterSet {
 public:
  CharacterSet();  // starts with printable ASCII and the boards' own wording
  void add(std::string_view utf8);
  const std::u32string& characters() const { return characters_; }  // sorted, unique

 private:
  void insert(char32_t c);
  std::u32string characters_;
};

class RunFonts {
 public:
  // Subsets the regular and bold faces of the theme's families (as fontconfig picks
  // them) to `characters`, into files under a private temporary folder. nullopt, with
  // `error` set, when a face cannot be found or subset; the caller then prints with
  // the installed fonts, only slower.
  static std::optional<RunFonts> make(const PrintTheme& theme, const CharacterSet& characters,
                                      std::string& error);
  RunFonts(RunFonts&&) noexcept;
  RunFonts& operator=(RunFonts&&) noexcept;
  ~RunFonts();  // removes the folder

  // A Pango font map (one per thread) that sees only the cut-down faces.
  FontMapPtr make_font_map() const;

  // The installed font files cut down, "<file>#<index>" each, in the order made: what
  // the print recipes (print/print_recipes.h) record of the fonts.
  const std::vector<std::string>& faces() const { return faces_; }
  // Of each cut-down face, the tables other than glyphs that a PDF embeds values of.
  const std::string& tables() const { return tables_; }

 private:
  RunFonts() = default;
  std::filesystem::path dir_;
  std::vector<std::string> faces_;
  std::string tables_;
  FcConfig* config_ = nullptr;
};

}  // namespace hgj::print
