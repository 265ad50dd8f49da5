// "Now" for a build: SOURCE_DATE_EPOCH when set (reproducible builds), else the clock.
#pragma once

#include "hgj/recurrence.h"

namespace hgj {

// Throws std::invalid_argument when SOURCE_DATE_EPOCH is set but not a number.
Instant build_time();

}  // namespace hgj
