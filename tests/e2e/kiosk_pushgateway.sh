#!/usr/bin/env bash
# The same figures to a Prometheus Pushgateway (issue #24 item 2, [status] pushgateway):
# Debian's prometheus-pushgateway on 127.0.0.1, a real hgj-kiosk pushing its uptime,
# memory, bundle and frame times under job hgj_kiosk and its screen id; the Pushgateway
# stopped: the kiosk keeps showing and logs one line.
set -euo pipefail
: "${HGJ:?}" "${HGJ_KIOSK:?}" "${HGJ_SOURCE_DIR:?}"
cd "$HGJ_SOURCE_DIR"
tmp=$(mktemp -d)
kiosk= gateway=
fail() { echo "FAIL: $*"; [ -f "$tmp/kiosk.err" ] && cat "$tmp/kiosk.err"; exit 1; }
stop_all() {
  for pid in $kiosk $gateway; do kill "$pid" 2> /dev/null || true; done
  wait 2> /dev/null || true
}
trap 'stop_all; rm -rf "$tmp"' EXIT
command -v prometheus-pushgateway > /dev/null || fail "prometheus-pushgateway is missing (scripts/deps.sh)"
export SDL_VIDEODRIVER=offscreen
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# In memory only: Debian's default keeps (and reloads) /var/lib/prometheus/pushgateway.data.
prometheus-pushgateway --web.listen-address="127.0.0.1:$port" --persistence.file="" > "$tmp/gateway.log" 2>&1 &
gateway=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/-/ready" && break; sleep 0.1; done
curl -s -o /dev/null "http://127.0.0.1:$port/-/ready" || { cat "$tmp/gateway.log"; fail "the Pushgateway did not start"; }

"$HGJ" bundle --content content --out "$tmp/kiosk" > "$tmp/bundle.log" 2>&1 || { cat "$tmp/bundle.log"; fail "hgj bundle failed"; }
generated=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["generated_at"])' "$tmp/kiosk/manifest.json")
printf '[status]\npushgateway = "http://127.0.0.1:%s/"\ninterval_seconds = 1\nscreen = "dpb-03-a"\n' "$port" > "$tmp/kiosk.toml"
"$HGJ_KIOSK" --bundle "$tmp/kiosk" --building dpb-03 --size 540x960 --config "$tmp/kiosk.toml" \
  --state-dir "$tmp/state" 2> "$tmp/kiosk.err" &
kiosk=$!

metrics() { curl -s "http://127.0.0.1:$port/metrics" > "$tmp/metrics"; }
pushed() { metrics && grep -q "^hgj_kiosk_bundle_generated_at_seconds{instance=\"\",job=\"hgj_kiosk\",screen=\"dpb-03-a\"} " "$tmp/metrics" &&
  ! grep -q '^hgj_kiosk_bundle_generated_at_seconds{.*} 0$' "$tmp/metrics"; }
for _ in $(seq 200); do pushed && break; sleep 0.1; done
pushed || fail "the kiosk pushed no figures with its bundle"
python3 - "$tmp/metrics" "$generated" << 'PY' || { grep hgj_kiosk "$tmp/metrics"; fail "the pushed figures are not the screen's"; }
import sys
values = {}
for line in open(sys.argv[1]):
    if line.startswith("hgj_kiosk_"):
        name, value = line.rsplit(" ", 1)
        values[name] = float(value)
key = '{instance="",job="hgj_kiosk",screen="dpb-03-a"}'
assert values["hgj_kiosk_bundle_generated_at_seconds" + key] == float(sys.argv[2]), values
assert 10 << 20 < values["hgj_kiosk_resident_bytes" + key] < 1 << 30, values
assert 0 <= values["hgj_kiosk_uptime_seconds" + key] < 120, values
assert values["hgj_kiosk_sync_failing" + key] == 0, values
info = [n for n in values if n.startswith("hgj_kiosk_info{")]
assert len(info) == 1 and 'building="dpb-03"' in info[0] and 'state="showing"' in info[0], info
q = [n for n in values if n.startswith("hgj_kiosk_frame_milliseconds{")]
assert len(q) == 3, q
PY
echo "pushed: ok"

# The Pushgateway goes away: the screen shows on, one line in its log.
kill "$gateway"
wait "$gateway" 2> /dev/null || true
gateway=
sleep 5  # about five reports, each one refused
kill -0 "$kiosk" || fail "the kiosk stopped without its Pushgateway"
[ "$(grep -c "Pushgateway failed" "$tmp/kiosk.err")" = 1 ] || fail "not one line for the Pushgateway that is down"
grep -q "^hgj-kiosk: push to the Pushgateway failed (the screen shows on): http://127.0.0.1:$port/metrics/job/hgj_kiosk/screen/dpb-03-a: " "$tmp/kiosk.err" ||
  fail "the line for the Pushgateway that is down"
echo "2 passed, 0 failed"
