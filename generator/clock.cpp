#include "clock.h"

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <string>

#include "hgj/language.h"

namespace hgj {

Instant build_time() {
  const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
  if (epoch == nullptr || *epoch == '\0')
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  // Digits only, as reproducible-builds.org specifies: no sign, no spaces around it.
  char* end = nullptr;
  errno = 0;
  const long long value = std::strtoll(epoch, &end, 10);
  if (*epoch < '0' || *epoch > '9' || *end != '\0' || errno == ERANGE)
    throw BadSourceDateEpoch(
        say("环境变量 SOURCE_DATE_EPOCH 是“" + std::string(epoch) +
                "”，要写成从 1970-01-01 起的秒数（例如 1795465800），或者不设置",
            "SOURCE_DATE_EPOCH is \"" + std::string(epoch) +
                "\"; it must be a number of seconds since 1970-01-01 (e.g. 1795465800), or unset"));
  return value;
}

}  // namespace hgj
