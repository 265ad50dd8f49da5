#!/usr/bin/env bash
# hgj-kiosk --screenshot on the demo bundle and on every fault: each writes a PNG and
# exits 0; a bad command line exits 2 with a one-line reason.
set -euo pipefail
: "${HGJ:?}" "${HGJ_KIOSK:?}" "${HGJ_SOURCE_DIR:?}"
cd "$HGJ_SOURCE_DIR"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SDL_VIDEODRIVER=offscreen
"$HGJ" bundle --content content --out "$tmp/kiosk" >/dev/null 2>&1 || fail "hgj bundle failed"

png() { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; }
passed=0
shot() {  # name, then kiosk arguments
  local name=$1; shift
  "$HGJ_KIOSK" --screenshot "$tmp/$name.png" --state-dir "$tmp/state-$name" "$@" 2>"$tmp/$name.err" ||
    { cat "$tmp/$name.err"; fail "$name: exit $?"; }
  png "$tmp/$name.png" || fail "$name: not a PNG"
  passed=$((passed + 1))
}
shot portrait --bundle "$tmp/kiosk" --building dpb-03 --size 1080x1920 --at 2026-11-25T09:30
shot landscape --bundle "$tmp/kiosk" --building dpb-03 --size 1920x1080 --slide 3
shot rotated --bundle "$tmp/kiosk" --building dpb-03 --size 1920x1080 --rotate 90
shot unknown --bundle "$tmp/kiosk" --building no-such-building
grep -q 'building "no-such-building" is not in the bundle' "$tmp/unknown.err" || fail "unknown building not logged"
shot missing --bundle "$tmp/nowhere" --building dpb-03
cp -r "$tmp/kiosk" "$tmp/broken"
printf '{"cut' > "$tmp/broken/bundle.json"
shot broken --bundle "$tmp/broken" --building dpb-03
grep -q "bundle.json" "$tmp/broken.err" || fail "the broken bundle's reason was not logged"
shot url-down --bundle http://127.0.0.1:9/kiosk/ --building dpb-03

set +e
"$HGJ_KIOSK" --bundle x --building y --rotate 45 2>"$tmp/usage.err"; code=$?
set -e
[ "$code" -eq 2 ] || fail "bad --rotate: exit $code, want 2"
grep -q -- "--rotate must be 0, 90, 180 or 270, got 45" "$tmp/usage.err" || fail "bad --rotate message"
"$HGJ_KIOSK" --help | grep -- "--screenshot" >/dev/null || fail "--help does not list --screenshot"
echo "$((passed + 2)) passed, 0 failed"
