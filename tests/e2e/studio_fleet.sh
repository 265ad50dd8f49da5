#!/usr/bin/env bash
# The workbench's 触摸屏 page and the lobby screens on 预览 (issues #24 item 3, #23 page 5),
# through HTTP as the browser uses them. With --fleet-status on a status folder of five
# reports (tests/fixtures/fleet_status: one silent with an error, one alive, two waiting
# to pair, one half written) 触摸屏 lists every screen in hgj fleet's order; pairing a
# waiting screen appends exactly one row to screens.csv and records it as one version; a
# stale form is 409, a screen already paired 409, an unknown building 400, all with
# screens.csv untouched; an editor is offered and allowed only their communities'
# buildings. 预览 draws the changed buildings' screens with the real hgj-kiosk
# ($HGJ_KIOSK) from a bundle signed with the preview's own key: 1080×1920 PNGs, at most 12,
# the rest named. Without --fleet-status and without hgj-kiosk each page says so. The
# pictures are kept in $HGJ_BUILD_DIR/test-screens/studio_fleet.
set -uo pipefail
: "${HGJ:?HGJ must point at the hgj binary}" "${HGJ_KIOSK:?}" "${HGJ_SOURCE_DIR:?}" "${HGJ_BUILD_DIR:?}"
for tool in curl python3; do
  command -v "$tool" > /dev/null || { echo "FAIL: $tool is missing (scripts/deps.sh)"; exit 1; }
done

work=$(mktemp -d)
. "$HGJ_SOURCE_DIR/tests/e2e/lib/studio.sh"
trap 'stop_studio; rm -rf "$work"' EXIT
zh() { env -u LC_ALL -u LC_MESSAGES -u LANG "$@"; }
shots="$HGJ_BUILD_DIR/test-screens/studio_fleet"
mkdir -p "$shots"

cp -r "$HGJ_SOURCE_DIR/content" "$work/content"
cp -r "$HGJ_SOURCE_DIR/tests/fixtures/fleet_status" "$work/status"
# fkxc-01-a reported just now: alive (the fixture's time is long past: silent).
python3 - "$work/status/fkxc-01-a.json" << 'PY'
import re, sys, time
p = sys.argv[1]
text = open(p).read()
now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
open(p, "w").write(re.sub(r'"sent_at": "[^"]*"', f'"sent_at": "{now}"', text))
PY

get() { curl -s -o "$work/body" -w '%{http_code}' "$url$1"; }
field() { grep -o "name=\"$1\" value=\"[^\"]*\"" "$work/body" | tail -n 1 | sed 's/.*value="//;s/"$//'; }
post() { curl -s -o "$work/answer" -w '%{http_code}' -H "Origin: $url" "$@"; }
versions() { git -C "$work/content" rev-list --count HEAD; }
screen_a=3f6b0c2a9d8e47b1a5c4e2f1d0b9a871  # pairing code HQX-TNV
screen_b=9a1e5d7c3b2f48e6a0d4c8b7e6f5a312  # pairing code 8QV-Z9Z

# A --kiosk-program that is not a program: refused before serving.
out=$(zh "$HGJ" studio --content "$work/content" --state "$work/state" --no-browser --kiosk-program "$work/none" 2>&1)
[ $? = 2 ] || fail "a --kiosk-program that is not there was not a usage error"
[ "$out" = "hgj studio: --kiosk-program \"$work/none\" 不是可以运行的程序（应当是 hgj-kiosk）" ] ||
  fail "the --kiosk-program refusal says: $out"

start_studio --no-browser --fleet-status "$work/status" --kiosk-program "$HGJ_KIOSK"

# 1. 触摸屏: every screen, silent and never-heard first, then alive, then the unlisted ones.
[ "$(get /fleet)" = 200 ] || fail "GET /fleet answered $(cat "$work/body" | head -c 300)"
grep '<a href="/fleet" aria-current="page">触摸屏</a>' "$work/body" > /dev/null || fail "触摸屏 is not in the navigation"
order=$(grep -o '<tr class="[a-z]*"><td>[^<]*</td><td>[^<]*</td>' "$work/body" |
  sed 's/<tr class="\([a-z]*\)"><td>\([^<]*\)<\/td><td>\([^<]*\)<\/td>/\1 \2 \3/' | tr '\n' ';')
[ "$order" = "silent 沉默 dpb-03-a;never 从未上报 tianping-hall;alive 正常 fkxc-01-a;unknown 未登记 $screen_a;unknown 未登记 $screen_b;" ] ||
  fail "the rows are: $order"
grep '<td>HTTP status 503</td>' "$work/body" > /dev/null || fail "the silent screen's last error is not shown"
grep 'broken.json: 不是 JSON 对象（可能没写完）' "$work/body" > /dev/null || fail "the half-written report is not named"
grep '等待配对的屏幕（2 块）' "$work/body" > /dev/null || fail "the two waiting screens are not counted"
for code in HQX-TNV 8QV-Z9Z; do
  grep "配对码 <strong>$code</strong>" "$work/body" > /dev/null || fail "the waiting screen $code is not shown with its code"
done
[ "$(grep -c 'action="/fleet/pair"' "$work/body")" = 2 ] || fail "not one pairing form per waiting screen"
csrf=$(field csrf)
stale=$(field base)

# 1b. Screenshots: fkxc-01-a uploaded one (a 270×480 PNG beside its report): its row shows
#     the thumbnail from the workbench's own route, the others say they have none; every
#     row has a 截图 button, which asks the screen through asks.json as hgj fleet ask does.
python3 - "$work/status/fkxc-01-a.png" << 'PY'
import struct, sys, zlib
w, h = 270, 480
rows = b"".join(b"\0" + bytes(v for x in range(w) for v in (x % 256, y % 256, 128)) for y in range(h))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
                              chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
PY
get /fleet > /dev/null
[ "$(grep -o '<img src="/fleet/screenshot?screen=[^"]*" alt="屏幕 [^"]* 的截图"><br>截于 ' "$work/body")" = '<img src="/fleet/screenshot?screen=fkxc-01-a" alt="屏幕 fkxc-01-a 的截图"><br>截于 ' ] ||
  fail "the screenshot's thumbnail is not on 触摸屏"
[ "$(grep -o '<td class="shot">没有截图' "$work/body" | wc -l)" = 4 ] || fail "the screens without a screenshot do not say so"
[ "$(grep -o 'action="/fleet/ask"' "$work/body" | wc -l)" = 5 ] || fail "not one 截图 button per screen"
curl -s -D "$work/headers" -o "$shots/thumbnail-fkxc-01-a.jpg" "$url/fleet/screenshot?screen=fkxc-01-a"
grep -i '^content-type: image/jpeg' "$work/headers" > /dev/null || fail "the thumbnail is not served as a JPEG"
python3 - "$shots/thumbnail-fkxc-01-a.jpg" << 'PY' || fail "the thumbnail is not a JPEG within 120×120"
import struct, sys
d = open(sys.argv[1], "rb").read()
assert d[:2] == b"\xff\xd8", d[:4]
i = 2
while d[i + 1] not in (0xC0, 0xC2):
    i += 2 + struct.unpack(">H", d[i + 2:i + 4])[0]
h, w = struct.unpack(">HH", d[i + 5:i + 9])
assert (w, h) == (68, 120), (w, h)
PY
[ "$(get '/fleet/screenshot?screen=dpb-03-a')" = 404 ] || fail "a screen without a screenshot has a thumbnail"
[ "$(post -d "csrf=$csrf&screen=fkxc-01-a" "$url/fleet/ask")" = 200 ] || fail "截图 failed: $(grep -o 'notice[^<]*<' "$work/answer")"
grep '已请求截图：屏幕 fkxc-01-a 下次查看时上传一张截图' "$work/answer" > /dev/null || fail "截图 does not say what it did"
python3 - "$work/status/asks.json" << 'PY' || fail "asks.json does not name fkxc-01-a"
import json, sys, time, calendar
asks = json.load(open(sys.argv[1]))
assert list(asks) == ["fkxc-01-a"], asks
assert abs(calendar.timegm(time.strptime(asks["fkxc-01-a"], "%Y-%m-%dT%H:%M:%SZ")) - time.time()) < 60, asks
PY
[ "$(post -d "screen=fkxc-01-a" "$url/fleet/ask")" = 403 ] || fail "截图 without the token"
[ "$(post -d "csrf=$csrf&screen=nowhere" "$url/fleet/ask")" = 404 ] || fail "截图 of an unknown screen"
cat "$work/studio.out" "$work/studio.err" | grep 'hgj studio: 请求截图 fkxc-01-a (' > /dev/null || fail "the ask is not logged"

# 2. Pairing HQX-TNV with 德平坝小区5幢: one row appended, every other byte kept; one version.
cp "$work/content/screens.csv" "$work/screens.before"
before=$(versions)
[ "$(post -d "csrf=$csrf&base=$stale&screen=$screen_a&building=dpb-05" "$url/fleet/pair")" = 200 ] ||
  fail "pairing failed: $(grep -o 'notice[^<]*<' "$work/answer")"
grep '已配对：配对码 HQX-TNV 的屏幕放在 德平坝小区5幢（dpb-05），已写进 screens.csv。' "$work/answer" > /dev/null ||
  fail "the pairing does not say what it did"
{ cat "$work/screens.before"; printf 'HQX-TNV,dpb-05,,,,,\n'; } | cmp -s - "$work/content/screens.csv" ||
  fail "screens.csv is not the old file and one row: $(tail -n 2 "$work/content/screens.csv")"
[ "$(versions)" = $((before + 1)) ] || fail "the pairing is not one new version"
[ "$(git -C "$work/content" log -1 --format=%s)" = "配对触摸屏 HQX-TNV → 德平坝小区5幢（dpb-05）" ] ||
  fail "the version is named: $(git -C "$work/content" log -1 --format=%s)"
[ -z "$(git -C "$work/content" status --porcelain)" ] || fail "the pairing left changes outside the version"
zh "$HGJ" check --content "$work/content" > "$work/check.out" 2>&1 || { cat "$work/check.out"; fail "hgj check fails after pairing"; }
get /fleet > /dev/null
[ "$(grep -c 'action="/fleet/pair"' "$work/body")" = 1 ] || fail "the paired screen is still offered for pairing"
grep "<td>HQX-TNV</td><td>dpb-05" "$work/body" > /dev/null || fail "the paired screen is not listed under its code and building"

# 3. A form from before the pairing: 409, nothing written. The same screen again: 409.
#    A building that is not there: 400.
cp "$work/content/screens.csv" "$work/screens.paired"
[ "$(post -d "csrf=$csrf&base=$stale&screen=$screen_b&building=dpb-03" "$url/fleet/pair")" = 409 ] ||
  fail "a stale pairing form was not 409"
grep '内容已经被改动过' "$work/answer" > /dev/null || fail "the stale form's refusal does not say why"
base=$(field base)
[ "$(post -d "csrf=$csrf&base=$base&screen=$screen_a&building=dpb-03" "$url/fleet/pair")" = 409 ] ||
  fail "pairing a paired screen again was not 409"
grep '这块屏幕已经不在等待配对了' "$work/answer" > /dev/null || fail "pairing twice does not say why"
[ "$(post -d "csrf=$csrf&base=$base&screen=$screen_b&building=zz-99" "$url/fleet/pair")" = 400 ] ||
  fail "pairing with an unknown building was not 400"
[ "$(post -d "base=$base&screen=$screen_b&building=dpb-03" "$url/fleet/pair")" = 403 ] || fail "a pairing without the token"
cmp -s "$work/screens.paired" "$work/content/screens.csv" || fail "a refused pairing changed screens.csv"

# 4. 预览: published, then 德平坝小区3幢's steward's phone changes: its screen drawn.
get /publish > /dev/null
[ "$(post -d "csrf=$csrf&base=$(field base)" "$url/publish")" = 200 ] || fail "publishing failed"
sed -i 's/138 0000 0009/138 0000 0099/' "$work/content/stewards.csv"
[ "$(get /preview)" = 200 ] || fail "GET /preview answered $(head -c 300 "$work/body")"
grep '<h2 id="screens">有变化的楼栋的触摸屏</h2>' "$work/body" > /dev/null || fail "预览 has no screens section"
imgs=$(grep -o '<img src="/preview/kiosk/[^"]*"' "$work/body" | sed 's/.*kiosk\///;s/"$//' | tr '\n' ' ')
[ "$imgs" = "dpb-03.png " ] || fail "预览 draws the screens: '$imgs' $(grep -o 'class="missing">[^/]*' "$work/body")"
curl -s -D "$work/headers" -o "$shots/preview-dpb-03.png" "$url/preview/kiosk/dpb-03.png"
grep -i '^content-type: image/png' "$work/headers" > /dev/null || fail "the screen is not served as a PNG"
python3 - "$shots/preview-dpb-03.png" << 'PY' || fail "the screen is not a 1080×1920 PNG"
import struct, sys
head = open(sys.argv[1], "rb").read(24)
assert head[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", head[16:24]) == (1080, 1920), head
PY
# Signed with the preview's own key (the kiosk refused nothing, or there would be no picture).
python3 - "$work/state/preview/site/kiosk/manifest.json" "$work/state/preview/kiosk-preview.pub" << 'PY' ||
import json, sys
signature = json.load(open(sys.argv[1]))["signature"]
key = [l for l in open(sys.argv[2]) if l.startswith("ed25519 ")][0].split()
assert signature["key_id"] == key[1], (signature, key)
PY
  fail "the preview bundle is not signed with the preview's key"
! grep -q "$(awk '/^ed25519/ { print $2 }' "$work/state/preview/kiosk-preview.pub")" "$work/public/kiosk/manifest.json" ||
  fail "the published bundle is signed with the preview's key"

# Every building changes (the street's hotline is on every board): 12 drawn, the other 4
# named.
sed -i 's/^hotline = ".*"/hotline = "0570-0000101"/' "$work/content/site.toml"
get /preview > /dev/null
[ "$(grep -c '<img src="/preview/kiosk/' "$work/body")" = 12 ] ||
  fail "预览 does not draw 12 screens: $(grep -c '<img src="/preview/kiosk/' "$work/body")"
grep '另有 4 栋楼的触摸屏也有变化（这里只画前 12 栋）：' "$work/body" > /dev/null || fail "the other 4 buildings are not named"
[ "$(find "$work/state/preview/kiosk" -name '*.png' | wc -l)" = 12 ] || fail "not 12 pictures in the preview folder"
stop_studio

# 5. An editor of 坊口街社区 is offered only its buildings and may pair only with them.
printf '%s\n' 'editor-pass-22' | zh "$HGJ" studio user add 李梅 --role editor --community fangkou --state "$work/state" > /dev/null ||
  fail "user add editor"
start_studio --no-browser --accounts --fleet-status "$work/status"
jar="$work/editor.jar"
[ "$(curl -s -c "$jar" -o /dev/null -w '%{http_code}' -H "Origin: $url" --data-urlencode name=李梅 \
  --data-urlencode password=editor-pass-22 "$url/login")" = 303 ] || fail "the editor could not sign in"
[ "$(curl -s -b "$jar" -o "$work/body" -w '%{http_code}' "$url/fleet")" = 200 ] || fail "the editor cannot see 触摸屏"
grep 'value="fkxc-02"' "$work/body" > /dev/null || fail "the editor is not offered their own buildings"
! grep 'value="dpb-03"' "$work/body" > /dev/null || fail "the editor is offered another community's building"
csrf=$(field csrf)
base=$(field base)
cp "$work/content/screens.csv" "$work/screens.editor"
[ "$(curl -s -b "$jar" -o "$work/answer" -w '%{http_code}' -H "Origin: $url" \
  -d "csrf=$csrf&base=$base&screen=$screen_b&building=dpb-03" "$url/fleet/pair")" = 403 ] ||
  fail "the editor paired a screen with another community's building"
grep '楼栋“德平坝小区3幢”属于天平巷社区，你的账号只能给自己社区的楼栋配对屏幕。' "$work/answer" > /dev/null ||
  fail "the editor's refusal says: $(grep -o 'notice bad">[^<]*' "$work/answer")"
cmp -s "$work/screens.editor" "$work/content/screens.csv" || fail "a refused pairing changed screens.csv"
[ "$(curl -s -b "$jar" -o "$work/answer" -w '%{http_code}' -H "Origin: $url" \
  -d "csrf=$csrf&base=$base&screen=$screen_b&building=fkxc-02" "$url/fleet/pair")" = 200 ] ||
  fail "the editor could not pair with their own building"
[ "$(tail -n 1 "$work/content/screens.csv")" = "8QV-Z9Z,fkxc-02,,,,," ] || fail "the editor's pairing is not the last row"
[ "$(git -C "$work/content" log -1 --format=%an)" = 李梅 ] || fail "the editor's pairing is not under their name"
stop_studio

# 6. Without --fleet-status, and without any hgj-kiosk (none beside hgj, none on PATH).
studio_path=/nonexistent start_studio --no-browser
[ "$(get /fleet)" = 200 ] || fail "/fleet without --fleet-status answered an error"
grep '还没有设置屏幕状态文件夹，这里看不到触摸屏。启动工作台时加上 --fleet-status 文件夹' "$work/body" > /dev/null ||
  fail "/fleet does not say how to set the status folder"
get /preview > /dev/null
grep '<p>没有找到触摸屏程序 hgj-kiosk，这里看不到触摸屏的样子（装上 hgj-kiosk，或用 --kiosk-program 指定它）。</p>' \
  "$work/body" > /dev/null || fail "预览 does not say hgj-kiosk is missing"
! grep '<img src="/preview/kiosk/' "$work/body" > /dev/null || fail "预览 shows screens without hgj-kiosk"
stop_studio

# 7. On a desktop the workbench opens the browser (xdg-open, here a stand-in) and stops
#    waiting for it (SIGCHLD ignored): the screens are drawn all the same.
mkdir "$work/bin"
printf '#!/bin/sh\necho "$1" > "%s/opened"\n' "$work" > "$work/bin/xdg-open"
chmod +x "$work/bin/xdg-open"
DISPLAY=:0 studio_path="$work/bin:$PATH" start_studio --kiosk-program "$HGJ_KIOSK"
for _ in $(seq 1 50); do [ -s "$work/opened" ] && break; sleep 0.1; done
[ "$(cat "$work/opened" 2> /dev/null)" = "$url/" ] || fail "the desktop's browser was not opened"
sed -i 's/138 0000 0099/138 0000 0999/' "$work/content/stewards.csv"
get /preview > /dev/null
grep '<img src="/preview/kiosk/dpb-03.png"' "$work/body" > /dev/null ||
  fail "预览 draws no screen once the browser was opened: $(grep -o 'class="missing">[^/]*' "$work/body")"
stop_studio
echo "PASS"
