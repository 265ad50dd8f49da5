#include "diff/approval_pdf.h"

#include "hgj/language.h"
#include "print/board_data.h"
#include "print/page.h"
#include "print/pdf_writer.h"
#include "print/text.h"

namespace hgj {

namespace {

using print::mm;
using print::Text;
using print::TextStyle;

struct Placed {
  Text text;
  double x = 0, y = 0;
};

// Fills A4 pages top to bottom; a block that does not fit starts a new page.
class Flow {
 public:
  Flow(PangoContext* context, const print::PrintTheme& theme)
      : context_(context), theme_(theme), paper_(*print::paper_named("A4")) {
    pages_.emplace_back();
  }

  Text text(const std::string& s, double size, bool bold, double indent,
            PangoAlignment align = PANGO_ALIGN_LEFT, const print::Colour* colour = nullptr) const {
    TextStyle style{&theme_.sans, size, bold, colour ? *colour : theme_.text};
    style.align = align;
    return Text(context_, s, style, width() - indent);
  }

  double width() const { return paper_.width - 2 * margin; }
  double room() const { return bottom() - y_; }

  void add(const Text& t, double indent = 0, double after = mm(1.5)) {
    if (t.height() > room() && y_ > margin) new_page();
    pages_.back().push_back({t, margin + indent, y_});
    y_ += t.height() + after;
  }
  // A list item: the bullet, and the text wrapped beside it.
  void bullet(const std::string& s, double size, double indent) {
    const Text t = text(s, size, false, indent + mm(3));
    if (t.height() > room() && y_ > margin) new_page();
    pages_.back().push_back({text("·", size, false, 0), margin + indent, y_});
    add(t, indent + mm(3), mm(1));
  }
  void space(double h) { y_ += h; }
  void keep(double h) {
    if (h > room()) new_page();
  }

  std::vector<print::Page> finish(const std::string& footer) {
    std::vector<print::Page> out;
    const std::size_t total = pages_.size();
    for (std::size_t i = 0; i < total; ++i) {
      std::vector<Placed> placed = pages_[i];
      const std::string line = footer + say(" · 第 ", " · page ") + std::to_string(i + 1) +
                               say(" 页，共 ", " of ") + std::to_string(total) + say(" 页", "");
      placed.push_back({text(line, 8, false, 0, PANGO_ALIGN_CENTER, &theme_.muted), margin,
                        paper_.height - mm(14)});
      out.push_back({paper_, [placed](cairo_t* cr) {
                       for (const Placed& p : placed) p.text.draw(cr, p.x, p.y);
                     }});
    }
    return out;
  }

  static constexpr double margin = mm(18);

 private:
  double bottom() const { return paper_.height - mm(20); }
  void new_page() {
    pages_.emplace_back();
    y_ = margin;
  }

  PangoContext* context_;
  const print::PrintTheme& theme_;
  print::Paper paper_;
  std::vector<std::vector<Placed>> pages_;
  double y_ = margin;
};

void add_sections(Flow& flow, const std::vector<ReportSection>& sections) {
  for (const ReportSection& s : sections) {
    flow.keep(mm(14));  // a heading stays with its first line
    flow.add(flow.text(s.heading, 11.5, true, mm(2)), mm(2), mm(1));
    for (const std::string& line : s.lines) flow.bullet(line, 10.5, mm(5));
    flow.space(mm(2));
  }
}

}  // namespace

std::string approval_place(const Site& site) {
  std::string place = site.district + site.street;
  return place.empty() ? site.title : place;
}

std::string approval_pdf(const DiffReport& report, const std::string& place, const Date& today,
                         Instant now) {
  const print::PrintTheme theme;
  const print::FontMapPtr fonts = print::make_font_map();
  const print::ContextPtr context = print::make_print_context(fonts.get());
  Flow flow(context.get(), theme);

  const std::string title = say("红管家信息变更审批单", "Steward information change approval form");
  flow.add(flow.text(title, 20, true, 0, PANGO_ALIGN_CENTER), 0, mm(2));
  flow.add(flow.text(place, 11, false, 0, PANGO_ALIGN_CENTER, &theme.muted), 0, mm(6));
  flow.add(flow.text(say("本次内容：", "This version: ") + report.after.describe(), 10, false, 0),
           0, mm(1));
  flow.add(flow.text(say("对比基准：", "Compared with: ") + report.before.describe(), 10, false, 0),
           0, mm(1));
  flow.add(flow.text(say("制表日期：", "Prepared on: ") + print::chinese_date(today), 10, false, 0),
           0, mm(6));

  flow.add(flow.text(say("一、变更内容", "1. Changes"), 14, true, 0), 0, mm(3));
  std::vector<ReportSection> changes = change_sections(report.changes);
  if (changes.empty()) changes.push_back({say("内容没有变化", "Nothing changed"), {}});
  add_sections(flow, changes);
  flow.space(mm(2));
  flow.add(flow.text(say("二、需重印与更新", "2. To reprint and update"), 14, true, 0), 0, mm(3));
  add_sections(flow, reprint_sections(report.reprint));

  // Sign-off: kept on one page, with room to write by hand.
  const std::string date_line = say("日期：______年____月____日", "Date: ____________");
  std::vector<std::pair<Text, double>> sign_off{
      {flow.text(say("三、审批", "3. Approval"), 14, true, 0), mm(4)}};
  for (const std::string& who :
       {say("社区书记", "Community party secretary"), say("街道审核", "Street office review")}) {
    sign_off.emplace_back(flow.text(who + say("意见：", " comments:"), 11, true, 0), mm(10));
    sign_off.emplace_back(
        flow.text(say("签字：____________________　　", "Signature: ____________________    ") +
                      date_line,
                  11, false, 0),
        mm(4));
  }
  double height = 0;
  for (const auto& block : sign_off) height += block.first.height() + block.second;
  flow.space(mm(4));
  flow.keep(height);
  for (const auto& block : sign_off) flow.add(block.first, 0, block.second);

  const std::vector<print::Page> pages = flow.finish(
      say("hgj diff · 内容版本 ", "hgj diff · content version ") + report.after.content_version);
  std::vector<const print::Page*> pointers;
  for (const print::Page& p : pages) pointers.push_back(&p);
  return print::pdf_document(pointers, {title, approval_pdf_author, now});
}

}  // namespace hgj
