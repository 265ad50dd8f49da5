// The lifecycle of stewards and buildings: who left (离任) and what was pulled down or
// merged (拆除, 合并) are set aside once the content is loaded.
#pragma once

#include "hgj/diagnostics.h"
#include "hgj/model.h"

namespace hgj {

// Moves stewards who left into Content::former_stewards and buildings no longer in use
// into Content::former_buildings, warning about what they leave behind: a building in
// use whose stewards all left, a grid naming one who left. Before Content::index().
void set_aside_former(Content& content, DiagnosticSink& sink);

}  // namespace hgj
