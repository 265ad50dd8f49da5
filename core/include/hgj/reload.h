// Reloading one edited file into an already loaded content model, for `hgj serve`:
// re-reading 100,000 issues to pick up a steward's new phone number would take seconds.
#pragma once

#include <string>

#include "hgj/diagnostics.h"
#include "hgj/model.h"

namespace hgj {

// Re-reads `file` (a path as the watcher reports it) when it is a steward's Markdown file
// that already defined steward `id` in `content`, and still defines that id with no
// problem at all; the steward is then replaced in place (other entities keep their
// addresses) and `*id` names it. Returns false, leaving `content` and `sink` as they were,
// when the file is anything else, has any diagnostic, or gives the steward a name or
// 排序 that moves it in the readers' order (hgj/order.h): the caller then loads the whole
// folder, which reports every problem in context and puts the stewards back in order.
bool reload_steward_file(Content& content, const std::string& file, std::string* id);

}  // namespace hgj
