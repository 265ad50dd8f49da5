#!/usr/bin/env bash
# Crash safety: `hgj build` of a scale-0.1 city (bench/make_dataset) killed with
# SIGKILL at random points, 10 runs. After every kill the output folder must be exactly
# the previous build or exactly the new one (compared file by file with the manifests
# of two complete builds), and the next build clears what the killed one left beside it
# (all but site.previous, the output before last, which a build starts from, and
# site.hgj-publication, the record of the content last published, diff/publication.h).
#   HGJ=build/generator/hgj tests/hardening/crash_safety.sh [runs] [scale]
set -euo pipefail
: "${HGJ:?HGJ must point at the hgj binary}"
cd "$(dirname "$0")/../.."
fail() { echo "FAIL: $*"; exit 1; }
runs=${1:-10}
scale=${2:-0.1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795465800

bench/make_dataset "$tmp/old" --scale "$scale" --seed 7 2>/dev/null || fail "make_dataset failed"
cp -r "$tmp/old" "$tmp/new"
# The new content differs everywhere: the site title is on every page, PDF and the bundle.
sed -i 's/^title = "\(.*\)"/title = "\1（新）"/' "$tmp/new/site.toml"
grep -q '（新）' "$tmp/new/site.toml" || fail "could not change the title in site.toml"

# Every file under $1 with its SHA-256, one per line, sorted. Not print/reprint.json: it
# lists what changed against the output a build replaced, which the two reference builds,
# made into fresh folders, did not have.
manifest() {
  (cd "$1" && find . -type f ! -path ./print/reprint.json -print0 | sort -z | xargs -0 sha256sum)
}
"$HGJ" build --content "$tmp/old" --out "$tmp/ref-old" >/dev/null 2>"$tmp/err" || { cat "$tmp/err"; fail "build old"; }
"$HGJ" build --content "$tmp/new" --out "$tmp/ref-new" >/dev/null 2>"$tmp/err" || { cat "$tmp/err"; fail "build new"; }
manifest "$tmp/ref-old" >"$tmp/old.sums"
manifest "$tmp/ref-new" >"$tmp/new.sums"
cmp -s "$tmp/old.sums" "$tmp/new.sums" && fail "the two builds are the same"

# The build each run kills: the new content over the old output, starting from the output
# before last (kept as site.previous) and rewriting it in place — a kill then leaves a
# half-rewritten folder beside the output, never in it. It reuses what it can, so it is
# timed itself (not the first build) to spread the kills over it.
set_up_run() {
  rm -rf "$tmp/site" "$tmp/site.previous"
  cp -a "$tmp/ref-old" "$tmp/site"
  cp -a "$tmp/ref-old" "$tmp/site.previous"
}
set_up_run
start=$(date +%s%N)
"$HGJ" build --content "$tmp/new" --out "$tmp/site" >/dev/null 2>"$tmp/err" || { cat "$tmp/err"; fail "the rebuild"; }
build_ms=$((($(date +%s%N) - start) / 1000000))
echo "crash_safety: the rebuild takes ${build_ms} ms, $(wc -l <"$tmp/old.sums") files"

old=0 new=0
for i in $(seq "$runs"); do
  set_up_run
  # Anywhere from the start to just past the expected end (the swap itself included).
  delay_ms=$(((RANDOM * 32768 + RANDOM) % (build_ms * 11 / 10 + 1)))
  "$HGJ" build --content "$tmp/new" --out "$tmp/site" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ -d "$tmp/site" ] || fail "run $i (killed after ${delay_ms} ms): the output folder is gone"
  manifest "$tmp/site" >"$tmp/current.sums"
  if cmp -s "$tmp/current.sums" "$tmp/old.sums"; then
    old=$((old + 1)); state=previous
  elif cmp -s "$tmp/current.sums" "$tmp/new.sums"; then
    new=$((new + 1)); state=new
  else
    diff "$tmp/old.sums" "$tmp/current.sums" | head -5 || true
    diff "$tmp/new.sums" "$tmp/current.sums" | head -5 || true
    fail "run $i (killed after ${delay_ms} ms): the output is neither the previous build nor the new one"
  fi
  echo "crash_safety: run $i killed after ${delay_ms} ms: the $state build"
done

# What the killed builds left beside the output goes with the next build.
"$HGJ" build --content "$tmp/new" --out "$tmp/site" >/dev/null 2>&1 || fail "a build after the kills failed"
manifest "$tmp/site" | cmp -s - "$tmp/new.sums" || fail "the build after the kills differs from the new build"
leftovers=$(find "$tmp" -maxdepth 1 -name 'site.*' ! -name site.previous ! -name site.hgj-publication)
[ -z "$leftovers" ] || fail "left beside the output: $leftovers"
# The record kept beside it is of the content the last build published.
cmp -s "$tmp/new/site.toml" "$tmp/site.hgj-publication/content/site.toml" ||
  fail "the publication record is not of the content last built"
echo "crash_safety: $runs kills, $old left the previous build, $new the new one: ok"
