#include "print/pdf_writer.h"

#include <cairo-pdf.h>

#include <cstdio>
#include <stdexcept>

namespace hgj::print {

std::string pdf_date(Instant t) {
  const long days = static_cast<long>(t >= 0 ? t / 86400 : (t - 86399) / 86400);
  const long seconds = static_cast<long>(t - static_cast<Instant>(days) * 86400);
  const Date d = Date::from_days_since_epoch(days);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02ld:%02ld:%02ldZ", d.year, d.month, d.day,
                seconds / 3600, seconds / 60 % 60, seconds % 60);
  return buf;
}

namespace {

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::string pdf_document(const std::vector<const Page*>& pages, const PdfInfo& info) {
  std::string bytes;
  if (pages.empty()) throw std::runtime_error("no pages to write");
  const Paper& first = pages.front()->paper;
  cairo_surface_t* pdf =
      cairo_pdf_surface_create_for_stream(append, &bytes, first.width, first.height);
  const std::string date = pdf_date(info.created);
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, info.title.c_str());
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_AUTHOR, info.author.c_str());
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, "hgj " HGJ_VERSION);
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
  cairo_t* cr = cairo_create(pdf);
  for (const Page* page : pages) {
    cairo_pdf_surface_set_size(pdf, page->paper.width, page->paper.height);
    cairo_save(cr);
    page->draw(cr);
    cairo_restore(cr);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(pdf);
  const cairo_status_t status = cairo_surface_status(pdf);
  cairo_surface_destroy(pdf);
  if (status != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(status));
  }
  return bytes;
}

}  // namespace hgj::print
