#include "print/pdf_tile.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "print/pdf_objects.h"

namespace hgj::print {

namespace {

// What a source page brings to its form: the content stream, the resources and the size.
struct SourcePage {
  long contents = 0, resources = 0;
  double width = 0, height = 0;
};

SourcePage source_page(std::string_view page) {
  SourcePage p;
  p.contents = pdf::number_after(page, "/Contents ");
  p.resources = pdf::number_after(page, "/Resources ");
  const std::size_t box = page.find("/MediaBox [");
  if (box == std::string_view::npos) pdf::bad("a page without a media box");
  double x0 = 0, y0 = 0;
  if (std::sscanf(std::string(page.substr(box + 11, 80)).c_str(), "%lf %lf %lf %lf", &x0, &y0,
                  &p.width, &p.height) != 4 ||
      x0 != 0 || y0 != 0) {
    pdf::bad("an unexpected media box");
  }
  return p;
}

// As cairo writes numbers: up to six decimals, no trailing zeros.
std::string number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

}  // namespace

std::string tile_pages(const std::string& source, const std::vector<TiledPage>& pages) {
  const pdf::Document doc = pdf::parse(source);
  const long tree = doc.page_tree();
  const std::vector<long> kids = doc.pages();
  std::vector<SourcePage> sources;
  std::map<long, std::size_t> form_of;  // content stream → source page
  for (long kid : kids) {
    sources.push_back(source_page(doc.object(kid)));
    form_of[sources.back().contents] = sources.size() - 1;
  }

  // The source's objects keep their order, without its page tree, pages and catalog.
  pdf::Writer out;
  std::map<long, long> to{{tree, 1}};
  for (const auto& [n, text] : doc.objects) {
    if (n == doc.root || n == doc.info || n == tree ||
        std::find(kids.begin(), kids.end(), n) != kids.end())
      continue;
    to[n] = out.next_number() + static_cast<long>(to.size()) - 1;
  }
  for (const auto& [n, text] : doc.objects) {
    if (!to.count(n) || n == tree) continue;
    const std::size_t head = pdf::dictionary_end(text);
    std::string dictionary = pdf::renumber(text.substr(0, head), to);
    if (auto form = form_of.find(n); form != form_of.end()) {
      // The page's content stream, as a form the size of its page.
      const SourcePage& p = sources[form->second];
      const std::size_t close = dictionary.rfind(">>");
      dictionary.insert(close, "   /Type /XObject\n   /Subtype /Form\n   /BBox [ 0 0 " +
                                   number(p.width) + " " + number(p.height) + " ]\n   /Resources " +
                                   std::to_string(to.at(p.resources)) + " 0 R\n");
    }
    out.add(dictionary + std::string(text.substr(head)));
  }

  std::vector<long> page_numbers;
  for (const TiledPage& page : pages) {
    std::string content, forms;
    for (const Placement& place : page.placements) {
      if (place.page >= sources.size())
        pdf::bad("no page " + std::to_string(place.page + 1) + " to place");
      const SourcePage& p = sources[place.page];
      const std::string name = "/p" + std::to_string(place.page);
      // PDF space starts at the bottom-left corner.
      content += "q 1 0 0 1 " + number(place.x) + " " +
                 number(page.paper.height - place.y - p.height) + " cm " + name + " Do Q\n";
      if (forms.find(name + " ") == std::string::npos) {
        forms += "      " + name + " " + std::to_string(to.at(p.contents)) + " 0 R\n";
      }
    }
    const long stream = out.next_number();
    out.add(std::to_string(stream) + " 0 obj\n<< /Length " + std::to_string(content.size()) +
            "\n>>\nstream\n" + content + "endstream\nendobj\n");
    const long n = out.next_number();
    out.add(std::to_string(n) + " 0 obj\n<< /Type /Page\n   /Parent 1 0 R\n   /MediaBox [ 0 0 " +
            number(page.paper.width) + " " + number(page.paper.height) + " ]\n   /Contents " +
            std::to_string(stream) +
            " 0 R\n   /Group <<\n      /Type /Group\n      /S /Transparency\n      /I true\n"
            "      /CS /DeviceRGB\n   >>\n   /Resources <<\n   /XObject <<\n" +
            forms + "   >>\n   >>\n>>\nendobj\n");
    page_numbers.push_back(n);
  }
  return out.finish(page_numbers,
                    doc.objects.count(doc.info) ? pdf::body(doc.object(doc.info)) : "<<\n>>\n");
}

}  // namespace hgj::print
