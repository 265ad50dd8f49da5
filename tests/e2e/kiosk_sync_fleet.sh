#!/usr/bin/env bash
# The real hgj-kiosk, running (not a screenshot), against Debian's nginx serving the
# shipped site (deploy/nginx/, with the WebDAV status snippet on) that goes down and comes
# back (issue #24 item 5): it logs the bundle it shows at start, makes its state folder
# again when deleted while running, backs off while nginx answers 503 (waits grow past the
# first one), says "works again" once it is back, does the same when nginx is stopped
# (connection refused), and every request names the screen and the bundle shown.
set -euo pipefail
: "${HGJ:?}" "${HGJ_KIOSK:?}" "${HGJ_SOURCE_DIR:?}"
cd "$HGJ_SOURCE_DIR"
fail() { echo "FAIL: $*"; [ -f "$tmp/kiosk.err" ] && cat "$tmp/kiosk.err"; exit 1; }
command -v python3 >/dev/null || fail "python3 is required"
tmp=$(mktemp -d)
. "$HGJ_SOURCE_DIR/tests/e2e/lib/nginx.sh"
kiosk=
trap '[ -n "$kiosk" ] && { kill $kiosk; wait $kiosk; } 2>/dev/null; stop_nginx; rm -rf "$tmp"' EXIT
export SDL_VIDEODRIVER=offscreen

"$HGJ" bundle --content content --out "$tmp/site/kiosk" >/dev/null 2>&1 || fail "hgj bundle failed"
# The shipped site and status snippet; nginx's own access log, one line per request:
# "<epoch seconds.ms> <status> <path> <X-HGJ-Screen> <X-HGJ-Building> <X-HGJ-Bundle>".
port=$(free_port)
local_status_site_conf "$port" "$tmp/site" "$tmp/status"
server="log_format hgj_sync '\$msec \$status \$uri \$http_x_hgj_screen \$http_x_hgj_building \$http_x_hgj_bundle';
$(sed -e "s|^\( *\)root $tmp/site;|&\n\1access_log $tmp/requests.log hgj_sync;|" <<< "$server")"
grep -q "access_log $tmp/requests.log" <<< "$server" || fail "hgj.conf has no root line to log after"
start_nginx "$tmp/nginx" "$server" "$port"
url="http://127.0.0.1:$port/kiosk/"
# Polled every 6 s; after a failure 1 s, doubled per failure up to the poll.
printf '[sync]\npoll_seconds = 6\njitter_seconds = 0\nretry_seconds = 1\n' >"$tmp/sync.toml"
state="$tmp/state"

wait_for() {  # seconds, description, test command…
  local seconds=$1 what=$2; shift 2
  for _ in $(seq $((seconds * 10))); do "$@" && return 0; sleep 0.1; done
  fail "$what (after ${seconds} s)"
}
start_kiosk() {  # [LC_MESSAGES value]
  LC_MESSAGES=${1:-en_US.UTF-8} "$HGJ_KIOSK" --bundle "$url" --building dpb-03 --size 540x960 --config "$tmp/sync.toml" --state-dir "$state" \
    2>"$tmp/kiosk.err" &
  kiosk=$!
}
# Down for maintenance: the same server answering 503 to everything, by a reload.
answers() { [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/probe")" = "$1" ]; }
set_down() {  # on|off
  if [ "$1" = on ]; then
    sed -i "s|^\( *\)access_log $tmp/requests.log hgj_sync;|&\n\1return 503;  # down|" "$tmp/nginx/nginx.conf"
    reload_nginx "$tmp/nginx"
    wait_for 10 "nginx did not answer 503 after the reload" answers 503
  else
    sed -i '/return 503;  # down/d' "$tmp/nginx/nginx.conf"
    reload_nginx "$tmp/nginx"
    wait_for 10 "nginx did not answer after the reload" answers 404
  fi
}
stop_kiosk() { kill "$kiosk"; wait "$kiosk" || true; kiosk=; }
passed=0

# A first start has nothing to show; its first sync keeps the bundle.
start_kiosk
wait_for 10 "the first sync kept no bundle" test -L "$state/current"
stop_kiosk
generated=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["generated_at_iso"])' "$tmp/site/kiosk/manifest.json")

# The next start says what it shows, in one line (in Chinese by default).
start_kiosk zh_CN.UTF-8
wait_for 10 "no start line" grep -q "开机显示的数据包：生成于 $generated，来源 $url（保存在 $state/bundles/[0-9]*）\$" "$tmp/kiosk.err"
[ "$(grep -c "开机显示的数据包" "$tmp/kiosk.err")" -eq 1 ] || fail "not one start line"
passed=$((passed + 1))

# The state folder deleted while running: made again at the next poll, the bundle fetched whole.
sleep 0.5
rm -rf "$state"
wait_for 15 "the state folder was not made again" test -L "$state/current"
test -f "$(readlink -f "$state/current")/manifest.json" || fail "the remade bundle has no manifest.json"
passed=$((passed + 1))

# An outage of 12 s, nginx answering 503: the waits between failed requests grow.
set_down on
sleep 12
set_down off
python3 - "$tmp/requests.log" <<'PY' || fail "no backoff while nginx answered 503"
import sys
times = [float(l.split()[0]) for l in open(sys.argv[1]) if l.split()[1] == "503" and l.split()[2].endswith("manifest.json")]
gaps = [round(b - a, 1) for a, b in zip(times, times[1:])]
print("503s during the outage: %d, gaps %s" % (len(times), gaps))
# Every second without backoff: 12. With it: the waits 0.5–1, 1–2, 2–4, then 3–6 s.
if not 3 <= len(times) <= 8: sys.exit("FAIL: %d requests while down" % len(times))
# A fixed retry keeps every gap near 1 s; the third wait is drawn from 2–4 s, measured
# here to 0.1 s (once exactly 2.0): 1.5 tells the two apart with room for a busy machine.
if max(gaps[-2:]) < 1.5: sys.exit("FAIL: the last waits did not grow: %s" % gaps)
PY
passed=$((passed + 1))

# Back: the next retry (at most 6 s) works, and the journal says so once.
wait_for 10 "no 'works again' after the outage" grep -q "bundle source $url works again" "$tmp/kiosk.err"
[ "$(grep -c "bundle update failed, keeping what is shown: .*HTTP status 503" "$tmp/kiosk.err")" -eq 1 ] ||
  fail "the same 503 was not logged exactly once"
passed=$((passed + 1))

# nginx stopped (connection refused) until the next poll fails, then started again: the
# failure is logged once, and the kiosk works again without a restart.
failed_twice() { [ "$(grep -c "bundle update failed, keeping what is shown: " "$tmp/kiosk.err")" -eq 2 ]; }
stop_nginx
wait_for 10 "no failure logged while nginx was stopped" failed_twice
sleep 2
start_nginx "$tmp/nginx" "$server" "$port"
works_again_twice() { [ "$(grep -c "bundle source $url works again" "$tmp/kiosk.err")" -eq 2 ]; }
wait_for 10 "no 'works again' after nginx was stopped" works_again_twice
failed_twice || fail "the refused connection was not logged exactly once"
grep "bundle update failed" "$tmp/kiosk.err" | tail -1
passed=$((passed + 1))

# Every request named the screen, its building and the bundle it showed.
# The screen id: systemd's app-specific id of the machine id (HMAC-SHA256 keyed with it,
# as `systemd-id128 machine-id --app-specific=…` computes), never the machine id itself.
want_screen=$(python3 - <<'PY'
import hmac, hashlib, os
if not os.path.exists("/etc/machine-id"): print("-"); raise SystemExit  # nginx logs no header as -
key = bytes.fromhex(open("/etc/machine-id").read().strip())
h = bytearray(hmac.new(key, bytes.fromhex("65cd1e740c8f4b6d9eaf89a9891c63a8"), hashlib.sha256).digest()[:16])
h[6] = (h[6] & 0x0F) | 0x40
h[8] = (h[8] & 0x3F) | 0x80
print(h.hex())
PY
)
python3 - "$tmp/requests.log" "$want_screen" "$generated" <<'PY' || fail "requests without the screen's headers"
import sys
log, screen, generated = sys.argv[1:]
for line in open(log):
    t, status, path, s, building, bundle = line.split()
    if not path.startswith("/kiosk/"): continue  # the test's own probes
    if s != screen or building != "dpb-03" or bundle not in ("none", generated):
        sys.exit("FAIL: %s" % line.strip())
if not any(l.split()[5] == generated for l in open(log)): sys.exit("FAIL: no request named the bundle shown")
PY
passed=$((passed + 1))
kill -0 "$kiosk" || fail "the kiosk stopped"
stop_kiosk
echo "$passed passed, 0 failed"
