#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, and runs hgj on the
# demo content in content/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
./build/generator/hgj check --content content
