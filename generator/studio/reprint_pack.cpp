#include "studio/reprint_pack.h"

#include <optional>
#include <stdexcept>
#include <vector>

#include "hgj/files.h"
#include "hgj/language.h"
#include "print/pdf_merge.h"
#include "print/pdf_writer.h"

namespace hgj::studio {

namespace fs = std::filesystem;

ReprintPack make_reprint_pack(const Reprint& reprint, const fs::path& print_dir, Instant now) {
  std::vector<std::string> files;
  ReprintPack pack;
  const auto add = [&](const std::vector<ReprintItem>& items, const char* folder,
                       std::size_t& count) {
    for (const ReprintItem& item : items) {
      if (item.why == ReprintItem::Why::removed) continue;
      const fs::path file = print_dir / folder / (item.building + ".pdf");
      std::optional<std::string> bytes = read_whole_file(file);
      if (!bytes)
        throw std::runtime_error(say("找不到要重印的 ", "missing file to reprint: ") +
                                 file.string());
      files.push_back(std::move(*bytes));
      ++count;
    }
  };
  add(reprint.boards, "boards", pack.boards);
  add(reprint.cards, "cards", pack.cards);
  if (files.empty()) return pack;
  std::vector<const std::string*> documents;
  for (const std::string& f : files) documents.push_back(&f);
  pack.pdf = print::merge_pdfs(documents, {say("重印包", "Reprint pack"), "hgj studio", now});
  return pack;
}

}  // namespace hgj::studio
