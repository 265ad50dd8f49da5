// cairo's PDF files taken apart and put back together as numbered objects, for the
// files made of other files (pdf_merge.h, pdf_tile.h). Only for what pdf_document()
// writes: a classic cross-reference table, "N 0 obj" objects, stream dictionaries
// ending ">>\nstream\n". Everything that does not look like that throws
// std::runtime_error.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace hgj::print::pdf {

[[noreturn]] void bad(const std::string& what);

// One document's objects by number ("N 0 obj\n…endobj\n"), viewing the bytes parsed.
struct Document {
  std::map<long, std::string_view> objects;
  long root = 0, info = 0;

  std::string_view object(long n) const;  // throws when missing
  long page_tree() const;
  std::vector<long> pages() const;  // page object numbers, in order
};
Document parse(std::string_view pdf);

// The number after `key` in `text` ("/Contents 4 0 R" → 4).
long number_after(std::string_view text, std::string_view key);
// Where an object's dictionary ends: before any stream data, the only part that holds
// references.
std::size_t dictionary_end(std::string_view object);
// What an object holds between "N 0 obj\n" and "endobj" (all of it, for an object
// without a stream: its dictionary).
std::string_view body(std::string_view object);
// `head` with "N 0 obj" and every "N 0 R" renumbered through `to` (others unchanged).
std::string renumber(std::string_view head, const std::map<long, long>& to);

// A new PDF written object by object. Object 1 is the page tree and the last two the
// document information and catalog, written by finish().
class Writer {
 public:
  Writer();
  long next_number() const { return static_cast<long>(offsets_.size()); }
  // Appends an object ("N 0 obj\n…endobj\n") whose number is next_number(); returns it.
  long add(std::string_view object);
  // Adds the page tree of `pages`, the information dictionary ("<< … >>\n"), the
  // catalog and the cross-reference table; returns the file.
  std::string finish(const std::vector<long>& pages, std::string_view info_dictionary);

 private:
  std::string out_;
  std::vector<std::size_t> offsets_;
};

}  // namespace hgj::print::pdf
