#include "print/pdf_objects.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace hgj::print::pdf {

void bad(const std::string& what) {
  throw std::runtime_error("cannot rearrange the PDF files: " + what);
}

long number_after(std::string_view text, std::string_view key) {
  const std::size_t at = text.find(key);
  if (at == std::string_view::npos) bad("no " + std::string(key));
  return std::strtol(text.data() + at + key.size(), nullptr, 10);
}

std::string_view Document::object(long n) const {
  const auto it = objects.find(n);
  if (it == objects.end()) bad("object " + std::to_string(n) + " is missing");
  return it->second;
}

long Document::page_tree() const { return number_after(object(root), "/Pages "); }

std::vector<long> Document::pages() const {
  const std::string_view tree = object(page_tree());
  const std::size_t open = tree.find("/Kids [");
  const std::size_t close = tree.find(']', open);
  if (open == std::string_view::npos || close == std::string_view::npos) bad("no page list");
  std::vector<long> out;
  const std::string list(tree.substr(open + 7, close - open - 7));
  const char* p = list.c_str();
  char* end = nullptr;
  for (long n = std::strtol(p, &end, 10); end != p; n = std::strtol(p, &end, 10)) {
    out.push_back(n);
    p = end;
    std::strtol(p, &end, 10);  // the generation, 0
    p = end;
    while (*p == ' ' || *p == 'R') ++p;
  }
  return out;
}

Document parse(std::string_view pdf) {
  Document doc;
  const std::size_t startxref = pdf.rfind("startxref");
  if (startxref == std::string_view::npos) bad("no startxref");
  const std::size_t xref =
      static_cast<std::size_t>(number_after(pdf.substr(startxref), "startxref"));
  if (xref >= pdf.size() || pdf.substr(xref, 5) != "xref\n") bad("no cross-reference table");
  // "xref\n0 N\n" then N lines of 20 bytes: "0000000015 00000 n \n".
  const std::size_t header_end = pdf.find('\n', xref + 5);
  if (header_end == std::string_view::npos) bad("a short cross-reference table");
  long first = 0, count = 0;
  if (std::sscanf(std::string(pdf.substr(xref + 5, header_end - xref - 5)).c_str(), "%ld %ld",
                  &first, &count) != 2 ||
      first != 0) {
    bad("an unexpected cross-reference table");
  }
  std::vector<std::pair<std::size_t, long>> offsets;  // offset → object number
  for (long i = 1; i < count; ++i) {
    const std::size_t line = header_end + 1 + static_cast<std::size_t>(i) * 20;
    if (line + 20 > pdf.size()) bad("a short cross-reference table");
    if (pdf[line + 17] != 'n') continue;
    offsets.emplace_back(std::strtoul(pdf.data() + line, nullptr, 10), i);
  }
  std::sort(offsets.begin(), offsets.end());
  for (std::size_t i = 0; i < offsets.size(); ++i) {
    const std::size_t begin = offsets[i].first;
    const std::size_t end = i + 1 < offsets.size() ? offsets[i + 1].first : xref;
    if (begin >= end || end > pdf.size()) bad("objects out of order");
    doc.objects[offsets[i].second] = pdf.substr(begin, end - begin);
  }
  const std::string_view trailer = pdf.substr(xref);
  doc.root = number_after(trailer, "/Root ");
  doc.info = number_after(trailer, "/Info ");
  return doc;
}

std::size_t dictionary_end(std::string_view object) {
  const std::size_t stream = object.find(">>\nstream\n");
  if (stream != std::string_view::npos) return stream + 3;
  if (object.find("stream") != std::string_view::npos) bad("a stream written in an unexpected way");
  return object.size();
}

std::string_view body(std::string_view object) {
  const std::size_t begin = object.find("obj\n");
  const std::size_t end = object.rfind("endobj");
  if (begin == std::string_view::npos || end == std::string_view::npos || end < begin)
    bad("an unreadable object");
  return object.substr(begin + 4, end - begin - 4);
}

std::string renumber(std::string_view head, const std::map<long, long>& to) {
  std::string out;
  out.reserve(head.size() + 16);
  for (std::size_t i = 0; i < head.size();) {
    const bool starts_number = std::isdigit(static_cast<unsigned char>(head[i])) &&
                               (i == 0 || !std::isalnum(static_cast<unsigned char>(head[i - 1])));
    if (!starts_number) {
      out += head[i++];
      continue;
    }
    std::size_t j = i;
    while (j < head.size() && std::isdigit(static_cast<unsigned char>(head[j]))) ++j;
    const std::string_view rest = head.substr(j);
    const bool reference = rest.starts_with(" 0 R") || rest.starts_with(" 0 obj");
    const auto it = reference ? to.find(std::strtol(head.data() + i, nullptr, 10)) : to.end();
    if (it == to.end()) {
      out.append(head.substr(i, j - i));
    } else {
      out += std::to_string(it->second);
    }
    i = j;
  }
  return out;
}

Writer::Writer() : out_("%PDF-1.5\n%\xb5\xed\xae\xfb\n"), offsets_{0, 0} {}

long Writer::add(std::string_view object) {
  const long n = next_number();
  offsets_.push_back(out_.size());
  out_.append(object);
  return n;
}

std::string Writer::finish(const std::vector<long>& pages, std::string_view info_dictionary) {
  offsets_[1] = out_.size();
  out_ += "1 0 obj\n<< /Type /Pages\n   /Kids [";
  for (long p : pages) out_ += " " + std::to_string(p) + " 0 R";
  out_ += " ]\n   /Count " + std::to_string(pages.size()) + "\n>>\nendobj\n";

  const long info = next_number();
  add(std::to_string(info) + " 0 obj\n" + std::string(info_dictionary) + "endobj\n");
  const long catalog = next_number();
  add(std::to_string(catalog) + " 0 obj\n<< /Type /Catalog\n   /Pages 1 0 R\n>>\nendobj\n");

  const std::size_t xref = out_.size();
  out_ += "xref\n0 " + std::to_string(offsets_.size()) + "\n0000000000 65535 f \n";
  char line[24];
  for (std::size_t i = 1; i < offsets_.size(); ++i) {
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offsets_[i]);
    out_ += line;
  }
  out_ += "trailer\n<< /Size " + std::to_string(offsets_.size()) + "\n   /Root " +
          std::to_string(catalog) + " 0 R\n   /Info " + std::to_string(info) +
          " 0 R\n>>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return std::move(out_);
}

}  // namespace hgj::print::pdf
