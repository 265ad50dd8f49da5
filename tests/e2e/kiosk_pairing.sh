#!/usr/bin/env bash
# One image for every screen (issue #24 item 1), with Debian's nginx serving the bundle
# and taking status reports (its dav module): a real hgj-kiosk started with only the
# bundle URL shows its pairing code and reports state "pairing"; `hgj fleet` lists it
# with that code; staff write the code (lower case, no dash) against a building in
# screens.csv and publish; at its next sync the running screen shows that building and
# reports it; the row removed, it is back to pairing. --building still wins over the
# row, and --building "" (an empty HGJ_KIOSK_BUILDING in the unit) pairs. Screenshots at
# 1080×1920, 1920×1080 and 1280×800 of both pictures are kept in $HGJ_BUILD_DIR.
set -euo pipefail
: "${HGJ:?}" "${HGJ_KIOSK:?}" "${HGJ_SOURCE_DIR:?}" "${HGJ_BUILD_DIR:?}"
cd "$HGJ_SOURCE_DIR"
fail() { echo "FAIL: $*"; [ -f "$tmp/kiosk.err" ] && { echo "== kiosk.err"; cat "$tmp/kiosk.err"; }; exit 1; }
command -v python3 > /dev/null || fail "python3 is required"
tmp=$(mktemp -d)
. "$HGJ_SOURCE_DIR/tests/e2e/lib/nginx.sh"
kiosk_pid=
stop_all() {
  if [ -n "$kiosk_pid" ]; then kill "$kiosk_pid" 2> /dev/null || true; wait "$kiosk_pid" 2> /dev/null || true; fi
  stop_nginx
}
trap 'stop_all; rm -rf "$tmp"' EXIT
export SDL_VIDEODRIVER=offscreen
shots="$HGJ_BUILD_DIR/test-screens/kiosk_pairing"
mkdir -p "$shots"
# The kiosk in the default language (Chinese): no locale at all. (env execs it: $! is its pid.)
kiosk=(env -u LC_ALL -u LC_MESSAGES -u LANG "$HGJ_KIOSK")

cp -r content "$tmp/content"
publish() {
  "$HGJ" bundle --content "$tmp/content" --out "$tmp/site/kiosk" > "$tmp/bundle.log" 2>&1 ||
    { cat "$tmp/bundle.log"; fail "hgj bundle failed"; }
}
publish

port=$(free_port)
local_status_site_conf "$port" "$tmp/site" "$tmp/status"
start_nginx "$tmp/nginx" "$server" "$port"
url="http://127.0.0.1:$port/kiosk/"
printf '[sync]\npoll_seconds = 1\njitter_seconds = 0\nretry_seconds = 1\n[status]\nurl = "%s"\ninterval_seconds = 1\n' \
  "http://127.0.0.1:$port/hgj-status/" > "$tmp/kiosk.toml"
wait_for() {  # seconds, description, test command…
  local seconds=$1 what=$2; shift 2
  for _ in $(seq $((seconds * 10))); do "$@" && return 0; sleep 0.1; done
  fail "$what (after ${seconds} s)"
}
passed=0

# 1. Only the bundle URL: the pairing code and the screen id, in the journal and in the
#    status document, the same code core works out.
"${kiosk[@]}" --bundle "$url" --size 540x960 --config "$tmp/kiosk.toml" --state-dir "$tmp/state" 2> "$tmp/kiosk.err" &
kiosk_pid=$!
wait_for 10 "no pairing line in the log" grep -q "配对码" "$tmp/kiosk.err"
line=$(grep -m1 "配对码" "$tmp/kiosk.err")
code=$(sed -n 's/^hgj-kiosk: 配对码 \([2-9A-HJKMNP-Z]\{3\}-[2-9A-HJKMNP-Z]\{3\}\)（屏幕编号 \([0-9a-f]\{32\}\)）：请把配对码填入 screens.csv 的屏幕编号，并填写楼栋$/\1/p' <<< "$line")
screen=$(sed -n 's/^.*（屏幕编号 \([0-9a-f]\{32\}\)）.*$/\1/p' <<< "$line")
[ -n "$code" ] && [ -n "$screen" ] || fail "the pairing line: $line"
doc="$tmp/status/$screen.json"
state() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["state"], d["building"] or "-", d["pairing_code"], d["bundle_generated_at"] is not None)' "$doc" 2> /dev/null; }
state_is() { [ "$(state)" = "$1" ]; }
wait_for 20 "no status document saying pairing" state_is "pairing - $code True"
kill -0 "$kiosk_pid" || fail "the pairing screen stopped"
passed=$((passed + 1))

# 2. hgj fleet lists the unlisted screen with its code, for staff to copy.
env -u LC_ALL -u LC_MESSAGES -u LANG "$HGJ" fleet --status "$tmp/status" --content "$tmp/content" > "$tmp/fleet1.txt" ||
  fail "hgj fleet failed"
grep -q "^\[未登记\] $screen  等待配对，配对码 $code  最后上报 " "$tmp/fleet1.txt" || { cat "$tmp/fleet1.txt"; fail "fleet: the waiting screen"; }
passed=$((passed + 1))

# 3. The pairing screen at three sizes: the journal says pairing, never paired.
for size in 1080x1920 1920x1080 1280x800; do
  "${kiosk[@]}" --bundle "$url" --size "$size" --screenshot "$shots/pairing-$size.png" --state-dir "$tmp/shot-$size" \
    2> "$tmp/shot.err" || { cat "$tmp/shot.err"; fail "screenshot $size"; }
  grep -qx "hgj-kiosk: 配对码 $code（屏幕编号 $screen）：请把配对码填入 screens.csv 的屏幕编号，并填写楼栋" "$tmp/shot.err" ||
    { cat "$tmp/shot.err"; fail "screenshot $size: no pairing line"; }
  ! grep -q "已配对" "$tmp/shot.err" || fail "screenshot $size: paired without a row"
  python3 - "$shots/pairing-$size.png" "${size%x*}" "${size#*x}" << 'PY' || fail "screenshot $size: not the picture asked for"
import struct, sys
with open(sys.argv[1], "rb") as f:
    head = f.read(24)
assert head[:8] == b"\x89PNG\r\n\x1a\n", head
assert struct.unpack(">II", head[16:24]) == (int(sys.argv[2]), int(sys.argv[3])), head
PY
done
passed=$((passed + 1))

# 4. Staff write the code — lower case, without its dash — against dpb-03 and publish:
#    the running screen takes the building at its next sync and says so.
printf '%s,dpb-03,,,,,新装的屏\n' "$(tr -d - <<< "$code" | tr 'A-Z' 'a-z')" >> "$tmp/content/screens.csv"
sleep 1  # a newer generated_at than the bundle on screen
publish
row_id=$(tr -d - <<< "$code" | tr 'A-Z' 'a-z')
wait_for 20 "the screen did not pair" grep -qx "hgj-kiosk: 已配对：screens.csv 的 $row_id 把本屏放在楼栋 dpb-03" "$tmp/kiosk.err"
wait_for 20 "no status document saying dpb-03" state_is "showing dpb-03 $code True"
env -u LC_ALL -u LC_MESSAGES -u LANG "$HGJ" fleet --status "$tmp/status" --content "$tmp/content" --json > "$tmp/fleet2.json"
python3 - "$tmp/fleet2.json" "$row_id" << 'PY' || fail "fleet: the paired screen is not its row"
import json, sys
rows = {r["screen"]: r for r in json.load(open(sys.argv[1]))["screens"]}
r = rows[sys.argv[2]]
assert r["state"] == "alive" and r["building"] == "dpb-03" and r["reported_building"] == "dpb-03", r
assert all(x["state"] != "unknown" for x in rows.values()), rows
PY
for size in 1080x1920 1920x1080 1280x800; do
  "${kiosk[@]}" --bundle "$url" --size "$size" --screenshot "$shots/paired-$size.png" --state-dir "$tmp/shot2-$size" \
    2> "$tmp/shot.err" || { cat "$tmp/shot.err"; fail "screenshot $size"; }
  grep -qx "hgj-kiosk: 已配对：screens.csv 的 $row_id 把本屏放在楼栋 dpb-03" "$tmp/shot.err" ||
    { cat "$tmp/shot.err"; fail "screenshot $size: not paired"; }
  ! cmp -s "$shots/paired-$size.png" "$shots/pairing-$size.png" || fail "screenshot $size: still the pairing screen"
done
passed=$((passed + 1))

# 5. --building on the command line wins over the row, and says so; an empty one pairs.
"${kiosk[@]}" --bundle "$url" --building fkxc-01 --screenshot "$tmp/explicit.png" --state-dir "$tmp/shot3" 2> "$tmp/shot.err" ||
  { cat "$tmp/shot.err"; fail "screenshot with --building"; }
grep -qx "hgj-kiosk: screens.csv 把本屏（$row_id）放在楼栋 dpb-03，但命令行的 --building fkxc-01 优先" "$tmp/shot.err" ||
  { cat "$tmp/shot.err"; fail "--building does not say it wins"; }
! grep -q "配对" "$tmp/shot.err" || fail "--building paired"
"${kiosk[@]}" --bundle "$url" --building "" --screenshot "$tmp/empty.png" --state-dir "$tmp/shot4" 2> "$tmp/shot.err" ||
  { cat "$tmp/shot.err"; fail "screenshot with --building \"\""; }
grep -qx "hgj-kiosk: 已配对：screens.csv 的 $row_id 把本屏放在楼栋 dpb-03" "$tmp/shot.err" || fail "--building \"\" did not pair"
passed=$((passed + 1))

# 6. The row removed and published again: back to pairing, in the journal and the status.
grep -v "^$row_id," "$tmp/content/screens.csv" > "$tmp/screens.csv" && mv "$tmp/screens.csv" "$tmp/content/screens.csv"
sleep 1
publish
wait_for 20 "the screen did not go back to pairing" \
  grep -qx "hgj-kiosk: screens.csv 里已没有本屏：回到配对画面，配对码 $code" "$tmp/kiosk.err"
wait_for 20 "no status document saying pairing again" state_is "pairing - $code True"
kill -0 "$kiosk_pid" || fail "the screen stopped"
passed=$((passed + 1))

echo "$passed passed, 0 failed"
