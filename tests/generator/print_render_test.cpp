// The print stage end to end in-process: what goes on the boards, that every page's
// ink stays inside the paper, and what render_print reports for bad input.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include "../temp_folder.h"
#include "hgj/loader.h"
#include "print/board.h"
#include "print/card_sheet.h"
#include "print/pdf_writer.h"
#include "print/print_theme.h"
#include "print/render_print.h"
#include "site/templates/theme.h"

using namespace hgj;
namespace fs = std::filesystem;

namespace {

const Content& fixture(const std::string& path) {
  static std::map<std::string, Content> cache;
  auto it = cache.find(path);
  if (it == cache.end()) {
    DiagnosticSink sink;
    LoadResult loaded = load_content(path, sink);
    REQUIRE_MESSAGE(sink.error_count() == 0, path);
    it = cache.emplace(path, std::move(loaded.content)).first;
  }
  return it->second;
}

const Content& demo() { return fixture(HGJ_SOURCE_DIR "/content"); }
const Content& extreme() { return fixture(HGJ_FIXTURES "/print_extreme/content"); }

constexpr Date kToday{2026, 11, 24};

// The default theme's print look with its words, as `hgj print` reads them.
print::PrintTheme default_theme() {
  print::PrintTheme theme;
  DiagnosticSink sink;
  const fs::path dir = fs::path(HGJ_SOURCE_DIR) / "themes/default";
  theme.strings = print::print_strings(site::load_theme_strings(dir, dir, sink));
  REQUIRE(sink.error_count() == 0);
  return theme;
}

// Renders with the default theme; images come from the content folder.
struct Renderer {
  print::FontMapPtr font_map = print::make_font_map();
  print::ContextPtr context = print::make_print_context(font_map.get());
  print::PrintTheme theme = default_theme();
  const Content& content;
  print::RenderEnv env;

  explicit Renderer(const Content& c) : content(c) {
    env = {context.get(), &theme, [this](const std::string& path) -> std::optional<print::Image> {
             std::string why;
             return print::load_image(fs::path(content.root) / path, why);
           }};
  }
  print::BoardData data(const std::string& building) const {
    return print::assemble_board(content, *content.building(building), "https://x.example", kToday,
                                 theme);
  }
};

// Everything drawn on a page, in page coordinates.
print::Rect ink(const print::Page& page) {
  double x, y, w, h;
  const print::SurfacePtr recording = print::record(page);
  cairo_recording_surface_ink_extents(recording.get(), &x, &y, &w, &h);
  return {x, y, w, h};
}

void check_inside(const std::vector<print::Page>& pages, const std::string& what) {
  REQUIRE(!pages.empty());
  for (std::size_t i = 0; i < pages.size(); ++i) {
    // cairo rounds ink extents out to whole points.
    const print::Rect box{0, 0, std::ceil(pages[i].paper.width), std::ceil(pages[i].paper.height)};
    const print::Rect drawn = ink(pages[i]);
    INFO(what << " page " << i + 1 << ": ink " << drawn.x << "," << drawn.y << " " << drawn.width
              << "x" << drawn.height);
    CHECK(drawn.width > 0);
    CHECK(box.contains(drawn));
  }
}

}  // namespace

TEST_CASE("print: board data: stewards with their units, the scheme, meetings in words, contacts") {
  Renderer r(demo());
  const print::BoardData d = r.data("dpb-03");
  CHECK(d.building_name == "德平坝小区3幢");
  CHECK(d.place_line == "清溪区红枫街道 · 天平巷社区");
  REQUIRE(d.stewards.size() == 2);
  CHECK(d.stewards[0].name == "王建华");
  CHECK(d.stewards[0].phone == "138 0000 0001");
  CHECK(d.stewards[0].units == "负责1–2单元");
  CHECK(d.stewards[0].party_member);
  CHECK(d.duty_title == "红管家“6442”职责");
  REQUIRE(d.duty_groups.size() == 4);
  REQUIRE(d.events.size() == 2);
  CHECK(d.events[0].kind == "敲门日");
  CHECK(d.events[0].when == "每周二 19:00–20:30");
  CHECK(d.events[1].when == "每月25日 14:30–16:00");
  REQUIRE(d.contacts.size() >= 3);
  CHECK(d.contacts[0].label == "网格长");
  CHECK(d.contacts[0].name == "陈国梁");
  CHECK(d.contacts[0].phone == "138 0000 1001");
  CHECK(d.contacts[1].label == "专职网格员");
  CHECK(d.url == "https://x.example/building/dpb-03/");
  CHECK(d.print_date == "2026年11月24日");
  CHECK(d.content_hash.size() == 8);
}

TEST_CASE(
    "print: a board lists six repeating events, the building's own first, and counts the rest") {
  Content c = demo();
  const Building& b = *c.building("dpb-03");
  auto add = [&c](std::string id, std::string kind, std::vector<std::string> scope,
                  std::string rule) {
    Event e;
    e.id = std::move(id);
    e.title = e.id + "活动";
    e.kind = std::move(kind);
    e.scope = std::move(scope);
    e.schedule.rule = parse_event_rule(rule).value;
    c.events.push_back(std::move(e));
  };
  for (int i = 1; i <= 8; ++i)
    add("street" + std::to_string(i), "活动", {}, "monthly:" + std::to_string(i));
  add("street1", "活动", {}, "monthly:1");  // entered twice: one line
  add("street7", "活动", {}, "monthly:7");  // entered twice, not on the board: counted once
  add("own", "巡逻", {"dpb-03"}, "weekly:sun");
  add("other", "敲门日", {"dpb-05"}, "weekly:mon");  // another building's: never here
  c.index();
  const print::BoardData d =
      print::assemble_board(c, b, "https://x.example", kToday, default_theme());
  REQUIRE(d.events.size() == print::kBoardEventsMax);
  CHECK(d.events[0].title == "own活动");  // the building's own
  CHECK(d.events[1].kind == "敲门日");    // then the community's, 敲门日 first
  CHECK(d.events[2].kind == "议事会");
  CHECK(d.events[3].title == "street1活动");  // then the street's, in file order
  CHECK(d.events[5].title == "street3活动");
  CHECK(d.more_events == 5);  // street4 … street8; the copies are not counted
  CHECK(
      d.content_hash !=
      print::assemble_board(demo(), b, "https://x.example", kToday, default_theme()).content_hash);

  Renderer r(c);
  const print::BoardPages board = print::render_board(d, *print::paper_named("A3"), r.env);
  CHECK(board.pages.size() == 1);
  check_inside(board.pages, "dpb-03 with eleven events");
}

TEST_CASE("print: the content hash changes with the board's text, not with the print date") {
  Renderer r(demo());
  const print::BoardData a = r.data("dpb-03");
  const print::BoardData b = print::assemble_board(r.content, *r.content.building("dpb-03"),
                                                   "https://x.example", Date{2027, 1, 1}, r.theme);
  CHECK(a.content_hash == b.content_hash);
  CHECK(a.content_hash != r.data("dpb-05").content_hash);
}

TEST_CASE("print: households served: the whole building, or its units' share rounded up") {
  Building b;
  b.id = "b";
  b.units = 4;
  b.households = 50;
  CHECK(print::households_served(b, {"b", 0, 0}) == 50);
  CHECK(print::households_served(b, {"b", 1, 2}) == 25);
  CHECK(print::households_served(b, {"b", 3, 3}) == 13);  // 12.5: nobody goes without a card
  CHECK(print::households_served(b, {"b", 1, 4}) == 50);
  b.households = 0;
  CHECK(print::households_served(b, {"b", 1, 2}) == 0);
}

TEST_CASE("print: units_text and event_when read as on a Chinese notice") {
  const print::PrintTheme theme = default_theme();
  CHECK(print::units_text({"b", 0, 0}, theme) == "");
  CHECK(print::units_text({"b", 3, 3}, theme) == "负责3单元");
  CHECK(print::units_text({"b", 1, 2}, theme) == "负责1–2单元");
  Schedule once;
  once.date = Date{2027, 1, 23};
  once.time = TimeRange{9 * 60, 11 * 60 + 30};
  CHECK(print::event_when(once) == "2027年1月23日 09:00–11:30");
}

TEST_CASE("print: every demo board fits on one A3 page and stays inside it") {
  Renderer r(demo());
  const print::Paper a3 = *print::paper_named("A3");
  for (const Building& b : r.content.buildings) {
    const print::BoardPages board = print::render_board(r.data(b.id), a3, r.env);
    CHECK_MESSAGE(board.pages.size() == 1, b.id);
    CHECK(board.shrink >= 0.8);
    check_inside(board.pages, b.id);
  }
}

TEST_CASE(
    "print: six and eight stewards fit one A3 page with compact cards, body text at 12 pt or "
    "more") {
  Renderer r(fixture(HGJ_FIXTURES "/print_crowded/content"));
  const print::Paper a3 = *print::paper_named("A3"), a4 = *print::paper_named("A4");
  // Two stewards fit as they always did: full cards.
  const print::BoardPages two = print::render_board(r.data("two-01"), a3, r.env);
  CHECK(two.pages.size() == 1);
  CHECK_FALSE(two.compact);
  for (const char* id : {"six-01", "eight-01"}) {
    INFO(id);
    const print::BoardPages board = print::render_board(r.data(id), a3, r.env);
    CHECK(board.pages.size() == 1);
    CHECK(board.compact);
    CHECK(print::body_text_pt(a3, {board.shrink, board.compact, 0}) >= 12 - 1e-9);
    CHECK(board.oversized == 0);
    check_inside(board.pages, std::string(id) + " A3");
    // On A4 the type stays at 12 pt: the compact cards are tried at 100 % only.
    const print::BoardPages small = print::render_board(r.data(id), a4, r.env);
    CHECK(small.shrink == doctest::Approx(1).epsilon(0.005));
    CHECK(print::body_text_pt(a4, {small.shrink, small.compact, 0}) >= 12 - 1e-9);
    check_inside(small.pages, std::string(id) + " A4");
  }
}

TEST_CASE(
    "print: extreme boards (six stewards, 40-character names, 30 duties) stay inside A3 and A4") {
  Renderer r(extreme());
  for (const char* paper : {"A3", "A4"}) {
    for (const Building& b : r.content.buildings) {
      const print::BoardPages board =
          print::render_board(r.data(b.id), *print::paper_named(paper), r.env);
      CHECK(board.oversized == 0);
      CHECK(board.pages.size() <= 2);
      check_inside(board.pages, b.id + " " + paper);
    }
  }
}

// The card numbers of each sheet, in slot order (0 = the crop marks, left out).
std::vector<std::vector<std::size_t>> placed_cards(const print::CardSheets& sheets) {
  std::vector<std::vector<std::size_t>> out;
  const std::vector<print::Rect> slots = print::card_slots(*print::paper_named("A4"));
  for (const print::TiledPage& sheet : sheets.sheets) {
    CHECK(sheet.placements.size() <= 1 + 10);
    REQUIRE(!sheet.placements.empty());
    CHECK(sheet.placements[0].page == 0);  // the crop marks on every sheet
    std::vector<std::size_t> cards;
    for (std::size_t i = 1; i < sheet.placements.size(); ++i) {
      CHECK(sheet.placements[i].x == slots[i - 1].x);
      CHECK(sheet.placements[i].y == slots[i - 1].y);
      cards.push_back(sheet.placements[i].page);
    }
    out.push_back(std::move(cards));
  }
  return out;
}

TEST_CASE("print: card sheets: a card per household each steward serves, one steward's together") {
  Renderer r(extreme());
  // ext-01: 6 units, 216 households; EXT-001..005 one unit each, EXT-006 the whole building.
  const print::BoardData data = r.data("ext-01");
  REQUIRE(data.stewards.size() == 6);
  std::vector<std::size_t> counts;  // the board's order (the whole building's steward first)
  for (const print::StewardEntry& s : data.stewards) {
    INFO(s.id);
    CHECK(s.households == (s.id == "EXT-006" ? 216 : 36));
    counts.push_back(static_cast<std::size_t>(s.households));
  }
  CHECK(print::card_counts(data) == counts);
  const print::CardSheets sheets = print::card_sheets(data, r.env);
  REQUIRE(sheets.faces.size() == 1 + 6);  // each different card drawn once
  CHECK(sheets.faces[0].paper.name == "A4");
  for (std::size_t i = 1; i < sheets.faces.size(); ++i)
    check_inside({sheets.faces[i]}, "ext-01 card");
  CHECK(sheets.sheets.size() == 40);  // 396 cards
  std::vector<std::size_t> all;
  for (const auto& cards : placed_cards(sheets)) all.insert(all.end(), cards.begin(), cards.end());
  std::vector<std::size_t> want;
  for (std::size_t person = 0; person < 6; ++person)
    want.insert(want.end(), counts[person], 1 + person);
  CHECK(all == want);
  const std::vector<print::Page> pages = print::render_cards(data, r.env);
  CHECK(pages.size() == 40);
  check_inside({pages.front(), pages.back()}, "ext-01 sheets");
}

TEST_CASE(
    "print: card sheets without 户数 keep one sheet shared out; stand-ins share the households") {
  Renderer r(extreme());
  print::BoardData data = r.data("ext-01");
  data.households = 0;
  for (print::StewardEntry& s : data.stewards) s.households = 0;
  CHECK(print::card_counts(data) == std::vector<std::size_t>{2, 2, 2, 2, 1, 1});
  const print::CardSheets one = print::card_sheets(data, r.env);
  REQUIRE(one.sheets.size() == 1);
  CHECK(placed_cards(one)[0] == std::vector<std::size_t>{1, 1, 2, 2, 3, 3, 4, 4, 5, 6});
  check_inside(print::render_cards(data, r.env), "ext-01 without 户数");

  // ext-02: no steward, 24 households: the 网格长 and the 专职网格员, twelve cards each.
  const print::BoardData ext02 = r.data("ext-02");
  const std::vector<print::CardPerson> stand_ins = print::card_people(ext02);
  REQUIRE(stand_ins.size() == 2);
  CHECK(stand_ins[0].meta == "网格长");
  CHECK(stand_ins[1].meta == "专职网格员");
  CHECK(print::card_counts(ext02) == std::vector<std::size_t>{12, 12});
  const print::CardSheets sheets = print::card_sheets(ext02, r.env);
  const auto placed = placed_cards(sheets);
  REQUIRE(placed.size() == 3);
  CHECK(placed[0] == std::vector<std::size_t>(10, 1));
  CHECK(placed[1] == std::vector<std::size_t>{1, 1, 2, 2, 2, 2, 2, 2, 2, 2});
  CHECK(placed[2] == std::vector<std::size_t>{2, 2, 2, 2});  // the rest of the sheet stays blank
  check_inside(print::render_cards(ext02, r.env), "ext-02 cards");
}

TEST_CASE(
    "print: twelve stewards without 户数 make two card sheets, each card drawn once in the PDF") {
  Renderer r(extreme());
  print::BoardData data = r.data("ext-01");
  data.households = 0;
  const std::vector<print::StewardEntry> six = data.stewards;
  for (int i = 0; i < 6; ++i) {
    print::StewardEntry more = six[i];
    more.id += "-b";
    data.stewards.push_back(more);
  }
  const print::CardSheets sheets = print::card_sheets(data, r.env);
  REQUIRE(sheets.faces.size() == 1 + 12);
  const auto placed = placed_cards(sheets);
  REQUIRE(placed.size() == 2);
  // Twenty cards: the first eight twice, the last four once, in order.
  CHECK(placed[0] == std::vector<std::size_t>{1, 1, 2, 2, 3, 3, 4, 4, 5, 5});
  CHECK(placed[1] == std::vector<std::size_t>{6, 6, 7, 7, 8, 8, 9, 10, 11, 12});
  const std::string pdf = print::card_sheets_pdf(sheets, {"ext-01", "hgj", 0});
  CHECK(pdf.find("/Count 2") != std::string::npos);
  std::size_t forms = 0;
  for (std::size_t at = pdf.find("/Subtype /Form"); at != std::string::npos;
       at = pdf.find("/Subtype /Form", at + 1)) {
    ++forms;
  }
  CHECK(forms == 1 + 12);
}

TEST_CASE("print: the same board gives byte-identical PDFs") {
  Renderer r(demo());
  const print::Paper a4 = *print::paper_named("A4");
  auto pdf = [&] {
    const print::BoardPages board = print::render_board(r.data("dpb-03"), a4, r.env);
    return print::pdf_document({&board.pages[0]}, {"t", "a", 1795518000});
  };
  const std::string first = pdf();
  CHECK(first.starts_with("%PDF-"));
  CHECK(first == pdf());
  CHECK(first.find("/CreationDate (20261124110000Z)") != std::string::npos);
  CHECK(print::pdf_date(1795518000) == "2026-11-24T11:00:00Z");
}

// Resident memory in bytes, from /proc/self/statm.
std::size_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

// cairo 1.16 kept a copy of every photo drawn into a recording surface that was then
// replayed into a PDF: 0.3 MB a board, 4 GB for a city's 5,000. (AddressSanitizer holds
// freed memory back on purpose, so the figure means nothing under it.)
#if !defined(__SANITIZE_ADDRESS__)
TEST_CASE("print: boards with photos drawn into PDFs give their memory back") {
  Renderer r(demo());
  const print::Paper a3 = *print::paper_named("A3");
  auto print_boards = [&](int count) {
    for (int i = 0; i < count; ++i) {
      // A fresh image cache per board, as hgj print has.
      std::map<std::string, std::optional<print::Image>> cache;
      print::RenderEnv env{r.context.get(), &r.theme, [&](const std::string& path) {
                             auto [it, added] = cache.try_emplace(path);
                             if (added) it->second = r.env.image(path);
                             return it->second;
                           }};
      const print::BoardPages board = print::render_board(r.data("dpb-03"), a3, env);
      CHECK(print::pdf_document({&board.pages[0]}, {"t", "a", 0}).size() > 10000);
    }
  };
  print_boards(10);  // caches filled
  const std::size_t before = resident_bytes();
  print_boards(60);
  const double grown_mb =
      (static_cast<double>(resident_bytes()) - static_cast<double>(before)) / 1e6;
  INFO("resident memory grew by " << grown_mb << " MB over 60 boards");
  CHECK(grown_mb < 15);
}
#endif

TEST_CASE("print: render_print reports a photo that cannot be decoded, as an error under strict") {
  const Content& c = fixture(HGJ_FIXTURES "/print_bad_photo/content");
  const fs::path out = fs::temp_directory_path() / "hgj_print_bad_photo_test";
  fs::remove_all(out);
  for (bool strict : {false, true}) {
    DiagnosticSink sink;
    PrintOptions o;
    o.strict = strict;
    o.now = 1795518000;
    PrintReport report;
    const bool ok = render_print(c, o, out, sink, &report);
    CHECK(ok == !strict);
    CHECK(report.exit_code == (strict ? 1 : 0));
    REQUIRE(sink.sorted().size() == 1);
    CHECK(format_heading(sink.sorted()[0]) ==
          std::string(HGJ_FIXTURES "/print_bad_photo/content/photos/broken.jpg: ") +
              (strict ? "error" : "warning") +
              ": cannot be decoded as a JPEG or PNG image; printed without it (a photo becomes "
              "the steward's initials)");
  }
  CHECK(fs::exists(out / "boards" / "b1.pdf"));
  CHECK(fs::exists(out / "community" / "c1-cards.pdf"));
  fs::remove_all(out);
}

TEST_CASE("print: render_print stops with exit code 2 on a font that is not installed") {
  const fs::path theme = fs::temp_directory_path() / "hgj_print_font_test";
  fs::create_directories(theme);
  std::ofstream(theme / "print.toml") << "[fonts]\nserif = \"Nonexistent Serif CJK\"\n";
  DiagnosticSink sink;
  PrintOptions o;
  o.theme_dir = theme.string();
  PrintReport report;
  CHECK_FALSE(render_print(demo(), o, theme / "out", sink, &report));
  CHECK(report.exit_code == 2);
  CHECK_FALSE(fs::exists(theme / "out"));
  REQUIRE(sink.error_count() == 1);
  const std::string message = sink.sorted()[0].message;
  CHECK(message.starts_with(
      "font \"Nonexistent Serif CJK\" is not installed (it would fall back to \""));
  CHECK(message.ends_with("\"); install it (fonts-noto-cjk) or name another in [fonts]"));
  fs::remove_all(theme);
}

TEST_CASE("print: render_print rejects an unknown building or paper with exit code 2") {
  DiagnosticSink sink;
  PrintOptions o;
  o.buildings = {"nope"};
  PrintReport report;
  CHECK_FALSE(render_print(demo(), o, fs::temp_directory_path() / "hgj_unused", sink, &report));
  CHECK(report.exit_code == 2);
  REQUIRE(sink.error_count() == 1);
  CHECK(sink.sorted()[0].message == "--building nope: no such building in " HGJ_SOURCE_DIR
                                    "/content");

  DiagnosticSink sink2;
  PrintOptions a5;
  a5.paper = "A5";
  CHECK_FALSE(render_print(demo(), a5, fs::temp_directory_path() / "hgj_unused", sink2, &report));
  CHECK(sink2.sorted()[0].message == "paper \"A5\" is not A3 or A4");
}

TEST_CASE(
    "print: a theme without print.toml takes the default theme's, as hgj build and hgj print both "
    "do") {
  using testing::TempFolder;
  TempFolder dir;
  dir.write("default/print.toml", "[text]\nboard_title = \"楼栋公示牌（默认主题）\"\n");
  dir.write("mine/print.toml", "[text]\nboard_title = \"我的公示牌\"\n");
  fs::create_directories(dir.path() / "bare");
  DiagnosticSink sink;
  const auto own = print::load_print_theme(dir.path() / "mine", dir.path() / "default", sink);
  const auto bare = print::load_print_theme(dir.path() / "bare", dir.path() / "default", sink);
  const auto none = print::load_print_theme(dir.path() / "bare", dir.path() / "nowhere", sink);
  REQUIRE(own);
  REQUIRE(bare);
  REQUIRE(none);
  CHECK(own->board_title == "我的公示牌");
  CHECK(bare->board_title == "楼栋公示牌（默认主题）");
  CHECK(bare->source == dir.path() / "default" / "print.toml");
  CHECK(none->board_title == print::PrintTheme().board_title);  // the built-in defaults
  CHECK(sink.error_count() == 0);
}
