#!/usr/bin/env bash
# The site's output in a real browser (tests/browser/output_test.js, Debian's chromium
# through playwright-core): phone numbers never cut at 320–420 px in either mode, the
# find-my-building placeholder names a building of the site it is on, and the box finds
# a building the way residents type it. Two sites: the demo as it is, and a copy whose
# phones are landlines with an extension (the longest number a page shows) and whose
# estate has another name (a street that is not the demo's).
# A missing node, npm, chromium or python3 fails the test: it never skips.
set -euo pipefail
: "${HGJ:?HGJ must point at the hgj binary}" "${HGJ_SOURCE_DIR:?}"

fail() { echo "FAIL: $*"; exit 1; }
. "$HGJ_SOURCE_DIR/tests/e2e/lib/browser.sh"

work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2> /dev/null; then kill "$server_pid"; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The other street: every phone a page shows (steward, hotline, community office, grid
# leader and worker, property) is 0551-65603006 转12; 德平坝 is 桂花园 and 坊口新村, the
# first estate listed, is 桃源里.
long='0551-65603006 转12'
cp -r "$HGJ_SOURCE_DIR/content" "$work/content"
(
  cd "$work/content"
  sed -i "s/^phone = .*/phone = \"$long\"/" stewards/HF-001.md communities/tianping.md
  sed -i "s/^hotline = .*/hotline = \"$long\"/" site.toml
  sed -i "2s/,[^,]*,[^,]*,[^,]*,[^,]*\$/,陈国梁,$long,胡晓燕,$long/" grids.csv
  sed -i -e 's/德平坝/桂花园/g' -e 's/坊口新村/桃源里/g' -e "3s/,\$/,$long/" buildings.csv
)
grep -q '桂花园小区3幢.*转12' "$work/content/buildings.csv" && grep -q '^fkxc-01,桃源里1幢' "$work/content/buildings.csv" || fail "the copy's buildings.csv was not changed"
grep -q "胡晓燕,$long" "$work/content/grids.csv" || fail "the copy's grids.csv was not changed"

mkdir "$work/sites"
"$HGJ" build --content "$HGJ_SOURCE_DIR/content" --out "$work/sites/demo" > "$work/build.log" 2>&1 ||
  { cat "$work/build.log"; fail "hgj build of the demo failed"; }
"$HGJ" build --content "$work/content" --out "$work/sites/other" > "$work/build.log" 2>&1 ||
  { cat "$work/build.log"; fail "hgj build of the other street failed"; }

serve_static "$work/sites"

DEMO_URL="http://127.0.0.1:$port/demo/" OTHER_URL="http://127.0.0.1:$port/other/" LONG_PHONE="$long" \
  CHROMIUM="$chromium" timeout 480 node "$browser_dir/output_test.js"
