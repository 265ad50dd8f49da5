#include "clock.h"

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace hgj {

Instant build_time() {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    std::size_t used = 0;
    const long long value = std::stoll(epoch, &used);
    if (used != std::string(epoch).size()) throw std::invalid_argument("SOURCE_DATE_EPOCH");
    return value;
  }
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace hgj
