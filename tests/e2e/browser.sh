#!/usr/bin/env bash
# The real-browser test: builds the demo site, serves it on 127.0.0.1 with python3's
# http.server (the static output as it is deployed), and runs tests/browser/site_test.js
# in Debian's chromium through playwright-core: find-my-building, tel: links, axe-core
# (WCAG 2 A/AA) with zero violations, the 适老化 checks at 390 and 1280 px in normal and
# 长辈模式 (docs/accessibility.md), read-aloud, screenshots in $HGJ_BUILD_DIR/screenshots/.
# Then an open page under `hgj serve` must reload on a change and show a content error,
# and the error overlay must speak the run's language with its caret in place.
# A missing node, npm, chromium or python3 fails the test: it never skips.
set -euo pipefail
: "${HGJ:?HGJ must point at the hgj binary}" "${HGJ_SOURCE_DIR:?}" "${HGJ_BUILD_DIR:?}"

fail() { echo "FAIL: $*"; exit 1; }
. "$HGJ_SOURCE_DIR/tests/e2e/lib/browser.sh"

work=$(mktemp -d)
server_pid=
serve_pid=
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2> /dev/null; then kill "$server_pid"; fi
  if [ -n "$serve_pid" ] && kill -0 "$serve_pid" 2> /dev/null; then kill "$serve_pid"; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$HGJ" build --content "$HGJ_SOURCE_DIR/content" --out "$work/public" > "$work/build.log" 2>&1 ||
  { cat "$work/build.log"; fail "hgj build of the demo failed"; }

serve_static "$work/public"

# `hgj serve` of a scratch copy of the content, for the live-reload check.
cp -r "$HGJ_SOURCE_DIR/content" "$work/content"
"$HGJ" serve --port 0 --content "$work/content" --out "$work/serve-public" > "$work/serve.log" 2>&1 &
serve_pid=$!
serve_url=
for _ in $(seq 1 300); do
  serve_url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/serve.log" | head -n 1) || true
  [ -n "$serve_url" ] && break
  kill -0 "$serve_pid" 2> /dev/null || { cat "$work/serve.log"; fail "hgj serve exited"; }
  sleep 0.1
done
[ -n "$serve_url" ] || fail "hgj serve did not start within 30 s"

screenshots="$HGJ_BUILD_DIR/screenshots"
rm -rf "$screenshots"
BASE_URL="http://127.0.0.1:$port/" SCREENSHOT_DIR="$screenshots" CHROMIUM="$chromium" \
  SERVE_URL="$serve_url" SERVE_CONTENT="$work/content" \
  timeout 480 node "$browser_dir/site_test.js"
# The preview's error overlay: Chinese by default and English with --lang en, its caret
# under the character it points at from 360 px up (serve_overlay_test.js starts its own
# `hgj serve` runs).
HGJ="$HGJ" SCREENSHOT_DIR="$screenshots" CHROMIUM="$chromium" \
  timeout 240 node "$browser_dir/serve_overlay_test.js"
