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
#include <thread>

#include "hgj/data_dir.h"
#include "hgj/files.h"
#include "hgj/language.h"
#include "image_metadata.h"
#include "libvips.h"
#include "print/board.h"
#include "print/board_html.h"
#include "print/card_sheet.h"
#include "print/font_subset.h"
#include "print/pdf_merge.h"
#include "print/pdf_writer.h"
#include "publish.h"
#include "site/theme.h"
#include "site/urls.h"
#include "theme_folders.h"

namespace hgj {

using print::BoardData;
using print::BoardPages;
using print::FontMapPtr;
using print::ContextPtr;
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
      sink.error({}, say("--building " + id + "：" + content.root + " 里没有这个楼栋编号，请对照楼栋表",
                         "--building " + id + ": no such building in " + content.root));
      s.ok = false;
    }
    wanted_buildings.insert(id);
  }
  for (const std::string& id : options.communities) {
    if (!content.community(id)) {
      sink.error({}, say("--community " + id + "：" + content.root + " 里没有这个社区编号，请对照社区表",
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
  Progress(bool enabled, std::size_t total) : enabled_(enabled && isatty(STDERR_FILENO)), total_(total) {}
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

class Printer {
 public:
  Printer(const Content& content, const PrintOptions& options, const Paper& paper,
          const PrintTheme& theme, const site::Theme& html_theme, const std::string& stylesheet,
          const fs::path& out, DiagnosticSink& sink)
      : content_(content), options_(options), paper_(paper), theme_(theme), html_theme_(html_theme),
        stylesheet_(stylesheet), out_(out), sink_(sink), images_(content, options.strict, sink) {
    base_url_ = site::resolved_base_url(options.base_url, content.site.base_url);
    auto zone = TimeZone::make(content.site.timezone);
    today_ = zone ? zone->local_date(options.now) : Date::from_days_since_epoch(options.now / 86400);
  }

  void run(const Selection& selection, PrintReport& report);

 private:
  void work();
  void make_fonts();
  void print_building(std::size_t index, PangoContext* context, const print::BoardHtml& html);
  print::PdfInfo info(const std::string& title) const {
    return {title, content_.site.district + content_.site.street, options_.now};
  }
  void write_merged(const fs::path& relative, const std::vector<const std::string*>& documents,
                    const std::string& title);
  void write_html(const Building& b, const BoardData& data, const print::BoardHtml& html,
                  const RenderEnv& env);
  void finish_community(const std::string& id);
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
  std::vector<std::unique_ptr<Rendered>> rendered_;
  std::set<std::string> combined_;
  std::set<std::string> pictures_;  // already in boards/img/
  std::map<std::string, std::size_t> remaining_;  // buildings left per community
  std::mutex mutex_;
  std::atomic<std::size_t> next_{0};
  std::atomic<bool> failed_{false};
  std::atomic<std::size_t> board_pages_{0}, card_sheets_{0}, files_{0}, bytes_{0};
  std::unique_ptr<Progress> progress_;
};

void Printer::run(const Selection& selection, PrintReport& report) {
  buildings_ = selection.buildings;
  combined_ = selection.combined;
  for (const Building* b : buildings_) data_.push_back(print::assemble_board(content_, *b, base_url_, today_));
  make_fonts();
  rendered_.resize(buildings_.size());
  for (const Building* b : buildings_) ++remaining_[b->community];
  progress_ = std::make_unique<Progress>(options_.progress, buildings_.size());
  fs::create_directories(out_ / "boards");
  fs::create_directories(out_ / "cards");
  if (!combined_.empty()) fs::create_directories(out_ / "community");

  std::size_t jobs = options_.jobs > 0 ? options_.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = std::max<std::size_t>(1, std::min(jobs, buildings_.size()));
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < jobs; ++i) threads.emplace_back([this] { work(); });
  for (std::thread& t : threads) t.join();

  report.boards = buildings_.size();
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
    for (const std::string* s : {&d.building_id, &d.building_name, &d.building_line, &d.place_line,
                                 &d.duty_title, &d.url, &d.hotline, &d.print_date, &d.content_hash}) {
      characters.add(*s);
    }
    for (const print::StewardEntry& e : d.stewards) {
      for (const std::string* s : {&e.id, &e.name, &e.role, &e.units, &e.phone, &e.hours, &e.honors}) {
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

void Printer::work() {
  // Pango font maps are per thread; each worker keeps its own for the whole run. Text
  // goes through the cut-down fonts; what they lack, through the installed ones.
  FontMapPtr system_map = print::make_font_map();
  ContextPtr system = print::make_print_context(system_map.get());
  FontMapPtr run_map = fonts_ ? fonts_->make_font_map() : nullptr;
  ContextPtr run = run_map ? print::make_print_context(run_map.get(), system.get()) : nullptr;
  PangoContext* context = run ? run.get() : system.get();
  const print::BoardHtml html(html_theme_, stylesheet_, theme_, paper_);
  for (std::size_t i = next_++; i < buildings_.size() && !failed_; i = next_++) {
    try {
      print_building(i, context, html);
    } catch (const std::exception& e) {
      sink_.error({out_.string(), 0, 0}, std::string("cannot write the print files: ") + e.what());
      failed_ = true;
    }
    progress_->step();
  }
}

void Printer::print_building(std::size_t index, PangoContext* context, const print::BoardHtml& html) {
  const Building& b = *buildings_[index];
  const BoardData& data = data_[index];
  // Each picture is decoded once per building, however many shrink steps look at it.
  std::map<std::string, std::optional<Image>> cache;
  RenderEnv env{context, &theme_, [&](const std::string& path) {
                  auto [it, added] = cache.try_emplace(path);
                  if (added) it->second = images_.load(path);
                  return it->second;
                }};
  const BoardPages board = print::render_board(data, paper_, env);
  const print::CardSheets cards = print::card_sheets(data, env);
  if (board.pages.size() > 1) {
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
    sink_.warning(b.where, "the board of " + b.id + " has a block too tall for one page; it is cut off");
  }
  board_pages_ += board.pages.size();
  card_sheets_ += cards.sheets.size();

  std::vector<const print::Page*> board_pages;
  for (const print::Page& p : board.pages) board_pages.push_back(&p);
  auto r = std::make_unique<Rendered>();
  r->board_pdf = print::pdf_document(board_pages, info(b.name + " " + theme_.board_title));
  save(fs::path("boards") / (b.id + ".pdf"), r->board_pdf);
  r->cards_pdf = print::card_sheets_pdf(cards, info(b.name + " " + theme_.card_title));
  save(fs::path("cards") / (b.id + ".pdf"), r->cards_pdf);
  write_html(b, data, html, env);
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

// The board as a page. Pictures that printed on the PDF are copied once into boards/img/,
// beside the building's QR code.
void Printer::write_html(const Building& b, const BoardData& data, const print::BoardHtml& html,
                         const RenderEnv& env) {
  const print::PictureUrl picture = [&](const std::string& path) {
    if (!env.image(path)) return std::string();
    const std::string name = print::picture_file_name(path);
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
  if (!qr.empty()) save(fs::path("boards") / "img" / print::qr_file_name(data), qr);
  std::string error;
  const std::string page = html.render(data, picture, error);
  if (!error.empty()) {
    sink_.error({html_theme_.file_of(print::board_html_template), 0, 0}, error);
    failed_ = true;
    return;
  }
  save(fs::path("boards") / (b.id + ".html"), page);
}

void Printer::finish_community(const std::string& id) {
  std::vector<const std::string*> boards, cards;
  for (std::size_t i = 0; i < buildings_.size(); ++i) {
    if (buildings_[i]->community != id) continue;
    boards.push_back(&rendered_[i]->board_pdf);
    cards.push_back(&rendered_[i]->cards_pdf);
  }
  const Community* c = content_.community(id);
  const std::string name = c ? c->name : id;
  write_merged(fs::path("community") / (id + "-boards.pdf"), boards, name + " " + theme_.board_title);
  write_merged(fs::path("community") / (id + "-cards.pdf"), cards, name + " " + theme_.card_title);
}

// A community's file is its buildings' files joined: nothing is drawn twice.
void Printer::write_merged(const fs::path& relative, const std::vector<const std::string*>& documents,
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

bool render_print(const Content& content, const PrintOptions& options, const fs::path& out_dir,
                  DiagnosticSink& sink, PrintReport* report_out) {
  const auto started = std::chrono::steady_clock::now();
  PrintReport report;
  auto done = [&](int code) {
    report.exit_code = std::max(report.exit_code, code);
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
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
