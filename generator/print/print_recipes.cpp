#include "print/print_recipes.h"

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "hgj/files.h"
#include "print/font_subset.h"
#include "print/layout.h"
#include "print/print_theme.h"
#include "site/templates/theme.h"

namespace hgj::print {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Recorded in the file and in every recipe: another hgj may lay out differently.
constexpr const char* version = "hgj " HGJ_VERSION;

// A file by its bytes; one that cannot be read by that fact, so it never matches a file
// that could.
void add_file(Recipe& r, const fs::path& file) {
  const std::optional<std::string> bytes = read_whole_file(file);
  r.add(bytes ? "file" : "unreadable").add(bytes ? *bytes : file.string());
}

}  // namespace

Recipe& Recipe::add(std::string_view field) {
  sha_.update(field);
  sha_.update(std::string_view("\x1f", 1));
  return *this;
}

std::string Recipe::hex() { return to_hex(sha_.finish()).substr(0, 32); }

RecipeBasis recipe_basis(const PrintTheme& theme, const RunFonts& fonts, const Paper& paper,
                         const std::string& base_url, const std::string& author, Instant now,
                         const Date& today, const site::Theme& html_theme,
                         const std::string& stylesheet) {
  Recipe pdf;
  pdf.add(version).add(paper.name).add(base_url).add(author);
  // Every PDF carries its creation time. Under SOURCE_DATE_EPOCH that is the given
  // instant, and a reused file must hold exactly it; otherwise it is the moment the file
  // was laid out, and a file laid out earlier the same print day is as good as a new one.
  const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
  pdf.add(epoch && *epoch ? "epoch " + std::to_string(now) : "day " + today.iso());
  if (theme.source.empty()) {
    pdf.add("built-in print theme");
  } else {
    add_file(pdf, theme.source);
  }
  for (const auto& [key, text] : theme.strings) pdf.add(key).add(text);
  pdf.add(theme.sans).add(theme.serif);
  for (const std::string& face : fonts.faces()) {
    // A font file updated by the system (same name, new bytes) changes its size or time.
    const fs::path file = face.substr(0, face.rfind('#'));
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    const auto time = fs::last_write_time(file, ec).time_since_epoch().count();
    pdf.add(face).add(std::to_string(size)).add(std::to_string(time));
  }
  pdf.add(fonts.tables());
  RecipeBasis basis;
  basis.pdf = pdf.hex();

  Recipe html;
  html.add(basis.pdf).add(stylesheet);
  for (const std::string& name : html_theme.template_names()) {
    html.add(name);
    add_file(html, html_theme.file_of(name));
  }
  for (const auto& [key, text] : html_theme.strings()) html.add(key).add(text);
  basis.html = html.hex();
  return basis;
}

PrintRecipes read_recipes(const fs::path& print_dir) {
  PrintRecipes recipes;
  const std::optional<std::string> text = read_whole_file(print_dir / recipes_file);
  if (!text) return recipes;
  try {
    const json j = json::parse(*text);
    if (j.at("hgj").get<std::string>() != version) return {};
    for (const auto& [id, b] : j.at("buildings").items()) {
      BuildingRecipes& r = recipes.buildings[id];
      r.board = b.at("board").get<std::string>();
      r.html = b.at("html").get<std::string>();
      r.images = b.at("images").get<std::vector<std::string>>();
      for (const std::string& name : r.images) {
        // A name, never a path: only boards/img/ files are taken from the old output.
        if (name.empty() || name.starts_with('.') || name.find('/') != std::string::npos) return {};
      }
      r.cards = b.at("cards").get<std::string>();
      r.printed_board = b.at("printed_board").get<std::string>();
      r.printed_cards = b.at("printed_cards").get<std::string>();
    }
    recipes.communities = j.at("communities").get<std::map<std::string, std::string>>();
  } catch (const json::exception&) {
    return {};
  }
  return recipes;
}

std::string recipes_json(const PrintRecipes& recipes) {
  json buildings = json::object();
  for (const auto& [id, r] : recipes.buildings) {
    buildings[id] = {{"board", r.board},
                     {"html", r.html},
                     {"images", r.images},
                     {"cards", r.cards},
                     {"printed_board", r.printed_board},
                     {"printed_cards", r.printed_cards}};
  }
  const json j = {{"hgj", version}, {"buildings", buildings}, {"communities", recipes.communities}};
  return j.dump(1) + "\n";
}

}  // namespace hgj::print
