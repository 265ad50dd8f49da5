// The reprint pack: one PDF with only the 公示牌 and 联户卡 sheets a publication changed,
// for the print shop — the published files back to back, in the reprint list's order.
#pragma once

#include <filesystem>
#include <string>

#include "diff/reprint.h"
#include "hgj/recurrence.h"

namespace hgj::studio {

struct ReprintPack {
  std::string pdf;  // empty when nothing is to be reprinted
  std::size_t boards = 0, cards = 0;
};

// From `print_dir` (an output's print/: boards/<id>.pdf, cards/<id>.pdf). Removed
// buildings have nothing to print. Throws std::runtime_error when a listed file is
// missing or cannot be merged.
ReprintPack make_reprint_pack(const Reprint& reprint, const std::filesystem::path& print_dir,
                              Instant now);

}  // namespace hgj::studio
