// The recipe of every print file: a digest of everything that makes its bytes — what
// the board or card sheet prints (diff/reprint.h), hgj's version, the print theme, the
// fonts, the paper, the base URL and the date — kept in print/.recipes.json beside the
// files. A later run into the same output lays out afresh only the files whose recipe
// changed and takes the others from the current output (render_print.cpp). Any doubt
// — no recipe, another version, a file missing — means laying out afresh.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "hgj/recurrence.h"
#include "hgj/sha256.h"

namespace hgj::site {
class Theme;
}

namespace hgj::print {

struct PrintTheme;
struct Paper;
class RunFonts;

// Inside the print output. It holds digests only (no name, phone or path), so it may be
// served with the PDFs.
inline constexpr const char* recipes_file = ".recipes.json";

// One building's files. An empty recipe: not reusable (its layout warned, so the next
// run must lay it out again and say so again).
struct BuildingRecipes {
  std::string board;                // boards/<id>.pdf
  std::string html;                 // boards/<id>.html
  std::vector<std::string> images;  // the boards/img/ files that page shows
  std::string cards;                // cards/<id>.pdf
  // What the board and the card sheet print (diff/reprint.h board_digest, card_digest),
  // for the reprint list; recorded also when the layout warned. Empty: not known.
  std::string printed_board, printed_cards;
};

struct PrintRecipes {
  std::map<std::string, BuildingRecipes> buildings;  // by building id
  std::map<std::string, std::string> communities;    // community/<id>-boards.pdf and -cards.pdf
};

// The recipes recorded in `print_dir`; empty when there are none or they cannot be
// trusted (unreadable, malformed, written by another hgj version).
PrintRecipes read_recipes(const std::filesystem::path& print_dir);
std::string recipes_json(const PrintRecipes& recipes);

// Fields joined with a separator no field holds, then hashed (32 hex digits).
class Recipe {
 public:
  Recipe& add(std::string_view field);
  std::string hex();

 private:
  Sha256 sha_;
};

// What every file of a run shares. `pdf`: the print theme (print.toml and the printed
// strings), the fonts (the files cut down, and the cut-down fonts' tables besides the
// glyphs; not the run's characters, see font_subset.cpp), the paper, the base URL (QR codes), the
// PDFs' author line and the date. `html`: the same plus the site theme's templates and print.css,
// for the boards' HTML views.
struct RecipeBasis {
  std::string pdf, html;
};
RecipeBasis recipe_basis(const PrintTheme& theme, const RunFonts& fonts, const Paper& paper,
                         const std::string& base_url, const std::string& author, Instant now,
                         const Date& today, const site::Theme& html_theme,
                         const std::string& stylesheet);

}  // namespace hgj::print
