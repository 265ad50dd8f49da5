#!/usr/bin/env bash
# The README's second command: installs what is missing, checks the house format
# (scripts/format_check.sh), builds with warnings as
# errors, runs every test (unit, end-to-end) through CTest, as root the Debian packages
# (tests/package/deb_check.sh), then the hardening checks
# (scripts/hardening.sh: the suite again under ASan + UBSan, crash safety, fuzzing,
# the kiosk soak under LeakSanitizer).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
scripts/deps.sh
scripts/format_check.sh
scripts/build.sh -DHGJ_WERROR=ON
(cd build && ctest --output-on-failure -j "$(nproc)")
echo "test: build and tests took $((SECONDS - start)) s"
# The .deb packages, installed and run as an operator would (needs root: CI is).
if [ "$(id -u)" -eq 0 ] && [ -f /etc/debian_version ]; then
  tests/package/deb_check.sh build
fi
scripts/hardening.sh
echo "test: all done in $((SECONDS - start)) s"
