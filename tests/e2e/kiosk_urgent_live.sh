#!/usr/bin/env bash
# An urgent notice reaching a running screen (issue #24): a real hgj-kiosk syncs over HTTP
# from Debian's nginx serving the shipped site that `hgj build` made of a copy of the
# demo; an urgent notice added and built is on screen within the issue's limit (60 s; its
# urgent.json is polled between the full polls), and once rebuilt as ended (its expiry
# day past) it is off screen within the same limit. Prints the seconds each took.
set -euo pipefail
: "${HGJ:?}" "${HGJ_KIOSK:?}" "${HGJ_SOURCE_DIR:?}"
cd "$HGJ_SOURCE_DIR"
fail() { echo "FAIL: $*"; [ -f "$tmp/kiosk.err" ] && cat "$tmp/kiosk.err"; exit 1; }
command -v python3 > /dev/null || fail "python3 is required"
tmp=$(mktemp -d)
. "$HGJ_SOURCE_DIR/tests/e2e/lib/nginx.sh"
kiosk=
trap '[ -n "$kiosk" ] && { kill $kiosk; wait $kiosk; } 2>/dev/null; stop_nginx; rm -rf "$tmp"' EXIT
export SDL_VIDEODRIVER=offscreen

cp -r content "$tmp/content"
build() {
  "$HGJ" build --content "$tmp/content" --out "$tmp/site" --no-print > "$tmp/build.log" 2>&1 ||
    { cat "$tmp/build.log"; fail "hgj build failed"; }
}
build
port=$(free_port)
local_status_site_conf "$port" "$tmp/site" "$tmp/status"
start_nginx "$tmp/nginx" "$server" "$port"
url="http://127.0.0.1:$port/kiosk/"

# The full poll every 5 minutes, far past the limit: only the urgent poll can be in time.
printf '[sync]\npoll_seconds = 300\njitter_seconds = 0\nretry_seconds = 1\nurgent_poll_seconds = 2\n' > "$tmp/kiosk.toml"
"$HGJ_KIOSK" --bundle "$url" --building dpb-03 --size 540x960 --config "$tmp/kiosk.toml" \
  --state-dir "$tmp/state" 2> "$tmp/kiosk.err" &
kiosk=$!
limit=60
# Sets took to the seconds from now until LINE is in the kiosk's log; fails past the limit.
took=
seconds_until() {  # line, description
  local start=$EPOCHREALTIME
  for _ in $(seq $((limit * 10))); do
    if grep -qx "hgj-kiosk: $1" "$tmp/kiosk.err"; then
      took=$(python3 -c "import sys; print('%.1f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$start" "$EPOCHREALTIME")
      return 0
    fi
    sleep 0.1
  done
  fail "$2 within $limit s"
}
wait_for() {  # seconds, description, test command…
  local seconds=$1 what=$2; shift 2
  for _ in $(seq $((seconds * 10))); do "$@" && return 0; sleep 0.1; done
  fail "$what (after ${seconds} s)"
}
wait_for 15 "the kiosk kept no bundle" test -L "$tmp/state/current"
grep -q "urgent notice" "$tmp/kiosk.err" && fail "an urgent notice on screen before one was published"
passed=0

# The notice: from a minute ago to the end of today, in the site's time zone, in scope of
# the screen's building (德平坝 dpb-03 is in 天平社区).
notice() {  # start, expires
  cat > "$tmp/content/notices/urgent-live-water.md" << MD
+++
title = "德平坝小区紧急停水"
date = ${2}
start = $1
expires = $2
scope = ["tianping"]
urgent = true
+++
水管爆裂，正在抢修。
MD
}
notice "$(TZ=Asia/Shanghai date -d '-1 min' +%Y-%m-%dT%H:%M:%S)" "$(TZ=Asia/Shanghai date +%F)"
build
seconds_until "urgent notice urgent-live-water on screen" "the urgent notice was not on screen"
echo "urgent notice on screen $took s after the build"
passed=$((passed + 1))

# Ended: the same notice, its expiry day yesterday, built again.
notice "$(TZ=Asia/Shanghai date -d '-2 days' +%Y-%m-%dT%H:%M:%S)" "$(TZ=Asia/Shanghai date -d '-1 day' +%F)"
build
seconds_until "urgent notice urgent-live-water off screen" "the ended urgent notice was still on screen"
echo "urgent notice off screen $took s after the build"
passed=$((passed + 1))

kill -0 "$kiosk" || fail "the kiosk stopped"
[ "$(grep -c "urgent notice urgent-live-water on screen" "$tmp/kiosk.err")" -eq 1 ] ||
  fail "the urgent notice came on screen more than once"
echo "$passed passed, 0 failed"
