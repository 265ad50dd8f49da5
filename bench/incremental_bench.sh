#!/usr/bin/env bash
# What an edit costs `hgj build` with the boards and cards on: a full build, then
# rebuilds into the same output (print/ takes every board whose recipe is unchanged from
# the output it replaces, print/print_recipes.h) with no change, and after one
# steward's phone changed; last a `--full` build of that same content, for the ratio in
# the same run.
#
#   bench/incremental_bench.sh [--scale S] [--content DIR] [--hgj PATH] [--kiosk]
#
# --scale: a bench/make_dataset city at that scale (cached in bench/.cache/, as for
#          print_bench.sh); scale 1 is 5,000 buildings. --content: a folder instead.
# --kiosk: include the kiosk bundle (not reused yet); left out by default.
# Prints a Markdown table; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=1 content="" hgj=${HGJ:-build/generator/hgj} kiosk=(--no-kiosk)
while [ $# -gt 0 ]; do
  case $1 in
    --scale) scale=$2; shift 2 ;;
    --content) content=$2; shift 2 ;;
    --hgj) hgj=$2; shift 2 ;;
    --kiosk) kiosk=(); shift ;;
    *) echo "usage: $0 [--scale S] [--content DIR] [--hgj PATH] [--kiosk]" >&2; exit 2 ;;
  esac
done
[ -x "$hgj" ] || { echo "$hgj not built (scripts/build.sh)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing: apt-get install time" >&2; exit 2; }
if [ -z "$content" ]; then
  content=bench/.cache/print-scale-$scale/content
  [ -d "$content" ] || bench/make_dataset "$content" --scale "$scale" > /dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$content" "$work/content"  # the phone is changed in a copy
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795518000} HGJ_CACHE_DIR="$work/cache"
unset LC_ALL LC_MESSAGES LANG  # the print report in Chinese, as the table expects

# build NAME OUT [ARGS…]: one timed `hgj build`; keeps wall time and the print report.
build() {
  local name=$1 out=$2
  shift 2
  sync
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$hgj" build --content "$work/content" --out "$out" \
    "${kiosk[@]}" "$@" > /dev/null 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
  read -r wall user sys < "$work/time"
  report=$(sed -n 's/^hgj build: \(公示牌.*\)$/\1/p' "$work/err")
  echo "$name: $wall s wall, $user + $sys s CPU; $report" >&2  # as it goes
  echo "$name|$wall|$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')|$report" >> "$work/rows"
}

build "full build, empty folder" "$work/out"
build "no change" "$work/out"
stewards=("$work/content/stewards/"*.md)  # (not ls | head: SIGPIPE under pipefail)
sed -i 's/^phone = .*/phone = "139 9999 0001"/' "${stewards[0]}"
build "one steward's phone changed" "$work/out"
build "the same content, --full" "$work/full" --full

full=$(sed -n 4p "$work/rows" | cut -d'|' -f2)
boards=$(find "$work/out/print/boards" -name '*.pdf' | wc -l)
bundle=$([ ${#kiosk[@]} -eq 0 ] && echo "kiosk bundle on" || echo "no kiosk bundle")
echo "| hgj build ($boards boards, $bundle, $(nproc) cores) | wall s | CPU s | wall vs --full | print report |"
echo "|---|---|---|---|---|"
while IFS='|' read -r name wall cpu report; do
  awk -v n="$name" -v w="$wall" -v c="$cpu" -v f="$full" -v r="$report" \
    'BEGIN { printf "| %s | %.2f | %.2f | %.3f | %s |\n", n, w, c, w / f, r }'
done < "$work/rows"
cmp -s <(cd "$work/out/print" && find . -type f -print0 | sort -z | xargs -0 sha256sum) \
       <(cd "$work/full/print" && find . -type f -print0 | sort -z | xargs -0 sha256sum) &&
  echo "print/ of the incremental build and of --full: byte-identical" ||
  echo "print/ of the incremental build and of --full DIFFER"
