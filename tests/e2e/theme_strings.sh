#!/usr/bin/env bash
# One theme overlay for every output: a theme beside the content folder that overrides
# `phone` in its strings.toml (电话 → 手机) changes that word on the site, on the board
# and card PDFs and on the kiosk's steward slide (through the bundle); keys it leaves
# out keep the default theme's words.
set -euo pipefail
: "${HGJ:?}" "${HGJ_KIOSK:?}" "${HGJ_SOURCE_DIR:?}"
command -v pdftotext >/dev/null || { echo "FAIL: pdftotext is missing (scripts/deps.sh)"; exit 1; }
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SDL_VIDEODRIVER=offscreen SOURCE_DATE_EPOCH=1790000000
cp -r "$HGJ_SOURCE_DIR/content" "$tmp/content"
mkdir -p "$tmp/themes/mine"
printf 'phone = "手机"\n' >"$tmp/themes/mine/strings.toml"
cd "$tmp"

for theme in default mine; do
  "$HGJ" build --content content --out "site-$theme" --theme "$theme" >/dev/null 2>err || { cat err; fail "build $theme"; }
  "$HGJ" bundle --content content --out "kiosk-$theme" --theme "$theme" >/dev/null 2>err || { cat err; fail "bundle $theme"; }
done

# The site (a community page's phone) and the HTML view of the board.
grep -q '<dt>电话</dt>' site-default/community/tianping/index.html || fail "the default site has no 电话"
grep -q '<dt>手机</dt>' site-mine/community/tianping/index.html || fail "the theme's phone is not on the site"
grep -q '<dt>电话</dt>' site-mine/community/tianping/index.html && fail "the site still says 电话"

# The PDFs: the label is a line of its own in pdftotext's output (电话 inside a
# steward's service hours is content, not a label).
for kind in boards cards; do
  pdftotext "site-default/print/$kind/dpb-03.pdf" default.txt
  pdftotext "site-mine/print/$kind/dpb-03.pdf" mine.txt
  grep -qx '电话' default.txt || fail "$kind: the default PDF has no 电话 label"
  grep -qx '手机' mine.txt || fail "$kind: the theme's phone is not in the PDF"
  grep -qx '电话' mine.txt && fail "$kind: the PDF still says 电话"
  grep -qx '手机' default.txt && fail "$kind: the default PDF says 手机"
  # The other words stay the default theme's.
  grep -q '本楼红管家' mine.txt || [ "$kind" = cards ] || fail "$kind: the default's other words are gone"
done

# The bundle carries the kiosk's words; the theme's phone, the default's others.
cmp -s kiosk-mine/bundle.json site-mine/kiosk/bundle.json || fail "hgj build's bundle differs from hgj bundle's"
python3 - kiosk-default/bundle.json kiosk-mine/bundle.json <<'PY' || fail "bundle strings"
import json, sys
default, mine = (json.load(open(p, encoding="utf-8"))["strings"] for p in sys.argv[1:])
assert default["phone"] == "电话" and mine["phone"] == "手机", (default["phone"], mine["phone"])
assert mine["your_stewards"] == default["your_stewards"] == "本楼红管家"
assert "footer_data" not in mine, "a word the kiosk never shows is in the bundle"
PY

# The kiosk: the two steward slides differ only inside the red phone band, whose label
# reads 有事请打 + phone.
printf '[behaviour]\nburn_in_pixels = 0\n' >still.toml
for theme in default mine; do
  "$HGJ_KIOSK" --screenshot "$theme.png" --state-dir "state-$theme" --config still.toml --bundle "kiosk-$theme" \
    --building dpb-03 --size 1080x1920 --at 2026-11-25T09:30 --slide 1 2>err || { cat err; fail "kiosk $theme"; }
done
python3 - default.png mine.png <<'PY' || fail "kiosk screenshots"
import struct, sys, zlib
def read_png(path):
    data = open(path, "rb").read()
    at, idat, head = 8, b"", None
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR": head = struct.unpack(">IIBBBBB", body)
        if kind == b"IDAT": idat += body
        at += 12 + length
    w, h, depth, colour, _, _, interlace = head
    assert depth == 8 and colour in (2, 6) and interlace == 0, path + ": unexpected PNG kind"
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows
w, h, bpp, a = read_png(sys.argv[1])
_, _, _, b = read_png(sys.argv[2])
px = lambda rows, x, y: rows[y][x * bpp:x * bpp + 3]
diff = [(x, y) for y in range(h) if a[y] != b[y] for x in range(w) if px(a, x, y) != px(b, x, y)]
assert diff, "the theme's phone did not change the kiosk's picture"
x0, x1 = min(x for x, _ in diff), max(x for x, _ in diff)
y0, y1 = min(y for _, y in diff), max(y for _, y in diff)
# The band: the rows around the change whose right-hand inside is the primary colour
# (themes/default/kiosk.toml colors.primary).
primary, probe = bytes([0xB3, 0x26, 0x1E]), w - 90
assert px(a, probe, y0) == primary, f"the change (rows {y0}-{y1}) is not in the phone band"
top, bottom = y0, y1
while top > 0 and px(a, probe, top - 1) == primary: top -= 1
while bottom + 1 < h and px(a, probe, bottom + 1) == primary: bottom += 1
assert top <= y0 and y1 <= bottom and x1 < probe, f"the change {x0},{y0}-{x1},{y1} leaves the band {top}-{bottom}"
PY
echo "theme strings: site, board, cards and kiosk follow the theme's phone"
