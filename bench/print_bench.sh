#!/usr/bin/env bash
# Boards per second for `hgj print` (公示牌 + 联户卡 + community files).
#
#   bench/print_bench.sh [--content DIR | --scale S] [--paper A3|A4] [--jobs N] [--hgj PATH]
#
# --content: an existing content folder (default: the demo in content/).
# --scale:   a city-scale dataset from bench/make_dataset at that scale (cached in
#            bench/.cache/); scale 1 is 5,000 buildings and 10,000 stewards.
# Prints one Markdown table row; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
content=content scale="" paper=A3 jobs=0 hgj=${HGJ:-build/generator/hgj}
while [ $# -gt 0 ]; do
  case $1 in
    --content) content=$2; shift 2 ;;
    --scale) scale=$2; shift 2 ;;
    --paper) paper=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --hgj) hgj=$2; shift 2 ;;
    *) echo "usage: $0 [--content DIR | --scale S] [--paper A3|A4] [--jobs N] [--hgj PATH]" >&2; exit 2 ;;
  esac
done
[ -x "$hgj" ] || { echo "$hgj not built (scripts/build.sh)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing: apt-get install time" >&2; exit 2; }
if [ -n "$scale" ]; then
  content=bench/.cache/print-scale-$scale/content
  [ -d "$content" ] || bench/make_dataset "$content" --scale "$scale" > /dev/null
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795518000}
/usr/bin/time -f '%e %U %S %M' -o "$out/time" \
  "$hgj" print --content "$content" --out "$out/print" --paper "$paper" -j "$jobs" > "$out/summary" 2> "$out/stderr" ||
  { cat "$out/stderr" >&2; exit 1; }
read -r wall user sys rss < "$out/time"
boards=$(find "$out/print/boards" -name '*.pdf' | wc -l)
bytes=$(du -sb "$out/print" | cut -f1)
avg_board=$(find "$out/print/boards" -name '*.pdf' -printf '%s\n' | awk '{s += $1} END {printf "%.0f", s / NR / 1024}')
cores=$(nproc)
echo "| content | paper | boards | wall s | boards/s | CPU s | boards per CPU s | output MB | KB per board PDF | peak RSS MB | cores |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
awk -v c="$content" -v p="$paper" -v b="$boards" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" \
    -v by="$bytes" -v ab="$avg_board" -v n="$cores" 'BEGIN {
  printf "| %s | %s | %d | %.2f | %.1f | %.2f | %.1f | %.1f | %d | %.0f | %d |\n",
         c, p, b, w, b / w, u + s, b / (u + s), by / 1048576, ab, m / 1024, n }'
