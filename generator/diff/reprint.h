// What must be printed again after a change: the 公示牌 and 联户卡 sheets whose printed
// content differs between two versions (by what they print — the print stage's board
// model and the pictures on it — not by PDF bytes, and without rendering), and whether
// the kiosk bundle's data changes.
#pragma once

#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "hgj/model.h"
#include "hgj/recurrence.h"

namespace hgj {

struct ReprintItem {
  enum class Why { changed, added, removed };  // removed: take the old one down
  Why why = Why::changed;
  std::string building;   // id
  std::string name;       // 德平坝小区3幢
  std::string community;  // id
  std::string community_name;
  // Pages to print: the board's, or the building's card sheets. 0: not known (hgj diff
  // lays nothing out).
  std::size_t pages = 0;
};

struct Reprint {
  // Community by community, in the readers' order, as the community PDFs are; removed
  // buildings after the others.
  std::vector<ReprintItem> boards;
  std::vector<ReprintItem> cards;
  // 16 hex digits over the bundle's data and pictures; empty for an empty street.
  std::string kiosk_before, kiosk_after;
  bool kiosk_changed() const { return kiosk_before != kiosk_after; }
};

// Both versions are printed as of `now` (the same day: events that dropped off a board
// because time passed are not a content change). QR codes point under each version's
// own base_url.
// Pictures are read through `digests`.
class FileDigests;
Reprint reprint_list(const Content& before, const Content& after, Instant now,
                     FileDigests& digests);

// The items as `hgj diff --json` and print/reprint.json list them: building, name,
// community, community_name, pages (when known) and why (changed, added, removed).
nlohmann::ordered_json reprint_items_json(const std::vector<ReprintItem>& items);

// The reprint list `hgj build` writes into its print output (docs/print.md): the boards
// and card sheets whose printed content differs from what the output it replaced printed.
// `compared` false: that output recorded nothing to compare with (the first build), and
// the lists are empty.
inline constexpr const char* reprint_file = "reprint.json";
std::string reprint_json(const Reprint& reprint, bool compared);

// The list in `print_dir`; nullopt when there is none, it cannot be read, or it was made
// with nothing to compare with. (The kiosk digests are not part of it.)
std::optional<Reprint> read_reprint(const std::filesystem::path& print_dir);

// The day `now` is in the site's time zone: the print date both versions are compared on.
Date print_day(const Content& content, Instant now);

// The digest of what a building's 公示牌 prints, and of its 联户卡 sheet (16 hex digits).
std::string board_digest(const Content& content, const Building& building, const Date& today,
                         FileDigests& digests);
std::string card_digest(const Content& content, const Building& building, const Date& today);

// The same, of a board model already assembled (print::assemble_board): what the print
// stage's recipes (print/print_recipes.h) key each PDF on.
namespace print {
struct BoardData;
}
std::string board_digest(const Content& content, const print::BoardData& data,
                         FileDigests& digests);
std::string card_digest(const print::BoardData& data);

}  // namespace hgj
