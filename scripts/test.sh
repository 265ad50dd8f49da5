#!/usr/bin/env bash
# The README's second command: installs what is missing, builds with warnings as
# errors, runs every test (unit, end-to-end) through CTest, then the hardening checks
# (scripts/hardening.sh: the suite again under ASan + UBSan, crash safety, fuzzing,
# the kiosk soak under LeakSanitizer).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
scripts/deps.sh
scripts/build.sh -DHGJ_WERROR=ON
(cd build && ctest --output-on-failure -j "$(nproc)")
echo "test: build and tests took $((SECONDS - start)) s"
scripts/hardening.sh
echo "test: all done in $((SECONDS - start)) s"
