#include "diff/reprint.h"

#include <filesystem>
#include <map>
#include <set>

#include "bundle/write_bundle.h"
#include "diff/file_digests.h"
#include "hgj/bundle.h"
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

}  // namespace

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
