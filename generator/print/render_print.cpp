#include "print/render_print.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "diff/file_digests.h"
#include "diff/reprint.h"
#include "hgj/data_dir.h"
#include "hgj/files.h"
#include "hgj/language.h"
#include "hgj/parallel.h"
#include "image_metadata.h"
#include "libvips.h"
#include "print/board.h"
#include "print/board_html.h"
#include "print/card_sheet.h"
#include "print/font_subset.h"
#include "print/pdf_merge.h"
#include "print/pdf_writer.h"
#include "print/print_recipes.h"
#include "publish.h"
#include "site/pages/urls.h"
#include "site/templates/theme.h"
#include "theme_folders.h"

namespace hgj {

using print::BoardData;
using print::BoardPages;
using print::ContextPtr;
using print::FontMapPtr;
using print::Image;
using print::Paper;
using print::PrintTheme;
using print::RenderEnv;
namespace fs = std::filesystem;

namespace {

// What the run prints, in output order: buildings grouped by community.
struct Selection {
  std::vector<const Building*> buildings;
  std::set<std::string> combined;  // communities that get combined files
  bool ok = true;
};

Selection select(const Content& content, const PrintOptions& options, DiagnosticSink& sink) {
  Selection s;
  std::set<std::string> wanted_buildings, wanted_communities;
  for (const std::string& id : options.buildings) {
    if (const Building* gone = content.former_building(id)) {
      sink.error({}, say("--building " + id + "：" + gone->name + " 在 " + content.root + " 里已" +
                             gone->status + "，没有公示牌和联户卡",
                         "--building " + id + ": " + gone->name + " is " + gone->status + " in " +
                             content.root + "; it has no board or card sheet"));
      s.ok = false;
    } else if (!content.building(id)) {
      sink.error({},
                 say("--building " + id + "：" + content.root + " 里没有这个楼栋编号，请对照楼栋表",
                     "--building " + id + ": no such building in " + content.root));
      s.ok = false;
    }
    wanted_buildings.insert(id);
  }
  for (const std::string& id : options.communities) {
    if (!content.community(id)) {
      sink.error(
          {}, say("--community " + id + "：" + content.root + " 里没有这个社区编号，请对照社区表",
                  "--community " + id + ": no such community in " + content.root));
      s.ok = false;
    }
    wanted_communities.insert(id);
  }
  const bool everything = wanted_buildings.empty() && wanted_communities.empty();
  for (const Community& c : content.communities) {
    if (everything || wanted_communities.count(c.id)) s.combined.insert(c.id);
    for (const Building* b : content.buildings_of_community(c.id)) {
      if (everything || wanted_communities.count(c.id) || wanted_buildings.count(b->id)) {
        s.buildings.push_back(b);
      }
    }
  }
  return s;
}

// A progress bar on a terminal: "hgj print [########          ] 40/100".
class Progress {
 public:
  Progress(bool enabled, std::size_t total)
      : enabled_(enabled && isatty(STDERR_FILENO)), total_(total) {}
  void step() {
    const std::size_t done = ++done_;
    if (!enabled_) return;
    std::lock_guard lock(mutex_);
    const int width = 30;
    const int filled = static_cast<int>(done * width / std::max<std::size_t>(total_, 1));
    std::fprintf(stderr, "\rhgj print [%s%s] %zu/%zu", std::string(filled, '#').c_str(),
                 std::string(width - filled, ' ').c_str(), done, total_);
    if (done == total_) std::fputc('\n', stderr);
    std::fflush(stderr);
  }

 private:
  bool enabled_;
  std::size_t total_;
  std::atomic<std::size_t> done_{0};
  std::mutex mutex_;
};

// Loads photos and WeChat QR images, reporting each bad file once however many boards
// show it.
class Images {
 public:
  Images(const Content& content, bool strict, DiagnosticSink& sink)
      : root_(content.root), strict_(strict), sink_(sink) {}

  std::optional<Image> load(const std::string& path) {
    std::string why;
    if (auto image = print::load_image(fs::path(root_) / path, why)) return image;
    const std::string file = (fs::path(root_) / path).string();
    std::lock_guard lock(mutex_);
    if (reported_.insert(path).second) {
      const std::string message =
          say(why + "；打印时不用它（照片换成红管家的姓名头像）",
              why + "; printed without it (a photo becomes the steward's initials)");
      if (strict_) {
        sink_.error({file, 0, 0}, message);
      } else {
        sink_.warning({file, 0, 0}, message);
      }
    }
    return std::nullopt;
  }

 private:
  std::string root_;
  bool strict_;
  DiagnosticSink& sink_;
  std::mutex mutex_;
  std::set<std::string> reported_;
};

// A building's finished files, kept until its community's combined files are written.
// Held by pointer and reset to let go of the bytes: assigning an empty string keeps the
// old one's capacity, 100 KB a building for the whole run.
struct Rendered {
  std::string board_pdf, cards_pdf;
};

// What a building's files are made from this run, and which of them the old output
// holds already (same recipe).
struct Plan {
  print::BuildingRecipes recipes;
  bool reuse_board = false, reuse_html = false, reuse_cards = false;
  std::vector<std::string> old_images;  // what the old HTML view showed
};

struct CommunityPlan {
  std::string recipe;
  bool reuse = false;
};

class Printer {
 public:
  Printer(const Content& content, const PrintOptions& options, const Paper& paper,
          const PrintTheme& theme, const site::Theme& html_theme, const std::string& stylesheet,
          const fs::path& out, DiagnosticSink& sink)
      : content_(content),
        options_(options),
        paper_(paper),
        theme_(theme),
        html_theme_(html_theme),
        stylesheet_(stylesheet),
        out_(out),
        sink_(sink),
        images_(content, options.strict, sink) {
    base_url_ = site::resolved_base_url(options.base_url, content.site.base_url);
    auto zone = TimeZone::make(content.site.timezone);
    today_ =
        zone ? zone->local_date(options.now) : Date::from_days_since_epoch(options.now / 86400);
  }

  void run(const Selection& selection, PrintReport& report);

 private:
  // A worker thread's own fonts and HTML view of the boards.
  struct Worker {
    explicit Worker(const Printer& printer);
    FontMapPtr system_map;
    ContextPtr system;
    FontMapPtr run_map;
    ContextPtr run;
    PangoContext* context;
    const print::BoardHtml html;
  };
  void make_fonts();
  void make_plans();
  // Puts the old output's file at `relative` into this one; false when it is not there.
  bool take(const fs::path& relative);
  bool take_images(const std::vector<std::string>& names);
  void print_building(std::size_t index, PangoContext* context, const print::BoardHtml& html);
  // Returns its number of pages.
  std::size_t lay_out_board(const Building& b, const BoardData& data, const RenderEnv& env,
                            Rendered& r, bool& warned);
  print::PdfInfo info(const std::string& title) const {
    return {title, content_.site.district + content_.site.street, options_.now};
  }
  void write_merged(const fs::path& relative, const std::vector<const std::string*>& documents,
                    const std::string& title);
  // Returns the boards/img/ files the page shows.
  std::vector<std::string> write_html(const Building& b, const BoardData& data,
                                      const print::BoardHtml& html, const RenderEnv& env);
  void finish_community(const std::string& id);
  // The boards and card sheets whose printed content differs from what
  // options_.compare_with recorded, community by community as the combined files are.
  void write_reprint(const print::PrintRecipes& recorded);
  // Writes one file of the output under out_/ and counts it.
  void save(const fs::path& relative, const std::string& bytes);

  const Content& content_;
  const PrintOptions& options_;
  const Paper& paper_;
  const PrintTheme& theme_;
  const site::Theme& html_theme_;
  const std::string& stylesheet_;
  fs::path out_;
  DiagnosticSink& sink_;
  Images images_;
  std::string base_url_;
  Date today_;

  std::vector<const Building*> buildings_;
  std::vector<BoardData> data_;
  std::optional<print::RunFonts> fonts_;  // cut down to the run's characters, when possible
  // Recipes: those of the output replaced, and of this run's files (a building's stay
  // empty when its layout warned, so that the warning comes again next run).
  bool recipes_ = false;  // recorded (and so reusable): only with the cut-down fonts
  print::PrintRecipes old_;
  std::vector<Plan> plans_;
  std::vector<print::BuildingRecipes> made_;
  std::vector<char> warned_;
  // Each building's board pages and card sheets, when laid out this run (else 0).
  std::vector<std::size_t> pages_of_board_, sheets_of_cards_;
  std::map<std::string, CommunityPlan> community_plans_;
  std::map<std::string, std::string> communities_made_;
  std::atomic<std::size_t> boards_made_{0}, boards_taken_{0}, cards_made_{0}, cards_taken_{0};
  std::atomic<std::size_t> merged_{0}, merges_taken_{0};
  std::vector<std::unique_ptr<Rendered>> rendered_;
  std::set<std::string> combined_;
  std::set<std::string> pictures_;                // already in boards/img/
  std::map<std::string, std::size_t> remaining_;  // buildings left per community
  std::mutex mutex_;
  std::atomic<bool> failed_{false};
  std::atomic<std::size_t> board_pages_{0}, card_sheets_{0}, files_{0}, bytes_{0};
  std::unique_ptr<Progress> progress_;
};

void Printer::run(const Selection& selection, PrintReport& report) {
  buildings_ = selection.buildings;
  combined_ = selection.combined;
  for (const Building* b : buildings_)
    data_.push_back(print::assemble_board(content_, *b, base_url_, today_, theme_));
  make_fonts();
  make_plans();
  rendered_.resize(buildings_.size());
  for (const Building* b : buildings_) ++remaining_[b->community];
  progress_ = std::make_unique<Progress>(options_.progress, buildings_.size());
  fs::create_directories(out_ / "boards");
  fs::create_directories(out_ / "cards");
  if (!combined_.empty()) fs::create_directories(out_ / "community");

  InOrder hand_out(buildings_.size());
  run_pool(
      pool_threads(buildings_.size()), hand_out, [this](unsigned) { return Worker(*this); },
      [&](Worker& worker, std::size_t i) {
        try {
          print_building(i, worker.context, worker.html);
        } catch (const std::exception& e) {
          sink_.error({out_.string(), 0, 0},
                      std::string("cannot write the print files: ") + e.what());
          failed_ = true;
        }
        progress_->step();
        if (failed_) hand_out.stop();
      });

  if (recipes_ && !failed_) {
    print::PrintRecipes recipes;
    for (std::size_t i = 0; i < buildings_.size(); ++i) {
      print::BuildingRecipes& r = recipes.buildings[buildings_[i]->id] = made_[i];
      // A layout that warned is not reused (it must warn again); what it prints is known.
      if (warned_[i]) r = {{}, {}, {}, {}, r.printed_board, r.printed_cards};
    }
    recipes.communities = communities_made_;
    save(print::recipes_file, print::recipes_json(recipes));
    if (!options_.compare_with.empty() && options_.buildings.empty() &&
        options_.communities.empty())
      write_reprint(recipes);
  }
  report.boards = buildings_.size();
  report.boards_laid_out = boards_made_;
  report.boards_reused = boards_taken_;
  report.cards_laid_out = cards_made_;
  report.cards_reused = cards_taken_;
  report.communities_merged = merged_;
  report.communities_reused = merges_taken_;
  report.board_pages = board_pages_;
  report.card_sheets = card_sheets_;
  report.files = files_;
  report.bytes = bytes_;
  if (failed_) report.exit_code = 2;
}

// Every string the boards and cards print comes from their BoardData or the theme.
void Printer::make_fonts() {
  print::CharacterSet characters;
  for (const std::string* s : {&theme_.board_title, &theme_.card_title, &theme_.qr_caption,
                               &theme_.qr_note, &theme_.wechat_caption, &theme_.more_events}) {
    characters.add(*s);
  }
  for (const auto& [key, text] : theme_.strings) characters.add(text);
  characters.add("0123456789");  // more_events' count, page numbers
  for (const BoardData& d : data_) {
    for (const std::string* s :
         {&d.building_id, &d.building_name, &d.building_line, &d.place_line, &d.duty_title, &d.url,
          &d.hotline, &d.print_date, &d.content_hash}) {
      characters.add(*s);
    }
    for (const print::StewardEntry& e : d.stewards) {
      for (const std::string* s :
           {&e.id, &e.name, &e.role, &e.units, &e.phone, &e.hours, &e.honors}) {
        characters.add(*s);
      }
    }
    for (const DutyGroup& g : d.duty_groups) {
      characters.add(g.name);
      for (const std::string& item : g.items) characters.add(item);
    }
    for (const print::EventEntry& e : d.events) {
      for (const std::string* s : {&e.kind, &e.title, &e.when, &e.location}) characters.add(*s);
    }
    for (const print::ContactEntry& c : d.contacts) {
      for (const std::string* s : {&c.label, &c.name, &c.phone, &c.note}) characters.add(*s);
    }
  }
  // Without cut-down fonts the run prints the same, from the installed fonts, slower.
  std::string why;
  fonts_ = print::RunFonts::make(theme_, characters, why);
}

// Each file's recipe, and whether the old output holds it. The photos are read (once
// each) for their digests here, before the workers start.
void Printer::make_plans() {
  plans_.resize(buildings_.size());
  made_.resize(buildings_.size());
  warned_.assign(buildings_.size(), 0);
  pages_of_board_.assign(buildings_.size(), 0);
  sheets_of_cards_.assign(buildings_.size(), 0);
  // The installed fonts, used without the cut-down ones, are not recorded: no recipes.
  recipes_ = fonts_.has_value();
  if (!recipes_) return;
  const print::RecipeBasis basis = print::recipe_basis(
      theme_, *fonts_, paper_, base_url_, content_.site.district + content_.site.street,
      options_.now, today_, html_theme_, stylesheet_);
  if (!options_.reuse_from.empty()) old_ = print::read_recipes(options_.reuse_from);
  FileDigests digests;
  for (std::size_t i = 0; i < buildings_.size(); ++i) {
    const Building& b = *buildings_[i];
    Plan& p = plans_[i];
    std::string board;
    p.recipes.printed_cards = card_digest(data_[i]);
    try {
      board = board_digest(content_, data_[i], digests);
    } catch (const std::runtime_error&) {
      // A picture that cannot be read: the layout warns about it; nothing recorded.
      warned_[i] = 1;
      continue;
    }
    p.recipes.printed_board = board;
    p.recipes.board =
        print::Recipe().add(basis.pdf).add("board").add(b.id).add(b.name).add(board).hex();
    p.recipes.html =
        print::Recipe().add(basis.html).add("html").add(b.id).add(b.name).add(board).hex();
    p.recipes.cards = print::Recipe()
                          .add(basis.pdf)
                          .add("cards")
                          .add(b.id)
                          .add(b.name)
                          .add(p.recipes.printed_cards)
                          .hex();
    const auto old = old_.buildings.find(b.id);
    if (old == old_.buildings.end()) continue;
    // (A building recorded without its files' recipes is laid out again.)
    p.reuse_board = !old->second.board.empty() && old->second.board == p.recipes.board;
    p.reuse_html = !old->second.html.empty() && old->second.html == p.recipes.html;
    p.reuse_cards = !old->second.cards.empty() && old->second.cards == p.recipes.cards;
    p.old_images = old->second.images;
  }
  // A community's combined files: its buildings' files joined, in order.
  std::map<std::string, print::Recipe> joined;
  for (std::size_t i = 0; i < buildings_.size(); ++i) {
    const Building& b = *buildings_[i];
    if (!combined_.count(b.community)) continue;
    auto [it, added] = joined.try_emplace(b.community);
    if (added) {
      const Community* c = content_.community(b.community);
      it->second.add(basis.pdf).add("community").add(c ? c->name : b.community);
    }
    it->second.add(plans_[i].recipes.board).add(plans_[i].recipes.cards);
  }
  for (auto& [id, recipe] : joined) {
    CommunityPlan& p = community_plans_[id];
    p.recipe = recipe.hex();
    const auto old = old_.communities.find(id);
    p.reuse = old != old_.communities.end() && old->second == p.recipe;
  }
}

bool Printer::take(const fs::path& relative) {
  std::size_t size = 0;
  if (!link_file(out_ / relative, options_.reuse_from / relative, &size)) return false;
  ++files_;
  bytes_ += size;
  return true;
}

// The pictures an old HTML view shows, unless this run has put them there already.
bool Printer::take_images(const std::vector<std::string>& names) {
  std::lock_guard lock(mutex_);
  for (const std::string& name : names) {
    if (pictures_.count(name)) continue;
    if (!take(fs::path("boards") / "img" / name)) return false;
    pictures_.insert(name);
  }
  return true;
}

// Pango font maps are per thread; each worker keeps its own for the whole run. Text goes
// through the cut-down fonts; what they lack, through the installed ones.
Printer::Worker::Worker(const Printer& printer)
    : system_map(print::make_font_map()),
      system(print::make_print_context(system_map.get())),
      run_map(printer.fonts_ ? printer.fonts_->make_font_map() : nullptr),
      run(run_map ? print::make_print_context(run_map.get(), system.get()) : nullptr),
      context(run ? run.get() : system.get()),
      html(printer.html_theme_, printer.stylesheet_, printer.theme_, printer.paper_) {}

void Printer::print_building(std::size_t index, PangoContext* context,
                             const print::BoardHtml& html) {
  const Building& b = *buildings_[index];
  const BoardData& data = data_[index];
  const Plan& plan = plans_[index];
  bool warned = false;
  // Each picture is decoded once per building, however many shrink steps look at it.
  std::map<std::string, std::optional<Image>> cache;
  RenderEnv env{context, &theme_, [&](const std::string& path) {
                  auto [it, added] = cache.try_emplace(path);
                  if (added) it->second = images_.load(path);
                  if (!it->second && !path.empty()) warned = true;  // a bad picture, reported
                  return it->second;
                }};
  auto r = std::make_unique<Rendered>();
  print::BuildingRecipes& made = made_[index];
  made.board = plan.recipes.board;
  made.html = plan.recipes.html;
  made.cards = plan.recipes.cards;
  made.printed_board = plan.recipes.printed_board;
  made.printed_cards = plan.recipes.printed_cards;

  if (plan.reuse_board && take(fs::path("boards") / (b.id + ".pdf"))) {
    ++boards_taken_;
  } else {
    pages_of_board_[index] = lay_out_board(b, data, env, *r, warned);
    ++boards_made_;
  }
  if (plan.reuse_cards && take(fs::path("cards") / (b.id + ".pdf"))) {
    ++cards_taken_;
  } else {
    const print::CardSheets cards = print::card_sheets(data, env);
    card_sheets_ += cards.sheets.size();
    sheets_of_cards_[index] = cards.sheets.size();
    r->cards_pdf = print::card_sheets_pdf(cards, info(b.name + " " + theme_.card_title));
    save(fs::path("cards") / (b.id + ".pdf"), r->cards_pdf);
    ++cards_made_;
  }
  if (plan.reuse_html && take_images(plan.old_images) &&
      take(fs::path("boards") / (b.id + ".html"))) {
    made.images = plan.old_images;
  } else {
    made.images = write_html(b, data, html, env);
    std::sort(made.images.begin(), made.images.end());  // a picture may show twice
    made.images.erase(std::unique(made.images.begin(), made.images.end()), made.images.end());
  }
  if (warned) warned_[index] = 1;  // (set before the workers for an unreadable picture)
  if (!combined_.count(b.community)) r.reset();

  bool last = false;
  {
    std::lock_guard lock(mutex_);
    rendered_[index] = std::move(r);
    last = --remaining_[b.community] == 0;
  }
  if (last && combined_.count(b.community)) finish_community(b.community);
  if (last) {
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < buildings_.size(); ++i) {
      if (buildings_[i]->community == b.community) rendered_[i].reset();
    }
  }
}

std::size_t Printer::lay_out_board(const Building& b, const BoardData& data, const RenderEnv& env,
                                   Rendered& r, bool& warned) {
  const BoardPages board = print::render_board(data, paper_, env);
  if (board.pages.size() > 1) {
    warned = true;
    // Every way of fitting it was tried (print/layout.h: board_fits): it truly cannot.
    const std::string pages = std::to_string(board.pages.size());
    sink_.warning(
        b.where,
        say("楼栋 " + b.name + " 的公示牌在 " + paper_.name + " 纸上一页放不下，印成了 " + pages +
                " 页：可改用 A3 纸，或精简职责、荣誉等内容",
            "the board of " + b.name + " does not fit one " + paper_.name + " sheet; printed on " +
                pages + " pages: use A3, or shorten the duties or honours"));
  }
  if (board.oversized > 0) {
    warned = true;
    sink_.warning(b.where,
                  "the board of " + b.id + " has a block too tall for one page; it is cut off");
  }
  board_pages_ += board.pages.size();
  std::vector<const print::Page*> board_pages;
  for (const print::Page& p : board.pages) board_pages.push_back(&p);
  r.board_pdf = print::pdf_document(board_pages, info(b.name + " " + theme_.board_title));
  save(fs::path("boards") / (b.id + ".pdf"), r.board_pdf);
  return board.pages.size();
}

// By the digests of what each board and card sheet prints (diff/reprint.h), the ones
// hgj diff compares: a file laid out again for another reason (a font, the paper, the
// date it carries) prints the same and is not listed.
void Printer::write_reprint(const print::PrintRecipes& recorded) {
  const print::PrintRecipes was = print::read_recipes(options_.compare_with);
  Reprint list;
  const bool compared = !was.buildings.empty();
  if (compared) {
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < buildings_.size(); ++i) index.emplace(buildings_[i]->id, i);
    const auto item = [&](const Building& b, ReprintItem::Why why, std::size_t pages) {
      const Community* c = content_.community(b.community);
      return ReprintItem{why, b.id, b.name, b.community, c ? c->name : b.community, pages};
    };
    for (const Community& c : content_.communities) {
      for (const Building* b : content_.buildings_of_community(c.id)) {
        const auto at = index.find(b->id);
        if (at == index.end()) continue;
        const std::size_t i = at->second;
        const print::BuildingRecipes& now = recorded.buildings.at(b->id);
        const auto old = was.buildings.find(b->id);
        const ReprintItem::Why why =
            old == was.buildings.end() ? ReprintItem::Why::added : ReprintItem::Why::changed;
        // Not known on either side (a picture that could not be read): listed.
        const auto differs = [&](const std::string print::BuildingRecipes::*printed) {
          return old == was.buildings.end() || (old->second.*printed).empty() ||
                 now.*printed != old->second.*printed;
        };
        if (differs(&print::BuildingRecipes::printed_board))
          list.boards.push_back(item(*b, why, pages_of_board_[i]));
        if (differs(&print::BuildingRecipes::printed_cards))
          list.cards.push_back(item(*b, why, sheets_of_cards_[i]));
      }
    }
    // Taken down: a building pulled down is still known by name (a former building).
    for (const auto& [id, old] : was.buildings) {
      if (index.count(id)) continue;
      const Building* gone = content_.former_building(id);
      ReprintItem taken{ReprintItem::Why::removed, id, id, {}, {}, 0};
      if (gone) taken = item(*gone, ReprintItem::Why::removed, 0);
      list.boards.push_back(taken);
      list.cards.push_back(taken);
    }
  }
  save(reprint_file, reprint_json(list, compared));
}

// The board as a page. Pictures that printed on the PDF are copied once into boards/img/,
// beside the building's QR code.
std::vector<std::string> Printer::write_html(const Building& b, const BoardData& data,
                                             const print::BoardHtml& html, const RenderEnv& env) {
  std::vector<std::string> shown;
  const print::PictureUrl picture = [&](const std::string& path) {
    if (!env.image(path)) return std::string();
    const std::string name = print::picture_file_name(path);
    shown.push_back(name);
    bool first = false;
    {
      std::lock_guard lock(mutex_);
      first = pictures_.insert(name).second;
    }
    if (first) {
      // Read as the loader above read it; a file gone since then is named, not copied empty.
      const fs::path file = fs::path(content_.root) / path;
      std::string bytes;
      try {
        bytes = read_image_file(file);
      } catch (const std::runtime_error& e) {
        sink_.error({file.string(), 0, 0}, e.what());
        failed_ = true;
        return std::string();
      }
      try {
        bytes = publishable_image(bytes);  // as the PDF has it: no metadata
      } catch (const std::exception&) {
        sink_.error({file.string(), 0, 0}, "cannot be decoded as a JPEG or PNG image");
        failed_ = true;
        return std::string();
      }
      save(fs::path("boards") / "img" / name, bytes);
    }
    return "img/" + name;
  };
  const std::string qr = print::board_qr_svg(data, theme_);
  if (!qr.empty()) {
    shown.push_back(print::qr_file_name(data));
    save(fs::path("boards") / "img" / shown.back(), qr);
  }
  std::string error;
  const std::string page = html.render(data, picture, error);
  if (!error.empty()) {
    sink_.error({html_theme_.file_of(print::board_html_template), 0, 0}, error);
    failed_ = true;
    return shown;
  }
  save(fs::path("boards") / (b.id + ".html"), page);
  return shown;
}

void Printer::finish_community(const std::string& id) {
  // Recorded only when every building's files were made without a warning.
  bool clean = recipes_;
  for (std::size_t i = 0; i < buildings_.size(); ++i) {
    if (buildings_[i]->community == id && warned_[i]) clean = false;
  }
  const CommunityPlan* plan = recipes_ ? &community_plans_.at(id) : nullptr;
  const auto record = [&] {
    if (!clean) return;
    std::lock_guard lock(mutex_);
    communities_made_[id] = plan->recipe;
  };
  if (plan && plan->reuse && take(fs::path("community") / (id + "-boards.pdf")) &&
      take(fs::path("community") / (id + "-cards.pdf"))) {
    ++merges_taken_;
    return record();
  }
  // A file taken from the old output is read back from this one.
  std::vector<std::string> held;
  held.reserve(2 * buildings_.size());  // no reallocation: the pointers below stay valid
  const auto bytes_of = [&](const std::string& made,
                            const fs::path& relative) -> const std::string* {
    if (!made.empty()) return &made;
    std::optional<std::string> read = read_whole_file(out_ / relative);
    if (!read) throw std::runtime_error("cannot read back " + (out_ / relative).string());
    held.push_back(std::move(*read));
    return &held.back();
  };
  std::vector<const std::string*> boards, cards;
  for (std::size_t i = 0; i < buildings_.size(); ++i) {
    if (buildings_[i]->community != id) continue;
    const std::string& b = buildings_[i]->id;
    boards.push_back(bytes_of(rendered_[i]->board_pdf, fs::path("boards") / (b + ".pdf")));
    cards.push_back(bytes_of(rendered_[i]->cards_pdf, fs::path("cards") / (b + ".pdf")));
  }
  ++merged_;
  record();
  const Community* c = content_.community(id);
  const std::string name = c ? c->name : id;
  write_merged(fs::path("community") / (id + "-boards.pdf"), boards,
               name + " " + theme_.board_title);
  write_merged(fs::path("community") / (id + "-cards.pdf"), cards, name + " " + theme_.card_title);
}

// A community's file is its buildings' files joined: nothing is drawn twice.
void Printer::write_merged(const fs::path& relative,
                           const std::vector<const std::string*>& documents,
                           const std::string& title) {
  save(relative, print::merge_pdfs(documents, info(title)));
}

void Printer::save(const fs::path& relative, const std::string& bytes) {
  write_file(out_ / relative, bytes);
  ++files_;
  bytes_ += bytes.size();
}

// The text of the theme's print.css, checking the template is there too.
std::optional<std::string> board_stylesheet(const site::Theme& theme, DiagnosticSink& sink) {
  const auto& names = theme.template_names();
  if (std::find(names.begin(), names.end(), print::board_html_template) == names.end()) {
    sink.error({}, std::string("the theme has no template \"") + print::board_html_template + "\"");
    return std::nullopt;
  }
  for (const site::ThemeAsset& asset : theme.assets()) {
    if (asset.path != print::board_html_stylesheet) continue;
    if (std::optional<std::string> text = read_whole_file(asset.source)) return text;
    break;
  }
  sink.error({}, std::string("the theme has no readable assets/") + print::board_html_stylesheet);
  return std::nullopt;
}

}  // namespace

std::string grouped(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string reuse_summary(const PrintReport& r) {
  const auto g = grouped;
  return say("公示牌 重排 " + g(r.boards_laid_out) + " 张、沿用 " + g(r.boards_reused) +
                 " 张；联户卡 重排 " + g(r.cards_laid_out) + " 张、沿用 " + g(r.cards_reused) +
                 " 张；社区合订本 重新合并 " + g(r.communities_merged) + " 个、沿用 " +
                 g(r.communities_reused) + " 个",
             "boards: " + g(r.boards_laid_out) + " laid out, " + g(r.boards_reused) +
                 " reused; card sheets: " + g(r.cards_laid_out) + " laid out, " +
                 g(r.cards_reused) + " reused; community files: " + g(r.communities_merged) +
                 " merged, " + g(r.communities_reused) + " reused");
}

bool render_print(const Content& content, const PrintOptions& options, const fs::path& out_dir,
                  DiagnosticSink& sink, PrintReport* report_out) {
  const auto started = std::chrono::steady_clock::now();
  PrintReport report;
  auto done = [&](int code) {
    report.exit_code = std::max(report.exit_code, code);
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (report_out) *report_out = report;
    return report.exit_code == 0;
  };

  const std::string paper_name = options.paper.empty() ? content.site.print.paper : options.paper;
  const std::optional<Paper> paper = print::paper_named(paper_name);
  if (!paper) {
    sink.error({}, "paper \"" + paper_name + "\" is not A3 or A4");
    return done(2);
  }
  const fs::path fallback = options.default_theme_dir.empty() ? data_dir() / "themes" / "default"
                                                              : fs::path(options.default_theme_dir);
  if (!check_installed_theme(fallback, sink)) return done(2);
  std::optional<PrintTheme> theme = print::load_print_theme(options.theme_dir, fallback, sink);
  if (!theme) return done(2);
  {
    FontMapPtr font_map = print::make_font_map();
    if (!print::check_print_fonts(*theme, font_map.get(), sink)) return done(2);
  }
  const Selection selection = select(content, options, sink);
  if (!selection.ok) return done(2);

  // The HTML views' templates and stylesheet: a theme problem, like a font, is exit 2.
  std::optional<site::Theme> loaded;
  const site::Theme* html_theme = options.site_theme;
  if (!html_theme) {
    loaded = site::Theme::load(options.theme_dir.empty() ? fallback : fs::path(options.theme_dir),
                               fallback, sink);
    if (!loaded) return done(2);
    html_theme = &*loaded;
  }
  // The words on the PDFs: the same strings.toml overlay as the site and the HTML views.
  theme->strings = print::print_strings(html_theme->strings());
  const std::optional<std::string> stylesheet = board_stylesheet(*html_theme, sink);
  if (!stylesheet) return done(2);

  const std::size_t errors_before = sink.error_count();
  const std::size_t warnings_before = sink.warning_count();
  try {
    Printer printer(content, options, *paper, *theme, *html_theme, *stylesheet, out_dir, sink);
    printer.run(selection, report);
  } catch (const std::exception& e) {
    sink.error({out_dir.string(), 0, 0}, std::string("cannot write the print files: ") + e.what());
    return done(2);
  }
  const bool problems = sink.error_count() > errors_before ||
                        (options.strict && sink.warning_count() > warnings_before);
  if (report.exit_code == 0 && problems) report.exit_code = 1;
  return done(report.exit_code);
}

}  // namespace hgj
