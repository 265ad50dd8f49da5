// Writes recorded pages as one PDF document: text stays text (fonts embedded as
// subsets by cairo), QR codes stay vectors, JPEG photos go in as they are.
#pragma once

#include <string>
#include <vector>

#include "hgj/recurrence.h"
#include "print/page.h"

namespace hgj::print {

struct PdfInfo {
  std::string title;
  std::string author;
  Instant created = 0;  // CreationDate and ModDate: the build's "now", for reproducible files
};

// The PDF bytes of `pages` (each page takes its own paper size). Throws
// std::runtime_error when cairo fails.
std::string pdf_document(const std::vector<const Page*>& pages, const PdfInfo& info);

// "2026-11-24T11:00:00Z"
std::string pdf_date(Instant t);

}  // namespace hgj::print
