// "Now" for a build: SOURCE_DATE_EPOCH when set (reproducible builds), else the clock.
#pragma once

#include <stdexcept>

#include "hgj/recurrence.h"

namespace hgj {

// SOURCE_DATE_EPOCH is set but is not a whole number of seconds. what() is the one message
// every command prints for it, naming the variable and the value found.
struct BadSourceDateEpoch : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws BadSourceDateEpoch when SOURCE_DATE_EPOCH is set but not a number.
Instant build_time();

}  // namespace hgj
