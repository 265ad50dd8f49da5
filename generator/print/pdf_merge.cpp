#include "print/pdf_merge.h"

#include <cstdio>

#include "print/pdf_objects.h"

namespace hgj::print {

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
  if (documents.empty()) pdf::bad("no documents");
  pdf::Writer out;
  std::vector<long> pages;
  std::string info_dict;
  for (const std::string* bytes : documents) {
    const pdf::Document doc = pdf::parse(*bytes);
    const long tree = doc.page_tree();
    if (info_dict.empty() && doc.objects.count(doc.info))
      info_dict = pdf::body(doc.objects.at(doc.info));

    std::map<long, long> to{{tree, 1}};
    for (const auto& [n, text] : doc.objects) {
      if (n == doc.root || n == doc.info || n == tree) continue;
      to[n] = out.next_number() + static_cast<long>(to.size()) - 1;
    }
    for (long kid : doc.pages()) pages.push_back(to.at(kid));
    for (const auto& [n, text] : doc.objects) {
      if (n == doc.root || n == doc.info || n == tree) continue;
      const std::size_t head = pdf::dictionary_end(text);
      out.add(pdf::renumber(text.substr(0, head), to) + std::string(text.substr(head)));
    }
  }

  // The metadata: the first document's (producer, author, dates) with this title.
  if (info_dict.empty()) info_dict = "<<\n>>\n";
  const std::size_t title = info_dict.find("/Title ");
  const std::string new_title = "/Title " + pdf_text_string(info.title);
  if (title != std::string::npos) {
    info_dict.replace(title, info_dict.find('\n', title) - title, new_title);
  } else {
    info_dict.insert(2, " " + new_title + "\n  ");
  }
  return out.finish(pages, info_dict);
}

}  // namespace hgj::print
