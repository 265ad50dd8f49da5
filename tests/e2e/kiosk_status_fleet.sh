#!/usr/bin/env bash
# Status from every screen and `hgj fleet` (issue #24 items 2 and 3), with Debian's nginx
# and the shipped status snippet (deploy/nginx/hgj-status.conf: its dav module, PUT
# only but asks.json): two real hgj-kiosk processes PUT their status with their frame
# times, and a screenshot at start; `hgj fleet ask` makes one upload another within its
# urgent poll; one is stopped and `hgj fleet --silent-after` flags it silent while the
# other stays alive, listed in that order, as text (Chinese by default, English with
# --lang en), JSON and an HTML page with each screenshot's thumbnail embedded. A status
# URL that refuses PUTs (403), and one that refuses only pictures: the kiosk keeps
# showing and logs one line for each.
set -euo pipefail
: "${HGJ:?}" "${HGJ_KIOSK:?}" "${HGJ_SOURCE_DIR:?}"
cd "$HGJ_SOURCE_DIR"
fail() { echo "FAIL: $*"; for f in "$tmp"/kiosk-*.err; do [ -f "$f" ] && { echo "== $f"; cat "$f"; }; done; exit 1; }
command -v python3 > /dev/null || fail "python3 is required"
tmp=$(mktemp -d)
. "$HGJ_SOURCE_DIR/tests/e2e/lib/nginx.sh"
kiosks=()
stop_all() {
  for pid in "${kiosks[@]}"; do kill "$pid" 2> /dev/null || true; done
  wait "${kiosks[@]}" 2> /dev/null || true
  stop_nginx
}
trap 'stop_all; rm -rf "$tmp"' EXIT
export SDL_VIDEODRIVER=offscreen

"$HGJ" bundle --content content --out "$tmp/site/kiosk" > "$tmp/bundle.log" 2>&1 || { cat "$tmp/bundle.log"; fail "hgj bundle failed"; }
generated=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["generated_at_iso"])' "$tmp/site/kiosk/manifest.json")

# The shipped site with the shipped status snippet included, its folder under $tmp; and
# a folder that refuses PUTs, as a dav location left read-only would.
mkdir -p "$tmp/nopics"
port=$(free_port)
local_status_site_conf "$port" "$tmp/site" "$tmp/status"
server=$(sed -e "s|include $tmp/status.conf;|&\n    location /locked/ { limit_except GET { deny all; } }\n    location ^~ /nopics/ { alias $tmp/nopics/; dav_methods PUT; location ~ \\.png\$ { return 403; } }|" <<< "$server")
start_nginx "$tmp/nginx" "$server" "$port"
url="http://127.0.0.1:$port"

# Nobody reads the reports over the web.
[ "$(curl -s -o /dev/null -w '%{http_code}' -X PUT --data '{}' "$url/hgj-status/probe.json")" = 201 ] ||
  fail "the status folder does not take a PUT"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/hgj-status/probe.json")" = 403 ] || fail "a report can be read over the web"
rm "$tmp/status/probe.json"
# A screenshot is larger than a report, and no more readable; asks.json only readable.
head -c 150000 /dev/urandom > "$tmp/big.png"
[ "$(curl -s -o /dev/null -w '%{http_code}' -X PUT --data-binary @"$tmp/big.png" "$url/hgj-status/probe.png")" = 201 ] ||
  fail "the status folder does not take a 150 KB picture"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/hgj-status/probe.png")" = 403 ] || fail "a screenshot can be read over the web"
[ "$(curl -s -o /dev/null -w '%{http_code}' -X PUT --data-binary @"$tmp/big.png" "$url/hgj-status/probe.json")" = 413 ] ||
  fail "a 150 KB report is taken"
rm "$tmp/status/probe.png"
echo '{}' > "$tmp/status/asks.json"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/hgj-status/asks.json")" = 200 ] || fail "asks.json cannot be read"
[ "$(curl -s -o /dev/null -w '%{http_code}' -X PUT --data '{}' "$url/hgj-status/asks.json")" = 403 ] || fail "asks.json can be written over the web"
rm "$tmp/status/asks.json"

start_kiosk() {  # name screen building status-url
  printf '[sync]\npoll_seconds = 1\njitter_seconds = 0\nretry_seconds = 1\nurgent_poll_seconds = 1\n[status]\nurl = "%s"\ninterval_seconds = 1\nscreen = "%s"\n' \
    "$4" "$2" > "$tmp/$1.toml"
  "$HGJ_KIOSK" --bundle "$url/kiosk/" --building "$3" --size 540x960 --config "$tmp/$1.toml" \
    --state-dir "$tmp/state-$1" 2> "$tmp/kiosk-$1.err" &
  kiosks+=($!)
}
wait_for() {  # seconds, description, test command…
  local seconds=$1 what=$2; shift 2
  for _ in $(seq $((seconds * 10))); do "$@" && return 0; sleep 0.1; done
  fail "$what (after ${seconds} s)"
}
passed=0

start_kiosk a dpb-03-a dpb-03 "$url/hgj-status/"
start_kiosk b fkxc-01-a fkxc-01 "$url/hgj-status"
pid_a=${kiosks[0]} pid_b=${kiosks[1]}
# Both report, and report again: the figures of a running screen.
wait_for 20 "screen a did not report" test -s "$tmp/status/dpb-03-a.json"
wait_for 20 "screen b did not report" test -s "$tmp/status/fkxc-01-a.json"
for f in dpb-03-a fkxc-01-a; do
  wait_for 20 "$f reported no bundle" grep -q "\"bundle_generated_at\": \"$generated\"" "$tmp/status/$f.json"
done
python3 - "$tmp/status/dpb-03-a.json" "$generated" << 'PY' || fail "the status document is not what screen a is"
import json, sys, time, calendar
d = json.load(open(sys.argv[1]))
assert d["format"] == 1, d
assert d["screen"] == "dpb-03-a" and d["building"] == "dpb-03", d
assert d["bundle_generated_at"] == sys.argv[2], d
assert d["last_sync"] is not None and d["last_error"] == "", d
# The picture's size: --size 540x960, fitted by SDL's offscreen desktop, still portrait 9:16.
w, h = d["display"]["width"], d["display"]["height"]
assert 0 < w <= 540 and w * 16 == h * 9, d
assert d["software"].startswith("hgj-kiosk "), d
assert 10 << 20 < d["rss_bytes"] < 1 << 30, d
assert 0 <= d["uptime_seconds"] < 120, d
sent = calendar.timegm(time.strptime(d["sent_at"], "%Y-%m-%dT%H:%M:%SZ"))
assert abs(time.time() - sent) < 30, d
PY
passed=$((passed + 1))

# Frame times: the first report after start counts its first frames; a report of an
# interval without a redraw says 0 frames (a screen redraws only on change).
frames_seen() {
  python3 - "$tmp/status/dpb-03-a.json" << 'PY'
import json, sys
try:
    f = json.load(open(sys.argv[1]))["frame_times"]
except (ValueError, KeyError):
    sys.exit(1)
assert set(f) == {"frames", "p50_ms", "p95_ms", "max_ms"}, f
sys.exit(0 if f["frames"] > 0 and 0 < f["p50_ms"] <= f["p95_ms"] <= f["max_ms"] < 10000 else 1)
PY
}
wait_for 30 "screen a reported no frame times" frames_seen
passed=$((passed + 1))

# A screenshot at start (screenshot_every_seconds defaults to an hour): a PNG of what the
# screen shows, at most 540 px on its long side and 100 KB, no text chunks.
wait_for 20 "screen a sent no screenshot" test -s "$tmp/status/dpb-03-a.png"
wait_for 20 "screen b sent no screenshot" test -s "$tmp/status/fkxc-01-a.png"
python3 - "$tmp/status/dpb-03-a.png" << 'PY' || fail "the screenshot is not a small PNG"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
assert len(data) <= 100 * 1024, len(data)
pos, chunks, idat = 8, [], b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    chunks.append(kind.decode())
    if kind == b"IHDR":
        w, h = struct.unpack(">II", data[pos + 8:pos + 16])
    if kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
assert max(w, h) <= 540 and abs(w * 16 - h * 9) <= 16, (w, h)
assert not {"tEXt", "iTXt", "zTXt", "eXIf", "tIME"} & set(chunks), chunks
assert len(set(zlib.decompress(idat))) > 8, "a blank picture"
PY
# HGJ_KEEP_PICTURES=DIR keeps the screenshot and the page to look at.
cp "$tmp/status/dpb-03-a.png" "${HGJ_KEEP_PICTURES:-$tmp}/kiosk-status-screenshot.png" 2> /dev/null || true
png_puts() { grep -Ec "PUT /hgj-status/$1.png HTTP/1.1\" 20[14] " "$tmp/nginx/logs/access.log" || true; }  # created, replaced
png_puts_are() { [ "$(png_puts "$1")" = "$2" ]; }
[ "$(png_puts dpb-03-a)" = 1 ] || fail "screen a sent $(png_puts dpb-03-a) screenshots at start, not one"
passed=$((passed + 1))

# Asked: hgj fleet ask writes asks.json; screen a polls it every second and sends another
# screenshot, screen b is not asked and does not.
sleep 1  # the ask is later than the first picture by the second
"$HGJ" fleet ask dpb-03-a --status "$tmp/status" --content content > "$tmp/ask.out" 2>&1 || { cat "$tmp/ask.out"; fail "hgj fleet ask failed"; }
grep -qx "screenshot asked of: dpb-03-a (each uploads one the next time it looks, usually within half a minute)" "$tmp/ask.out" ||
  { cat "$tmp/ask.out"; fail "hgj fleet ask's line"; }
python3 - "$tmp/status/asks.json" << 'PY' || fail "asks.json does not name screen a"
import json, sys
assert list(json.load(open(sys.argv[1]))) == ["dpb-03-a"]
PY
wait_for 10 "screen a did not answer the ask" png_puts_are dpb-03-a 2
sleep 3  # polled again (304): not answered twice
[ "$(png_puts dpb-03-a)" = 2 ] || fail "screen a answered one ask $(png_puts dpb-03-a) times"
[ "$(png_puts fkxc-01-a)" = 1 ] || fail "screen b sent a screenshot it was not asked for"
grep -q 'GET /hgj-status/asks.json HTTP/1.1" 304' "$tmp/nginx/logs/access.log" || fail "asks.json is not polled with its ETag"
set +e
"$HGJ" fleet ask nowhere --status "$tmp/status" --content content > /dev/null 2> "$tmp/ask.err"
code=$?
set -e
[ "$code" = 2 ] || fail "asking an unknown screen: exit $code"
[ "$(cat "$tmp/ask.err")" = 'hgj fleet ask: no screen "nowhere": not in screens.csv and no status reported under that id; nothing was asked' ] ||
  { cat "$tmp/ask.err"; fail "asking an unknown screen: message"; }
passed=$((passed + 1))

# Both alive; the third screen of screens.csv never reported.
fleet() { "$HGJ" fleet --status "$tmp/status" --content content --bundle "$tmp/site/kiosk" "$@"; }
# In the default language: no locale at all (env, so that bash itself sets none).
fleet_zh() { env -u LC_ALL -u LC_MESSAGES -u LANG "$HGJ" fleet --status "$tmp/status" --content content --bundle "$tmp/site/kiosk" "$@"; }
fleet --json > "$tmp/fleet1.json" || fail "hgj fleet --json failed"
python3 - "$tmp/fleet1.json" << 'PY' || fail "hgj fleet does not list both screens alive"
import json, sys
screens = json.load(open(sys.argv[1]))["screens"]
rows = [(r["screen"], r["state"]) for r in screens]
assert rows == [("tianping-hall", "never"), ("dpb-03-a", "alive"), ("fkxc-01-a", "alive")], rows
assert screens[0]["screenshot"] is None, screens[0]
a = screens[1]
assert a["screenshot"] == "dpb-03-a.png" and a["screenshot_at"].endswith("Z"), a
assert set(a["frame_times"]) == {"frames", "p50_ms", "p95_ms", "max_ms"}, a
assert a["last_report"].endswith("Z") and a["reported_building"] == "dpb-03", a
PY
passed=$((passed + 1))

# Screen b stops; a goes on reporting every second or so. After 12 s without a report
# b is silent, listed first.
kill "$pid_b"
wait "$pid_b" 2> /dev/null || true
stopped_at=$(date +%s)
sleep 14
kill -0 "$pid_a" || fail "screen a stopped"
fleet_zh --silent-after 0.2 > "$tmp/fleet2.txt" || fail "hgj fleet failed"
line() { sed -n "$1p" "$tmp/fleet2.txt"; }
[ "$(line 1)" = "屏幕 3 块：沉默 1，从未上报 1，数据旧 0，正常 1，未登记 0" ] || { cat "$tmp/fleet2.txt"; fail "summary line"; }
[ "$(line 2)" = "已发布的数据包：生成于 $generated" ] || { cat "$tmp/fleet2.txt"; fail "published line"; }
[ "$(line 3)" = "超过 0.2 分钟没有上报的屏幕算沉默" ] || { cat "$tmp/fleet2.txt"; fail "silent-after line"; }
line 5 | grep -q "^\[沉默\] fkxc-01-a  楼栋 fkxc-01  最后上报 [0-9T:Z-]*（[0-9]* 秒前）  显示的数据包 $generated\$" ||
  { cat "$tmp/fleet2.txt"; fail "screen b is not listed first as silent"; }
[ "$(line 6)" = "[从未上报] tianping-hall  楼栋 dpb-01  没有收到过状态" ] || { cat "$tmp/fleet2.txt"; fail "the never-heard screen is not second"; }
line 7 | grep -q "^\[正常\] dpb-03-a  楼栋 dpb-03  最后上报 [0-9T:Z-]*（[0-9]* 秒前）  显示的数据包 $generated\$" ||
  { cat "$tmp/fleet2.txt"; fail "screen a is not alive"; }
# b's last report is from before it stopped.
python3 - "$tmp/status/fkxc-01-a.json" "$stopped_at" << 'PY' || fail "screen b reported after it stopped"
import json, sys, time, calendar
sent = calendar.timegm(time.strptime(json.load(open(sys.argv[1]))["sent_at"], "%Y-%m-%dT%H:%M:%SZ"))
assert sent <= int(sys.argv[2]), (sent, sys.argv[2])
PY
passed=$((passed + 1))

fleet --silent-after 0.2 --lang en > "$tmp/fleet2.en" || fail "hgj fleet --lang en failed"
head -n 1 "$tmp/fleet2.en" | grep -qx "3 screens: silent 1, never reported 1, behind 0, alive 1, unknown 0" || { cat "$tmp/fleet2.en"; fail "English summary"; }
passed=$((passed + 1))

# The page: written, escaped, self-contained; a file hgj fleet did not write is left alone.
fleet_zh --silent-after 0.2 --out "$tmp/fleet.html" > /dev/null 2> "$tmp/page.err" || { cat "$tmp/page.err"; fail "--out failed"; }
grep -q '<tr class="silent"><td>沉默</td><td>fkxc-01-a</td>' "$tmp/fleet.html" || fail "the page does not list b silent"
! grep -Eo '(src|href)="[^"]*' "$tmp/fleet.html" | grep -v '^src="data:image/jpeg;base64,' > /dev/null || fail "the page loads something"
[ "$(grep -o '<img src="data:image/jpeg;base64,[A-Za-z0-9+/=]*" alt="屏幕 [a-z0-9-]* 的截图">' "$tmp/fleet.html" | wc -l)" = 2 ] ||
  fail "the page does not embed both screens' thumbnails"
grep -q '截于 [0-9T:Z-]*<br>[0-9]* 秒前' "$tmp/fleet.html" || fail "the page does not say when the screenshot was taken"
cp "$tmp/fleet.html" "${HGJ_KEEP_PICTURES:-$tmp}/kiosk-status-fleet.html" 2> /dev/null || true
echo "mine" > "$tmp/other.html"
set +e
fleet_zh --out "$tmp/other.html" > /dev/null 2> "$tmp/other.err"
code=$?
set -e
[ "$code" = 2 ] || fail "--out over another file: exit $code"
[ "$(cat "$tmp/other.err")" = "hgj fleet: --out \"$tmp/other.html\" 已存在，且不是 hgj fleet 写的页面：没有覆盖，请换一个文件名" ] ||
  { cat "$tmp/other.err"; fail "--out over another file: message"; }
[ "$(cat "$tmp/other.html")" = mine ] || fail "another file was overwritten"
passed=$((passed + 1))

# A status folder that refuses PUTs: the screen keeps syncing and showing, one line logged.
start_kiosk c dpb-03-a dpb-03 "$url/locked/"
pid_c=${kiosks[2]}
wait_for 20 "screen c made no bundle current" test -L "$tmp/state-c/current"
sleep 5  # about five more rounds, each one a refused report
kill -0 "$pid_c" || fail "screen c stopped after refused reports"
refused="status report failed (the screen shows on): $url/locked/dpb-03-a.json: HTTP status 403"
[ "$(grep -c "status report failed" "$tmp/kiosk-c.err")" = 1 ] || fail "not one line for the refused reports"
grep -qxF "hgj-kiosk: $refused" "$tmp/kiosk-c.err" || fail "the refused report's line"
[ "$(grep -c 'PUT /locked/dpb-03-a.json HTTP/1.1" 403' "$tmp/nginx/logs/access.log")" -ge 3 ] || fail "screen c did not keep trying"
passed=$((passed + 1))

# A folder that takes reports but refuses pictures: the reports go on, one line for the picture.
start_kiosk d dpb-03-a dpb-03 "$url/nopics/"
pid_d=${kiosks[3]}
wait_for 20 "screen d did not report" test -s "$tmp/nopics/dpb-03-a.json"
wait_for 20 "screen d did not try a screenshot" grep -q 'PUT /nopics/dpb-03-a.png HTTP/1.1" 403' "$tmp/nginx/logs/access.log"
sleep 3
kill -0 "$pid_d" || fail "screen d stopped after a refused screenshot"
[ "$(grep -c "upload failed" "$tmp/kiosk-d.err")" = 1 ] || { cat "$tmp/kiosk-d.err"; fail "not one line for the refused screenshot"; }
grep -qxF "hgj-kiosk: screenshot upload failed (the screen shows on): $url/nopics/dpb-03-a.png: HTTP status 403" "$tmp/kiosk-d.err" ||
  fail "the refused screenshot's line"
! grep -q "status report failed" "$tmp/kiosk-d.err" || fail "screen d's reports failed"
[ ! -e "$tmp/nopics/dpb-03-a.png" ] || fail "a refused picture was stored"
passed=$((passed + 1))

echo "$passed passed, 0 failed"
