// The preview part of a ledger import: the content loaded as it is and as it would be
// with the upload in place (a staged copy), compared, and the upload's rows laid out
// beside the problems found in them.
#pragma once

#include <filesystem>

#include "studio/ledger_import.h"

namespace hgj::studio {

// Fills the tables, problems, counts, unknown columns and changes of `preview`, whose
// target is already set, from `content_dir` (as it is) and `staged` (the copy with the
// upload at preview.target). Reads both, writes neither. Throws ImportError when
// SOURCE_DATE_EPOCH is malformed.
void fill_preview(ImportPreview& preview, const std::filesystem::path& content_dir,
                  const std::filesystem::path& staged);

}  // namespace hgj::studio
