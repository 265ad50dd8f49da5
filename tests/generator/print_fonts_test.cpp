// The print run's cut-down fonts, the fallback for what they lack, the layouts kept per
// context, the joined community PDFs, the tiled card sheets and the HTML view's pieces
// (QR SVG, picture names).
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <tuple>
#include <vector>

#include "print/board_html.h"
#include "print/font_subset.h"
#include "print/page.h"
#include "print/pdf_merge.h"
#include "print/pdf_tile.h"
#include "print/pdf_writer.h"

using namespace hgj;
using namespace hgj::print;

namespace {

const PrintTheme& theme() {
  static const PrintTheme t;
  return t;
}

Text line(PangoContext* context, const std::string& s) {
  TextStyle style{&theme().sans, 20, false, {}};
  return Text(context, s, style, 0);
}

// One A4 page with `s` on it, as a PDF.
std::string one_page(PangoContext* context, const std::string& s, const std::string& title) {
  const print::Page page{*paper_named("A4"),
                         [&](cairo_t* cr) { line(context, s).draw(cr, 50, 50); }};
  return pdf_document({&page}, {title, "hgj", 0});
}

// Every cross-reference offset of `pdf` points at "N 0 obj".
bool offsets_point_at_objects(const std::string& pdf) {
  const std::size_t xref = std::stoul(pdf.substr(pdf.rfind("startxref") + 10));
  const std::size_t count = std::stoul(pdf.substr(xref + 7));
  const std::size_t table = pdf.find('\n', xref + 5) + 1;
  for (std::size_t i = 1; i < count; ++i) {
    const std::size_t at = std::stoul(pdf.substr(table + i * 20, 10));
    if (pdf.compare(at, std::to_string(i).size() + 6, std::to_string(i) + " 0 obj") != 0)
      return false;
  }
  return true;
}

}  // namespace

TEST_CASE("print: the character set holds printable ASCII, the boards' wording and what is added") {
  CharacterSet set;
  set.add("王建华 a");
  const std::u32string& c = set.characters();
  CHECK(c.find(U'王') != std::u32string::npos);
  CHECK(c.find(U'a') != std::u32string::npos);
  CHECK(c.find(U'管') != std::u32string::npos);  // 红管家, on every board
  CHECK(c.find(U'鑫') == std::u32string::npos);
  CHECK(std::is_sorted(c.begin(), c.end()));
  CHECK(std::adjacent_find(c.begin(), c.end()) == c.end());
}

TEST_CASE("print: cut-down fonts measure like the installed ones, and fall back for the rest") {
  CharacterSet set;
  set.add("德平坝小区3幢");
  std::string error;
  std::optional<RunFonts> fonts = RunFonts::make(theme(), set, error);
  REQUIRE_MESSAGE(fonts, error);
  FontMapPtr system_map = make_font_map();
  ContextPtr system = make_print_context(system_map.get());
  FontMapPtr run_map = fonts->make_font_map();
  ContextPtr run = make_print_context(run_map.get(), system.get());
  for (const std::string s : {"德平坝小区3幢", "鑫淼犇 138 0000 0001"}) {
    CAPTURE(s);
    CHECK(line(run.get(), s).width() == doctest::Approx(line(system.get(), s).width()));
    CHECK(line(run.get(), s).width() > 0);
  }
}

TEST_CASE("print: texts laid out again on one context measure and draw as the first time") {
  FontMapPtr map = make_font_map();
  ContextPtr context = make_print_context(map.get());
  const std::string sans = theme().sans, serif = theme().serif;
  struct Variant {
    std::string text;
    TextStyle style;
    double width;
  };
  const Colour red{1, 0, 0}, blue{0, 0, 1};
  std::vector<Variant> variants;
  for (const std::string& s :
       {std::string("每月第一个周六 敲门日 德平坝小区"), std::string("德平坝小区")}) {
    for (double width : {0.0, 60.0, 61.0}) {
      TextStyle style{&sans, 12, false, red};
      variants.push_back({s, style, width});
      style.bold = true, variants.push_back({s, style, width});
      style.size = 12.25, variants.push_back({s, style, width});
      style.family = &serif, variants.push_back({s, style, width});
      style.line_spacing = 0, variants.push_back({s, style, width});
      style.letter_spacing = 1, variants.push_back({s, style, width});
      style.align = PANGO_ALIGN_CENTER, variants.push_back({s, style, width});
    }
  }
  // Measured on a context of its own, each variant as if it were the only one.
  std::vector<std::tuple<double, double, int>> alone;
  for (const Variant& v : variants) {
    FontMapPtr own_map = make_font_map();
    ContextPtr own = make_print_context(own_map.get());
    const Text t(own.get(), v.text, v.style, v.width);
    alone.emplace_back(t.width(), t.height(), t.lines());
  }
  for (int round = 0; round < 2; ++round) {
    for (std::size_t i = 0; i < variants.size(); ++i) {
      CAPTURE(i);
      const Text t(context.get(), variants[i].text, variants[i].style, variants[i].width);
      CHECK(std::tuple(t.width(), t.height(), t.lines()) == alone[i]);
    }
  }
  // The colour is the Text's own, not the first one laid out with that text.
  TextStyle style{&sans, 40, true, red};
  const Text first(context.get(), "红", style, 0);
  style.colour = blue;
  const Text again(context.get(), "红", style, 0);
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 120, 60);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  first.draw(cr, 0, 0);
  again.draw(cr, 60, 0);
  cairo_surface_flush(surface);
  auto ink = [&](int x0, int x1) {
    double r = 0, b = 0;
    const unsigned char* data = cairo_image_surface_get_data(surface);
    for (int y = 0; y < 60; ++y) {
      for (int x = x0; x < x1; ++x) {
        const auto px = *reinterpret_cast<const std::uint32_t*>(
            data + y * cairo_image_surface_get_stride(surface) + x * 4);
        r += 255 - (px & 0xFF), b += 255 - ((px >> 16) & 0xFF);  // what blue and red lack
      }
    }
    return std::pair(r, b);
  };
  const auto [left_not_blue, left_not_red] = ink(0, 60);
  const auto [right_not_blue, right_not_red] = ink(60, 120);
  CHECK(left_not_blue > 1000);  // red ink on the left
  CHECK(left_not_red < 10);
  CHECK(right_not_red > 1000);  // blue ink on the right
  CHECK(right_not_blue < 10);
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
}

TEST_CASE("print: merged PDFs hold every page in order under one page tree") {
  FontMapPtr map = make_font_map();
  ContextPtr context = make_print_context(map.get());
  const std::string a = one_page(context.get(), "王建华", "一");
  const std::string b = one_page(context.get(), "陈玉珍", "二");
  const std::string merged = merge_pdfs({&a, &b, &a}, {"天平巷社区", "hgj", 0});
  CHECK(merged.starts_with("%PDF-1.5\n"));
  CHECK(merged.ends_with("%%EOF\n"));
  CHECK(merged.find("/Count 3") != std::string::npos);
  CHECK(merged.find("/Title " + pdf_text_string("天平巷社区")) != std::string::npos);
  CHECK(offsets_point_at_objects(merged));
  CHECK(offsets_point_at_objects(a));
  CHECK_THROWS_AS(merge_pdfs({}, {}), std::runtime_error);
  const std::string junk = "not a pdf";
  CHECK_THROWS_AS(merge_pdfs({&junk}, {}), std::runtime_error);
}

TEST_CASE("print: tiled PDFs draw each source page once, as a form placed where asked") {
  FontMapPtr map = make_font_map();
  ContextPtr context = make_print_context(map.get());
  const Paper a4 = *paper_named("A4");
  const print::Page sheet{a4, [&](cairo_t* cr) { line(context.get(), "裁切线").draw(cr, 10, 10); }};
  const print::Page card{{"card", 100, 50},
                         [&](cairo_t* cr) { line(context.get(), "王建华").draw(cr, 5, 5); }};
  const std::string source = pdf_document({&sheet, &card}, {"德平坝小区3幢 联户卡", "hgj", 0});
  const std::string tiled =
      tile_pages(source, {{a4, {{0, 0, 0}, {1, 10, 20}, {1, 10.5, 120}}}, {a4, {{1, 0, 0}}}});
  auto count = [](const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
      ++n;
    return n;
  };
  CHECK(tiled.starts_with("%PDF-1.5\n"));
  CHECK(offsets_point_at_objects(tiled));
  CHECK(count(tiled, "/Type /Page\n") == 2);
  CHECK(count(tiled, "/Subtype /Form") == 2);  // each source page once
  CHECK(count(tiled, "/BBox [ 0 0 100 50 ]") == 1);
  CHECK(count(tiled, " Do Q") == 4);
  // PDF space starts at the bottom: 841.889764 − 20 − 50.
  CHECK(count(tiled, "q 1 0 0 1 10 771.889764 cm /p1 Do Q") == 1);
  CHECK(count(tiled, "q 1 0 0 1 10.5 671.889764 cm /p1 Do Q") == 1);
  CHECK(count(tiled, "/Title " + pdf_text_string("德平坝小区3幢 联户卡")) == 1);
  CHECK(count(tiled, "/FontFile3") == count(source, "/FontFile3"));  // fonts as they were
  // A community's file joins tiled files like any other.
  const std::string joined = merge_pdfs({&tiled, &tiled}, {"天平巷社区", "hgj", 0});
  CHECK(joined.find("/Count 4") != std::string::npos);
  CHECK(offsets_point_at_objects(joined));
  CHECK_THROWS_AS(tile_pages(source, {{a4, {{2, 0, 0}}}}), std::runtime_error);
  CHECK_THROWS_AS(tile_pages("not a pdf", {{a4, {{0, 0, 0}}}}), std::runtime_error);
}

TEST_CASE("print: PDF text strings are UTF-16BE hex with a byte-order mark") {
  CHECK(pdf_text_string("A") == "<FEFF0041>");
  CHECK(pdf_text_string("社区") == "<FEFF793E533A>");
  CHECK(pdf_text_string("\xF0\xA0\x80\x80") == "<FEFFD840DC00>");  // U+20000
}

TEST_CASE(
    "print: the HTML view's QR code is an SVG file of one path of dark runs inside a quiet zone") {
  QrMatrix qr{3, {true, true, false, false, false, false, true, false, true}};
  CHECK(qr_svg(qr, "#1c1c1c", "扫一扫 <本楼>") ==
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 11 11\" role=\"img\" "
        "aria-label=\"扫一扫 &lt;本楼&gt;\" "
        "shape-rendering=\"crispEdges\"><rect width=\"11\" height=\"11\" fill=\"#fff\"/>"
        "<path fill=\"#1c1c1c\" d=\"M4 4h2v1h-2zM4 6h1v1h-1zM6 6h1v1h-1z\"/></svg>");
}

TEST_CASE("print: pictures beside the HTML views get flat, plain file names") {
  CHECK(picture_file_name("photos/HF-001.jpg") == "photos-HF-001.jpg");
  CHECK(picture_file_name("qr/楼 1.png") == "qr-____1.png");
  CHECK(colour_hex({200 / 255.0, 16 / 255.0, 46 / 255.0}) == "#c8102e");
}
