#!/usr/bin/env bash
# Fails when a C or C++ file of the repository is not as clang-format (.clang-format:
# Google style, 100 columns) would write it. Fix with: scripts/format_check.sh --fix
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.h' '*.c')
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! clang-format --dry-run -Werror "${files[@]}" 2> "$log"; then
  grep -m 20 "error:" "$log" || true
  echo "format: $(grep -c "error:" "$log") places differ from .clang-format in" \
    "$(grep "error:" "$log" | cut -d: -f1 | sort -u | wc -l) files;" \
    "run scripts/format_check.sh --fix"
  exit 1
fi
echo "format: ${#files[@]} files as .clang-format writes them"
