#!/usr/bin/env bash
# A publisher whose generated_at is ahead of its own clock (SOURCE_DATE_EPOCH in the
# future): `hgj bundle` and `hgj build` warn, in Chinese and with --lang en, and still
# publish; a time in the past says nothing. A screen whose clock reads hours before such
# a bundle keeps its clock (says so in its log) instead of blanking it.
set -euo pipefail
: "${HGJ:?}" "${HGJ_KIOSK:?}" "${HGJ_SOURCE_DIR:?}"
cd "$HGJ_SOURCE_DIR"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SDL_VIDEODRIVER=offscreen
. "$HGJ_SOURCE_DIR/tests/e2e/lib/chinese_messages.sh"

ahead=$(( $(date +%s) + 3 * 86400 + 600 ))  # 3 days and 10 minutes ahead
iso=$(date -u -d "@$ahead" +%Y-%m-%dT%H:%M:%SZ)
want_zh="SOURCE_DATE_EPOCH: 警告：数据包的生成时间 $iso 比本机时钟快 3 天：各屏幕仍按自己的时钟显示时间和夜间模式，但请检查 SOURCE_DATE_EPOCH 和本机时间"
want_en="SOURCE_DATE_EPOCH: warning: the bundle's generated_at $iso is 3 days ahead of this machine's clock: screens still go by their own clocks for the time and night mode, but check SOURCE_DATE_EPOCH and this machine's time"

SOURCE_DATE_EPOCH=$ahead "$HGJ" bundle --content content --out "$tmp/kiosk" >/dev/null 2>"$tmp/bundle.err" ||
  { cat "$tmp/bundle.err"; fail "hgj bundle failed"; }
grep -qxF "$want_zh" "$tmp/bundle.err" || { cat "$tmp/bundle.err"; fail "hgj bundle: no warning about the future"; }
[ -f "$tmp/kiosk/manifest.json" ] || fail "hgj bundle did not publish"

SOURCE_DATE_EPOCH=$ahead "$HGJ" bundle --content content --out "$tmp/kiosk-en" --lang en >/dev/null 2>"$tmp/en.err" ||
  { cat "$tmp/en.err"; fail "hgj bundle --lang en failed"; }
grep -qxF "$want_en" "$tmp/en.err" || { cat "$tmp/en.err"; fail "hgj bundle --lang en: no warning"; }

SOURCE_DATE_EPOCH=$ahead "$HGJ" build --content content --out "$tmp/site" >/dev/null 2>"$tmp/build.err" ||
  { cat "$tmp/build.err"; fail "hgj build failed"; }
grep -qxF "$want_zh" "$tmp/build.err" || { cat "$tmp/build.err"; fail "hgj build: no warning about the future"; }

SOURCE_DATE_EPOCH=1795132800 "$HGJ" bundle --content content --out "$tmp/past" >/dev/null 2>"$tmp/past.err" ||
  { cat "$tmp/past.err"; fail "hgj bundle (past) failed"; }
if grep -q SOURCE_DATE_EPOCH "$tmp/past.err"; then cat "$tmp/past.err"; fail "a past SOURCE_DATE_EPOCH warned"; fi

# The screen at its own time, 3 days before the bundle: it keeps its clock and says why.
"$HGJ_KIOSK" --bundle "$tmp/kiosk" --building dpb-03 --screenshot "$tmp/shot.png" --state-dir "$tmp/state" \
  2>"$tmp/kiosk.err" || { cat "$tmp/kiosk.err"; fail "hgj-kiosk failed"; }
grep -qE "^hgj-kiosk: the bundle was made 7[0-9] hours ahead of this screen's clock \(the publisher's clock runs fast\?\): showing this screen's time$" \
  "$tmp/kiosk.err" || { cat "$tmp/kiosk.err"; fail "the kiosk did not keep its own clock"; }
echo "5 passed, 0 failed"
