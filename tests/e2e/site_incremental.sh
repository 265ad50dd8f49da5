#!/usr/bin/env bash
# Exact incremental builds of the whole output (site/pages/page_recipes.h, print/print_recipes.h):
# after each edit of a copy of the demo content and of a theme copy — a phone, a name, a
# photo swapped, a steward resigned or moved, an issue added, a template, a string, the
# date, then random sequences of the same — `hgj build` into the existing output must
# leave every file (pages, elder/ copies, feeds, search index, images, print/, kiosk/ and
# the records) byte for byte as a `--full` build into an empty folder does, render only
# the pages an edit touched, and say so. A record that cannot be trusted means rendering
# every page. A build killed midway leaves the previous output whole, and the next build
# is exact again.
set -uo pipefail
: "${HGJ:?HGJ must point at the hgj binary}" "${HGJ_SOURCE_DIR:?}"
command -v python3 > /dev/null || { echo "FAIL: python3 not found"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# HOME: the kiosk bundle's signing key is made there, the same for both builds.
export SOURCE_DATE_EPOCH=1795518000 HGJ_CACHE_DIR="$work/cache" HOME="$work/home"
unset LC_ALL LC_MESSAGES LANG  # the report in Chinese, as staff read it
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

edit="$HGJ_SOURCE_DIR/tests/e2e/lib/edit_content.py"
content="$work/content" theme="$work/theme"
cp -r "$HGJ_SOURCE_DIR/content" "$content"
cp -r "$HGJ_SOURCE_DIR/themes/default" "$theme"
step=0

# Every file with its digest, and every folder: a stale file or folder is a difference.
# (Not print/reprint.json: what changed against the output replaced, which a fresh
# folder does not have; print_incremental.sh checks it.)
snapshot() {
  (cd "$1" && find . -type f ! -path ./print/reprint.json -print0 | sort -z | xargs -0 sha256sum &&
    find . -type d | sort)
}
# The pages line of the build's report: "rendered kept".
pages() { sed -n 's/.*页面 重新生成 \([0-9,]*\) 个、沿用 \([0-9,]*\) 个.*/\1 \2/p' "$1" | tr -d ,; }

# Builds incrementally into $work/inc and afresh into $work/full; the whole outputs must
# match. $2: which pages the incremental build must have rendered — all, none, some
# (some but not all), any.
check() {
  local what=$1 expect=$2
  step=$((step + 1))
  "$HGJ" build --content "$content" --theme "$theme" --out "$work/inc" > /dev/null 2> "$work/inc.err" ||
    { cat "$work/inc.err"; fail "$what: incremental build"; return; }
  rm -rf "$work/full"
  "$HGJ" build --full --content "$content" --theme "$theme" --out "$work/full" > /dev/null 2> "$work/full.err" ||
    { cat "$work/full.err"; fail "$what: full build"; return; }
  diff <(snapshot "$work/inc") <(snapshot "$work/full") > "$work/diff" ||
    { head -8 "$work/diff"; fail "$what: the output differs from a --full build"; }
  [ -s "$work/inc/.page-recipes" ] || fail "$what: no .page-recipes"
  local counts rendered kept
  counts=$(pages "$work/inc.err")
  read -r rendered kept <<< "$counts"
  [ -n "$counts" ] || { fail "$what: no pages line: $(cat "$work/inc.err")"; return; }
  [ "$(pages "$work/full.err" | cut -d' ' -f2)" = 0 ] || fail "$what: --full kept pages: $(pages "$work/full.err")"
  case $expect in
    all) [ "$kept" -eq 0 ] || fail "$what: $kept pages kept though every page changed" ;;
    none) [ "$rendered" -eq 0 ] || fail "$what: $rendered pages rendered though none changed" ;;
    some) [ "$kept" -gt 0 ] && [ "$rendered" -gt 0 ] || fail "$what: rendered $rendered, kept $kept" ;;
  esac
  echo "site_incremental: $what: $(grep -h '页面\|公示牌\|触摸屏' "$work/inc.err" | sed 's/^hgj build: //' | tr '\n' ' ')"
}

# The first build, and the second (the output before last, which a build starts from,
# exists only from the third on).
check "first build" all
check "second build" all
check "no change" none
# The bundle's files too: the same bytes, signed the same, left alone.
grep '触摸屏数据包 重写 0 个文件' "$work/inc.err" > /dev/null || fail "no change: $(grep 触摸屏 "$work/inc.err")"
for kind in phone name resign move issue; do
  python3 "$edit" "$content" "$kind" "$step" || fail "edit $kind"
  check "$kind" some
  # The output before last did not have the edit either: the next build renders it again.
  check "$kind, built again" some
done
# Two stewards' photos swapped: the pages name the same files, which change.
python3 "$edit" "$content" photo "$step" || fail "edit photo"
check "photo" none
check "no change again" none
python3 "$edit" "$content" template "$step" "$theme" || fail "edit template"
check "template" some
python3 "$edit" "$content" string "$step" "$theme" || fail "edit string"
check "string" all
# The date: every page's footer says when it was made.
export SOURCE_DATE_EPOCH=$((SOURCE_DATE_EPOCH + 86400))
check "the next day" all
check "the next day, built again" all
check "no change on the next day" none

# Doubt means rendering every page: the record of the output a build starts from
# (the output before last) unreadable, or written by another hgj; a page of it gone.
printf 'hgj 0.0.1\n' > "$work/inc.previous/.page-recipes"
check "record of another hgj" all
sed -i '2s/^\(.\{33\}\)[0-9]*/\19/' "$work/inc.previous/.page-recipes"
check "record with a wrong size" some
rm "$work/inc.previous/index.html"
check "a page of the output before last gone" some
grep '页面 重新生成 1 个' "$work/inc.err" > /dev/null || fail "a page gone: $(grep 页面 "$work/inc.err")"

# Random sequences of the same edits (the seed is printed to replay a failure).
seed=${SITE_INCREMENTAL_SEED:-$RANDOM}
echo "site_incremental: random edits, seed $seed"
kinds=(phone name photo resign move issue template string new-character date)
for i in $(seq 1 10); do
  kind=${kinds[$(((seed * 7 + i * 13) % ${#kinds[@]}))]}
  if [ "$kind" = date ]; then
    export SOURCE_DATE_EPOCH=$((SOURCE_DATE_EPOCH + 86400))
  else
    python3 "$edit" "$content" "$kind" "$((seed + i))" "$theme" || fail "edit $kind"
  fi
  check "random $i: $kind" any
done

# Killed at any point: before the swap the previous output exactly, after it a whole new
# one; the next build is exact.
. "$HGJ_SOURCE_DIR/tests/e2e/lib/kill_builds.sh"
kill_during_builds "0.05 0.2 0.4 0.7 1.0" "$work/inc" .page-recipes kiosk/manifest.json -- \
  --content "$content" --theme "$theme"

[ "$failures" -eq 0 ] || { echo "site_incremental: $failures failures"; exit 1; }
echo "site_incremental: ok"
