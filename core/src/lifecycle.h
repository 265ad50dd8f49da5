// The lifecycle of stewards and buildings: who left (离任) and what was pulled down or
// merged (拆除, 合并) are set aside once the content is loaded.
#pragma once

#include "hgj/diagnostics.h"
#include "hgj/model.h"

namespace hgj {

// Moves stewards who left into Content::former_stewards and buildings no longer in use
// into Content::former_buildings, warning about what they leave behind: a building in
// use whose stewards all left, a grid naming one who left. Also warns about what no one
// looks after: a building in use without a steward (folded per community past three), the
// units of a building no steward's unit range reaches, a steward without a building.
// `stewards_whole` (`buildings_whole`) is false when the stewards' (buildings') files had
// errors: a steward left out may be the one who looks after a building, a building left
// out the one a steward looks after, so those are not warned about (the errors come
// first). Before Content::index().
void set_aside_former(Content& content, DiagnosticSink& sink, bool stewards_whole = true,
                      bool buildings_whole = true);

}  // namespace hgj
