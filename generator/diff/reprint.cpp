#include "diff/reprint.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "bundle/write_bundle.h"
#include "diff/file_digests.h"
#include "hgj/bundle.h"
#include "hgj/files.h"
#include "hgj/sha256.h"
#include "print/board_data.h"
#include "print/card_sheet.h"
#include "print/print_theme.h"

namespace hgj {

namespace {

namespace fs = std::filesystem;

// Fields hashed with a separator no field holds, so "ab"+"c" differs from "a"+"bc".
class Digest {
 public:
  explicit Digest(FileDigests* files = nullptr) : files_(files) {}
  void add(std::string_view s) {
    sha_.update(s);
    sha_.update(std::string_view("\x1f", 1));
  }
  // A picture by its bytes: the same path with a new photo is a new board. A missing
  // file (the loader reported it) counts as its path.
  void add_file(const Content& c, const std::string& path) {
    if (path.empty()) return add("");
    std::error_code ec;
    const fs::path file = fs::path(c.root) / path;
    add(fs::is_regular_file(file, ec) ? files_->of(file) : path);
  }
  std::string hex16() { return to_hex(sha_.finish()).substr(0, 16); }

 private:
  FileDigests* files_;  // REQUIRES: given when add_file() is called
  Sha256 sha_;
};

std::string kiosk_digest(const Content& c, Instant now, FileDigests& files) {
  if (c.buildings.empty()) return {};
  BundleOptions o;
  o.now = now;
  Digest d(&files);
  d.add(bundle_to_json(assemble_bundle(c, o)));
  for (const Steward& s : c.stewards) {
    d.add_file(c, s.photo);
    d.add_file(c, s.wechat_qr);
  }
  return d.hex16();
}

struct Printed {
  std::string board, cards;
};

std::map<std::string, Printed> printed(const Content& c, Instant now, FileDigests& files) {
  std::map<std::string, Printed> out;
  const Date today = print_day(c, now);
  for (const Building& b : c.buildings)
    out[b.id] = {board_digest(c, b, today, files), card_digest(c, b, today)};
  return out;
}

ReprintItem item(const Content& c, const Building& b, ReprintItem::Why why) {
  const Community* community = c.community(b.community);
  return {why, b.id, b.name, b.community, community ? community->name : b.community};
}

using nlohmann::ordered_json;

constexpr std::pair<ReprintItem::Why, const char*> why_keys[] = {
    {ReprintItem::Why::changed, "changed"},
    {ReprintItem::Why::added, "added"},
    {ReprintItem::Why::removed, "removed"}};

const char* why_key(ReprintItem::Why w) {
  for (const auto& [why, key] : why_keys)
    if (why == w) return key;
  return "";
}

std::vector<ReprintItem> items_from(const ordered_json& list) {
  std::vector<ReprintItem> items;
  for (const ordered_json& j : list) {
    ReprintItem& i = items.emplace_back();
    i.building = j.at("building").get<std::string>();
    i.name = j.at("name").get<std::string>();
    i.community = j.at("community").get<std::string>();
    i.community_name = j.at("community_name").get<std::string>();
    i.pages = j.value("pages", std::size_t{0});
    const std::string why = j.at("why").get<std::string>();
    const auto* known = std::find_if(std::begin(why_keys), std::end(why_keys),
                                     [&](const auto& k) { return why == k.second; });
    if (known == std::end(why_keys)) throw std::runtime_error("unknown why: " + why);
    i.why = known->first;
  }
  return items;
}

}  // namespace

ordered_json reprint_items_json(const std::vector<ReprintItem>& items) {
  ordered_json out = ordered_json::array();
  for (const ReprintItem& i : items) {
    ordered_json item = {{"building", i.building},
                         {"name", i.name},
                         {"community", i.community},
                         {"community_name", i.community_name}};
    if (i.pages > 0) item["pages"] = i.pages;
    item["why"] = why_key(i.why);
    out.push_back(std::move(item));
  }
  return out;
}

std::string reprint_json(const Reprint& reprint, bool compared) {
  const ordered_json j = {{"compared", compared},
                          {"boards", reprint_items_json(reprint.boards)},
                          {"cards", reprint_items_json(reprint.cards)}};
  return j.dump(1) + "\n";
}

std::optional<Reprint> read_reprint(const fs::path& print_dir) {
  const std::optional<std::string> text = read_whole_file(print_dir / reprint_file);
  if (!text) return std::nullopt;
  try {
    const ordered_json j = ordered_json::parse(*text);
    if (!j.at("compared").get<bool>()) return std::nullopt;
    Reprint r;
    r.boards = items_from(j.at("boards"));
    r.cards = items_from(j.at("cards"));
    return r;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

Date print_day(const Content& c, Instant now) {
  const std::optional<TimeZone> zone = TimeZone::make(c.site.timezone);
  return zone ? zone->local_date(now) : Date::from_days_since_epoch(now / 86400);
}

// Both versions are assembled without the theme's words: what differs is the content,
// and a label the theme changes would reprint every board alike.
std::string board_digest(const Content& c, const Building& b, const Date& today,
                         FileDigests& files) {
  return board_digest(c, print::assemble_board(c, b, c.site.base_url, today, {}), files);
}

std::string card_digest(const Content& c, const Building& b, const Date& today) {
  return card_digest(print::assemble_board(c, b, c.site.base_url, today, {}));
}

std::string board_digest(const Content& c, const print::BoardData& data, FileDigests& files) {
  Digest d(&files);
  d.add(data.content_hash);  // the stamp printed on the board: everything but the date
  for (const print::StewardEntry& s : data.stewards) {
    d.add_file(c, s.photo);
    d.add_file(c, s.wechat_qr);
  }
  return d.hex16();
}

std::string card_digest(const print::BoardData& data) {
  Digest d;
  d.add(data.building_name);
  d.add(data.url);  // the QR code
  // Every card's bottom line: district, street, community and the street hotline.
  d.add(data.place_line);
  d.add(data.hotline);
  for (const print::CardPerson& p : print::card_people(data)) {
    for (const std::string* v : {&p.name, &p.meta, &p.phone, &p.units}) d.add(*v);
  }
  // How many of each: a building with more households, or a steward taking over a unit,
  // prints more cards.
  for (const std::size_t n : print::card_counts(data)) d.add(std::to_string(n));
  return d.hex16();
}

Reprint reprint_list(const Content& before, const Content& after, Instant now, FileDigests& files) {
  Reprint r;
  const std::map<std::string, Printed> was = printed(before, now, files),
                                       is = printed(after, now, files);
  // Community by community, as the print shop's combined files are.
  std::vector<const Building*> buildings;
  for (const Community& c : after.communities)
    for (const Building* b : after.buildings_of_community(c.id)) buildings.push_back(b);
  for (const Building* building : buildings) {
    const Building& b = *building;
    const auto it = was.find(b.id);
    const Printed& p = is.at(b.id);
    if (it == was.end()) {
      r.boards.push_back(item(after, b, ReprintItem::Why::added));
      r.cards.push_back(item(after, b, ReprintItem::Why::added));
      continue;
    }
    if (it->second.board != p.board) r.boards.push_back(item(after, b, ReprintItem::Why::changed));
    if (it->second.cards != p.cards) r.cards.push_back(item(after, b, ReprintItem::Why::changed));
  }
  for (const Community& c : before.communities) {
    for (const Building* b : before.buildings_of_community(c.id)) {
      if (is.count(b->id) != 0) continue;
      r.boards.push_back(item(before, *b, ReprintItem::Why::removed));
      r.cards.push_back(item(before, *b, ReprintItem::Why::removed));
    }
  }
  r.kiosk_before = kiosk_digest(before, now, files);
  r.kiosk_after = kiosk_digest(after, now, files);
  return r;
}

}  // namespace hgj
