// One PDF from several that pdf_document() wrote: the community files for the print
// shop are the buildings' files back to back. Joining the finished files costs a copy;
// drawing the pages into a second document would lay out, subset fonts and compress
// everything again.
#pragma once

#include <string>
#include <vector>

#include "print/pdf_writer.h"

namespace hgj::print {

// The pages of `documents`, in order, as one document with `info` as its metadata.
// Each document keeps its own objects (fonts, images), renumbered. Only for files from
// pdf_document() (cairo's classic cross-reference table); throws std::runtime_error
// when one does not look like that.
std::string merge_pdfs(const std::vector<const std::string*>& documents, const PdfInfo& info);

// A PDF text string: <FEFF…> UTF-16BE hex, as cairo writes non-ASCII metadata.
std::string pdf_text_string(const std::string& utf8);

}  // namespace hgj::print
