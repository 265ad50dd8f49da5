#!/usr/bin/env bash
# A 紧急 notice from the demo content through `hgj bundle` to `hgj-kiosk --screenshot`:
# the kiosk says in its log that the notice is on screen from its start (even at night)
# to the end of its expiry day, and says nothing of it before or after; a screen of
# another community is not taken over.
set -euo pipefail
: "${HGJ:?}" "${HGJ_KIOSK:?}" "${HGJ_SOURCE_DIR:?}"
cd "$HGJ_SOURCE_DIR"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SDL_VIDEODRIVER=offscreen SOURCE_DATE_EPOCH=1795465800  # 2026-11-24 04:30 in Shanghai
cp -r content "$tmp/content"
cat > "$tmp/content/notices/2026-11-urgent-water.md" <<'MD'
+++
title = "德平坝小区今晨紧急停水"
date = 2026-11-23
start = 2026-11-24T04:00:00
expires = 2026-11-24
scope = ["tianping"]
"紧急" = true
+++
水管爆裂，正在抢修，预计中午12点前恢复供水。
MD
"$HGJ" bundle --content "$tmp/content" --out "$tmp/kiosk" >/dev/null 2>"$tmp/bundle.err" ||
  { cat "$tmp/bundle.err"; fail "hgj bundle failed"; }

passed=0
shot() {  # name, building, time, then "on" or "off"
  "$HGJ_KIOSK" --bundle "$tmp/kiosk" --building "$2" --at "$3" --screenshot "$tmp/$1.png" \
    --state-dir "$tmp/state" 2>"$tmp/$1.err" || { cat "$tmp/$1.err"; fail "$1: hgj-kiosk failed"; }
  if [ "$4" = on ]; then
    grep -qx "hgj-kiosk: urgent notice 2026-11-urgent-water on screen" "$tmp/$1.err" ||
      { cat "$tmp/$1.err"; fail "$1: the urgent notice is not on screen"; }
  elif grep -q "urgent notice" "$tmp/$1.err"; then
    cat "$tmp/$1.err"; fail "$1: an urgent notice on screen"
  fi
  passed=$((passed + 1))
}
shot before dpb-03 2026-11-24T03:59 off
shot start dpb-03 2026-11-24T04:00 on     # at night by the demo's 23:00–06:00
shot noon dpb-03 2026-11-24T12:00 on
shot last-minute dpb-03 2026-11-24T23:59 on
shot after dpb-03 2026-11-25T00:00 off
shot elsewhere fkxc-01 2026-11-24T12:00 off  # 坊口街社区: not in the notice's scope
echo "$passed passed, 0 failed"
