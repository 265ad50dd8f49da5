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
for tool in node npm python3; do
  command -v "$tool" > /dev/null || fail "$tool is missing (scripts/deps.sh installs it)"
done
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || fail "$chromium is missing (scripts/deps.sh installs Debian's chromium)"

work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2> /dev/null; then kill "$server_pid"; fi
  rm -rf "$work"
}
trap cleanup EXIT

browser_dir="$HGJ_SOURCE_DIR/tests/browser"
(cd "$browser_dir" && timeout 300 npm ci --prefer-offline --ignore-scripts --no-audit --no-fund --loglevel=error) ||
  fail "npm ci in tests/browser failed"

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

: > "$work/http.log"
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$work/sites" > "$work/http.log" 2>&1 &
server_pid=$!
port=
for _ in $(seq 1 100); do
  port=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$work/http.log" | head -n 1)
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2> /dev/null || { cat "$work/http.log"; fail "http.server exited"; }
  sleep 0.1
done
[ -n "$port" ] || fail "http.server did not start within 10 s"

DEMO_URL="http://127.0.0.1:$port/demo/" OTHER_URL="http://127.0.0.1:$port/other/" LONG_PHONE="$long" \
  CHROMIUM="$chromium" timeout 480 node "$browser_dir/output_test.js"
