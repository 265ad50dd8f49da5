#include "print/pdf_merge.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string_view>

namespace hgj::print {

namespace {

[[noreturn]] void bad(const std::string& what) {
  throw std::runtime_error("cannot join the PDF files: " + what);
}

// One document's objects by number, as the text between its cross-reference offsets.
struct Document {
  std::map<long, std::string_view> objects;
  long root = 0, info = 0;
};

long number_after(std::string_view text, std::string_view key) {
  const std::size_t at = text.find(key);
  if (at == std::string_view::npos) bad("no " + std::string(key));
  return std::strtol(text.data() + at + key.size(), nullptr, 10);
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

// The object's dictionary, before any stream data: the only part that holds references.
std::size_t dictionary_end(std::string_view object) {
  const std::size_t stream = object.find(">>\nstream\n");
  if (stream != std::string_view::npos) return stream + 3;
  if (object.find("stream") != std::string_view::npos) bad("a stream written in an unexpected way");
  return object.size();
}

// `head` with "N 0 obj" and every "N 0 R" renumbered through `to`.
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

std::vector<long> kids(std::string_view pages) {
  const std::size_t open = pages.find("/Kids [");
  const std::size_t close = pages.find(']', open);
  if (open == std::string_view::npos || close == std::string_view::npos) bad("no page list");
  std::vector<long> out;
  const std::string list(pages.substr(open + 7, close - open - 7));
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

}  // namespace

std::string pdf_text_string(const std::string& utf8) {
  std::string out = "<FEFF";
  char buf[8];
  const auto unit = [&](unsigned v) {
    std::snprintf(buf, sizeof buf, "%04X", v);
    out += buf;
  };
  for (std::size_t i = 0; i < utf8.size();) {
    const unsigned char c = static_cast<unsigned char>(utf8[i]);
    const int extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : 3;
    unsigned cp = extra == 0 ? c : c & (0x3Fu >> extra);
    for (int k = 1; k <= extra && i + k < utf8.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    }
    i += extra + 1;
    if (cp >= 0x10000) {
      unit(0xD800 + ((cp - 0x10000) >> 10));
      unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      unit(cp);
    }
  }
  return out + ">";
}

std::string merge_pdfs(const std::vector<const std::string*>& documents, const PdfInfo& info) {
  if (documents.empty()) bad("no documents");
  std::string out = "%PDF-1.5\n%\xb5\xed\xae\xfb\n";
  std::vector<std::size_t> offsets = {0, 0};  // object 1 is the new page tree, written last
  std::vector<long> pages;
  std::string info_head;
  for (const std::string* bytes : documents) {
    const Document doc = parse(*bytes);
    const auto catalog = doc.objects.find(doc.root);
    if (catalog == doc.objects.end()) bad("no catalog");
    const long tree = number_after(catalog->second, "/Pages ");
    const auto tree_object = doc.objects.find(tree);
    if (tree_object == doc.objects.end()) bad("no page tree");
    if (info_head.empty() && doc.objects.count(doc.info)) info_head = doc.objects.at(doc.info);

    std::map<long, long> to{{tree, 1}};
    for (const auto& [n, text] : doc.objects) {
      if (n == doc.root || n == doc.info || n == tree) continue;
      to[n] = static_cast<long>(offsets.size() + to.size() - 1);
    }
    for (long kid : kids(tree_object->second)) pages.push_back(to.at(kid));
    for (const auto& [n, text] : doc.objects) {
      if (n == doc.root || n == doc.info || n == tree) continue;
      offsets.push_back(out.size());
      const std::size_t head = dictionary_end(text);
      out += renumber(text.substr(0, head), to);
      out.append(text.substr(head));
    }
  }

  offsets[1] = out.size();
  out += "1 0 obj\n<< /Type /Pages\n   /Kids [";
  for (long p : pages) out += " " + std::to_string(p) + " 0 R";
  out += " ]\n   /Count " + std::to_string(pages.size()) + "\n>>\nendobj\n";

  // The metadata: the first document's (producer, author, dates) with this title.
  const long info_n = static_cast<long>(offsets.size());
  offsets.push_back(out.size());
  std::string info_dict =
      info_head.empty() ? "<<\n>>\nendobj\n" : std::string(info_head.substr(info_head.find("<<")));
  const std::size_t title = info_dict.find("/Title ");
  const std::string new_title = "/Title " + pdf_text_string(info.title);
  if (title != std::string::npos) {
    info_dict.replace(title, info_dict.find('\n', title) - title, new_title);
  } else {
    info_dict.insert(2, " " + new_title + "\n  ");
  }
  out += std::to_string(info_n) + " 0 obj\n" + info_dict;

  const long catalog_n = static_cast<long>(offsets.size());
  offsets.push_back(out.size());
  out += std::to_string(catalog_n) + " 0 obj\n<< /Type /Catalog\n   /Pages 1 0 R\n>>\nendobj\n";

  const std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(offsets.size()) + "\n0000000000 65535 f \n";
  char line[24];
  for (std::size_t i = 1; i < offsets.size(); ++i) {
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offsets[i]);
    out += line;
  }
  out += "trailer\n<< /Size " + std::to_string(offsets.size()) + "\n   /Root " +
         std::to_string(catalog_n) + " 0 R\n   /Info " + std::to_string(info_n) +
         " 0 R\n>>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

}  // namespace hgj::print
