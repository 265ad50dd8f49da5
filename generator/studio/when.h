// Times as staff read them on the workbench: 2026年12月7日 13:05 in the site's time zone.
#pragma once

#include <optional>
#include <string>

#include "hgj/recurrence.h"

namespace hgj::studio {

std::string local_time_text(Instant t, const std::string& timezone);
// 2026-12-07T05:00:00Z (what publication records hold) → an Instant; nullopt if not that form.
std::optional<Instant> parse_utc(const std::string& text);
// The same, or the text as written when it is not that form.
std::string local_time_text(const std::string& utc, const std::string& timezone);

}  // namespace hgj::studio
