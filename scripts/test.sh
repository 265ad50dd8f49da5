#!/usr/bin/env bash
# The README's second command: installs what is missing, builds with warnings as
# errors, and runs every test (unit, end-to-end) through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh -DHGJ_WERROR=ON
cd build
ctest --output-on-failure -j "$(nproc)"
