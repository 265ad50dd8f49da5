#!/usr/bin/env bash
# An idle hgj-kiosk under SDL's offscreen driver (like KMSDRM, a driver SDL 2 cannot wait
# on: it polled every millisecond, ~700 wake-ups a second) sleeps between slide and clock
# ticks: fewer than 10 voluntary context switches a second of its drawing thread,
# counted from /proc over 3 seconds once the bundle is on screen.
set -euo pipefail
: "${HGJ:?}" "${HGJ_KIOSK:?}" "${HGJ_SOURCE_DIR:?}"
cd "$HGJ_SOURCE_DIR"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
export SDL_VIDEODRIVER=offscreen
"$HGJ" bundle --content content --out "$tmp/kiosk" >/dev/null 2>&1 || fail "hgj bundle failed"

"$HGJ_KIOSK" --bundle "$tmp/kiosk" --building dpb-03 --size 1080x1920 --state-dir "$tmp/state" 2>"$tmp/err" &
pid=$!
for _ in $(seq 100); do
  grep -q "is on screen" "$tmp/err" && break
  kill -0 "$pid" 2>/dev/null || { cat "$tmp/err"; fail "hgj-kiosk stopped"; }
  sleep 0.1
done
grep -q "is on screen" "$tmp/err" || { cat "$tmp/err"; fail "the bundle never reached the screen"; }
sleep 1  # the first frames drawn
switches() { awk '/^voluntary_ctxt_switches/ {print $2}' "/proc/$pid/status"; }
before=$(switches)
sleep 3
after=$(switches)
woke=$((after - before))
kill "$pid"
wait "$pid" || fail "hgj-kiosk exited $? on SIGTERM"
pid=
[ "$woke" -lt 30 ] || fail "idle kiosk woke $woke times in 3 s (want < 30)"
echo "idle kiosk woke $woke times in 3 s"
echo "1 passed, 0 failed"
