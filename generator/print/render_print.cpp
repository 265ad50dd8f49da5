#include "print/render_print.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "print/board.h"
#include "print/card_sheet.h"
#include "print/pdf_writer.h"
#include "publish.h"

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
    if (!content.building(id)) {
      sink.error({}, "--building " + id + ": no such building in " + content.root);
      s.ok = false;
    }
    wanted_buildings.insert(id);
  }
  for (const std::string& id : options.communities) {
    if (!content.community(id)) {
      sink.error({}, "--community " + id + ": no such community in " + content.root);
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
      const std::string message = why + "; printed without it (a photo becomes the steward's initials)";
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

struct Rendered {
  BoardPages board;
  std::vector<print::Page> cards;
};

class Printer {
 public:
  Printer(const Content& content, const PrintOptions& options, const Paper& paper,
          const PrintTheme& theme, const fs::path& out, DiagnosticSink& sink)
      : content_(content), options_(options), paper_(paper), theme_(theme), out_(out), sink_(sink),
        images_(content, options.strict, sink) {
    base_url_ = options.base_url.empty() ? content.site.base_url : options.base_url;
    while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
    auto zone = TimeZone::make(content.site.timezone);
    today_ = zone ? zone->local_date(options.now) : Date::from_days_since_epoch(options.now / 86400);
  }

  void run(const Selection& selection, PrintReport& report);

 private:
  void work();
  void print_building(std::size_t index, PangoContext* context);
  void write(const fs::path& relative, const std::vector<const print::Page*>& pages, const std::string& title);
  void finish_community(const std::string& id);

  const Content& content_;
  const PrintOptions& options_;
  const Paper& paper_;
  const PrintTheme& theme_;
  fs::path out_;
  DiagnosticSink& sink_;
  Images images_;
  std::string base_url_;
  Date today_;

  std::vector<const Building*> buildings_;
  std::vector<Rendered> rendered_;
  std::set<std::string> combined_;
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

void Printer::work() {
  // Pango font maps are per thread; each worker keeps its own for the whole run.
  FontMapPtr font_map = print::make_font_map();
  ContextPtr context = print::make_print_context(font_map.get());
  for (std::size_t i = next_++; i < buildings_.size() && !failed_; i = next_++) {
    try {
      print_building(i, context.get());
    } catch (const std::exception& e) {
      sink_.error({out_.string(), 0, 0}, std::string("cannot write the print files: ") + e.what());
      failed_ = true;
    }
    progress_->step();
  }
}

void Printer::print_building(std::size_t index, PangoContext* context) {
  const Building& b = *buildings_[index];
  const BoardData data = print::assemble_board(content_, b, base_url_, today_);
  // Each picture is decoded once per building, however many shrink steps look at it.
  std::map<std::string, std::optional<Image>> cache;
  RenderEnv env{context, &theme_, [&](const std::string& path) {
                  auto [it, added] = cache.try_emplace(path);
                  if (added) it->second = images_.load(path);
                  return it->second;
                }};
  Rendered r{print::render_board(data, paper_, env), print::render_cards(data, env)};
  if (r.board.oversized > 0) {
    sink_.warning(b.where, "the board of " + b.id + " has a block too tall for one page; it is cut off");
  }
  board_pages_ += r.board.pages.size();
  card_sheets_ += r.cards.size();

  std::vector<const print::Page*> board_pages, card_pages;
  for (const print::Page& p : r.board.pages) board_pages.push_back(&p);
  for (const print::Page& p : r.cards) card_pages.push_back(&p);
  write(fs::path("boards") / (b.id + ".pdf"), board_pages, b.name + " " + theme_.board_title);
  write(fs::path("cards") / (b.id + ".pdf"), card_pages, b.name + " " + theme_.card_title);

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
      if (buildings_[i]->community == b.community) rendered_[i] = Rendered{};
    }
  }
}

void Printer::finish_community(const std::string& id) {
  std::vector<const print::Page*> boards, cards;
  for (std::size_t i = 0; i < buildings_.size(); ++i) {
    if (buildings_[i]->community != id) continue;
    for (const print::Page& p : rendered_[i].board.pages) boards.push_back(&p);
    for (const print::Page& p : rendered_[i].cards) cards.push_back(&p);
  }
  const Community* c = content_.community(id);
  const std::string name = c ? c->name : id;
  write(fs::path("community") / (id + "-boards.pdf"), boards, name + " " + theme_.board_title);
  write(fs::path("community") / (id + "-cards.pdf"), cards, name + " " + theme_.card_title);
}

void Printer::write(const fs::path& relative, const std::vector<const print::Page*>& pages,
                    const std::string& title) {
  const std::string bytes =
      print::pdf_document(pages, {title, content_.site.district + content_.site.street, options_.now});
  write_file(out_ / relative, bytes);
  ++files_;
  bytes_ += bytes.size();
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
  const std::optional<PrintTheme> theme = print::load_print_theme(options.theme_dir, sink);
  if (!theme) return done(2);
  {
    FontMapPtr font_map = print::make_font_map();
    if (!print::check_print_fonts(*theme, font_map.get(), sink)) return done(2);
  }
  const Selection selection = select(content, options, sink);
  if (!selection.ok) return done(2);

  const std::size_t errors_before = sink.error_count();
  const std::size_t warnings_before = sink.warning_count();
  try {
    Printer printer(content, options, *paper, *theme, out_dir, sink);
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
