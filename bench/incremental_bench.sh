#!/usr/bin/env bash
# What an edit costs `hgj build` with the boards, cards and kiosk bundle on: a full build,
# then rebuilds into the same output — pages kept by recipe (site/pages/page_recipes.h), boards
# by theirs (print/print_recipes.h), bundle files left alone when unchanged — with no
# change, one steward's phone changed, one issue added, one page template changed; last a
# `--full` build of that same content, and Hugo building the equivalent site
# (bench/hugo_site.py, as bench/run makes it) afresh and over its own output, for the
# ratios in the same run.
#
#   bench/incremental_bench.sh [--scale S] [--content DIR] [--hgj PATH] [--no-kiosk]
#                              [--no-hugo]
#
# --scale: a bench/make_dataset city at that scale (cached in bench/.cache/, as for
#          print_bench.sh); scale 1 is 5,000 buildings. --content: a folder instead.
# HGJ_TIMINGS is set: each build's stages (load, assemble, render, print, bundle,
# publish) are printed to stderr as it goes. Prints a Markdown table; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=1 content="" hgj=${HGJ:-build/generator/hgj} kiosk=() hugo=1
while [ $# -gt 0 ]; do
  case $1 in
    --scale) scale=$2; shift 2 ;;
    --content) content=$2; shift 2 ;;
    --hgj) hgj=$2; shift 2 ;;
    --no-kiosk) kiosk=(--no-kiosk); shift ;;
    --no-hugo) hugo=0; shift ;;
    *) echo "usage: $0 [--scale S] [--content DIR] [--hgj PATH] [--no-kiosk] [--no-hugo]" >&2; exit 2 ;;
  esac
done
[ -x "$hgj" ] || { echo "$hgj not built (scripts/build.sh)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing: apt-get install time" >&2; exit 2; }
if [ "$hugo" = 1 ] && ! command -v hugo > /dev/null; then
  echo "hugo missing: apt-get install hugo (or --no-hugo)" >&2; exit 2
fi
if [ -z "$content" ]; then
  content=bench/.cache/print-scale-$scale/content
  [ -d "$content" ] || bench/make_dataset "$content" --scale "$scale" > /dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$content" "$work/content"  # edited in a copy
cp -r themes/default "$work/theme"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795518000} HGJ_CACHE_DIR="$work/cache" \
  HOME="$work/home" HGJ_TIMINGS=1
unset LC_ALL LC_MESSAGES LANG  # the reports in Chinese, as the table expects

# row NAME WALL CPU REPORT: one line of the table.
row() { echo "$1|$2|$3|$4" >> "$work/rows"; }
# timed NAME COMMAND…: wall and CPU seconds of one command into $work/time.
timed() {
  local name=$1
  shift
  sync
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" > /dev/null 2> "$work/err" ||
    { cat "$work/err" >&2; exit 1; }
  read -r wall user sys < "$work/time"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
}
# build NAME OUT [ARGS…]: one timed `hgj build`, with its reports and stage times.
build() {
  local name=$1 out=$2
  shift 2
  timed "$name" "$hgj" build --content "$work/content" --theme "$work/theme" --out "$out" \
    "${kiosk[@]}" "$@"
  report=$(sed -n 's/^hgj build: \(页面.*\|公示牌.*\|触摸屏.*\)$/\1/p' "$work/err" | paste -sd' ')
  stages=$(sed -n 's/^hgj build: \([a-z ]*\) \([0-9.e-]*\) s$/\1 \2/p' "$work/err" |
    awk '{ t = $NF; $NF = ""; printf "%s%s%.2f", sep, $0, t; sep = ", " }')
  pages=$(sed -n 's/^hgj build: \([0-9]*\) 个页面、.*/\1/p' "$work/err")
  echo "$name: $wall s wall, $cpu s CPU; $report; stages: $stages" >&2  # as it goes
  row "$name" "$wall" "$cpu" "$report<br>stages (s): $stages"
}

build "full build, empty folder" "$work/out"
# The first rebuild has no output before last to start from (publish.h): every page.
build "rebuild, no output before last yet" "$work/out"
build "no change" "$work/out"
stewards=("$work/content/stewards/"*.md)  # (not ls | head: SIGPIPE under pipefail)
sed -i 's/^phone = .*/phone = "139 9999 0001"/' "${stewards[0]}"
build "one steward's phone changed" "$work/out"
python3 - "$work/content/issues.csv" <<'PY'
import sys
path = sys.argv[1]
lines = open(path, encoding="utf-8-sig").read().rstrip("\n").split("\n")
fields = lines[-1].split(",")
fields[0] = "I999999"
open(path, "a", encoding="utf-8").write(",".join(fields) + "\n")
PY
build "one issue added" "$work/out"
echo "<!-- a changed template -->" >> "$work/theme/templates/notice.mustache"
build "one template changed (notice.mustache)" "$work/out"
build "the same content, --full" "$work/full" --full

if [ "$hugo" = 1 ]; then
  # The equivalent Hugo site, from the pages hgj wrote (bench/run's way).
  python3 - "$work/content" "$work/hugo-site" "$work/out" <<'PY'
import os, sys
sys.path.insert(0, "bench")
import hugo_site
content, site, out = sys.argv[1:]
files = []
for d, dirs, names in os.walk(out):
    dirs.sort()
    for n in sorted(names):
        full = os.path.join(d, n)
        files.append((os.path.relpath(full, out), os.path.getsize(full)))
hugo_site.write_site(content, site, files, out)
PY
  hugo_build() {
    timed "$1" hugo --quiet --source "$work/hugo-site" --destination "$work/hugo-public" \
      --cacheDir "$work/hugo-cache"
    echo "$1: $wall s wall, $cpu s CPU" >&2
    row "$1" "$wall" "$cpu" "$(find "$work/hugo-public" -name '*.html' | wc -l) HTML pages"
  }
  hugo_build "Hugo, the equivalent site, empty folder"
  hugo_build "Hugo rebuild over its output (what it does for any edit)"
fi

full=$(grep -- '--full|' "$work/rows" | cut -d'|' -f2)
hugo_again=$(grep '^Hugo rebuild' "$work/rows" | cut -d'|' -f2 || true)
boards=$(find "$work/out/print/boards" -name '*.pdf' | wc -l)
bundle=$([ ${#kiosk[@]} -eq 0 ] && echo "kiosk bundle on" || echo "no kiosk bundle")
echo "| build ($pages pages, $boards boards, $bundle, $(nproc) cores) | wall s | CPU s | wall ÷ hgj --full | wall ÷ Hugo rebuild | report |"
echo "|---|---|---|---|---|---|"
while IFS='|' read -r name wall cpu report; do
  awk -v n="$name" -v w="$wall" -v c="$cpu" -v f="$full" -v h="${hugo_again:-0}" -v r="$report" \
    'BEGIN { printf "| %s | %.2f | %.2f | %.3f | %s | %s |\n", n, w, c, w / f, (h > 0 ? sprintf("%.2f", w / h) : "—"), r }'
done < "$work/rows"
# The incremental output must be the --full one, byte for byte (but print/reprint.json,
# what changed against the output each replaced).
snapshot() { (cd "$1" && find . -type f ! -path ./print/reprint.json -print0 | sort -z | xargs -0 sha256sum); }
cmp -s <(snapshot "$work/out") <(snapshot "$work/full") &&
  echo "the incremental output and the --full one: byte-identical" ||
  echo "the incremental output and the --full one DIFFER"
