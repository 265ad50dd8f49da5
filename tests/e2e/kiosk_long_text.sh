#!/usr/bin/env bash
# Valid content with very long text (a 600-character steward name, 2,500 characters of
# service hours, a 5,000-character notice title, long names of a building, community,
# duty group, event and issue) passes into the bundle; hgj-kiosk then draws every slide,
# portrait and landscape, and the building picker: each exits 0 with a PNG whose outer
# margin and the bands between header, content and status line are plain background —
# no text runs out of its box. (Before, a text wider than 32,767 px made cairo return a
# surface without pixels and the kiosk died of SIGSEGV.)
set -euo pipefail
: "${HGJ:?}" "${HGJ_KIOSK:?}" "${HGJ_SOURCE_DIR:?}"
command -v python3 > /dev/null || { echo "FAIL: python3 is missing (scripts/deps.sh)"; exit 1; }
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SDL_VIDEODRIVER=offscreen

cp -r "$HGJ_SOURCE_DIR/content" "$tmp/content"
python3 - "$tmp/content" <<'PY'
import csv, io, pathlib, re, sys
root = pathlib.Path(sys.argv[1])
def set_key(path, key, value):
    p = root / path
    s, n = re.subn(r'^%s = ".*"$' % key, '%s = "%s"' % (key, value), p.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert n == 1, (path, key)
    p.write_text(s, encoding="utf-8")
set_key("stewards/HF-001.md", "name", "王建华" * 200)
set_key("stewards/HF-001.md", "office_hours", ("每天上午在楼下花坛边；" * 250)[:2500])
set_key("stewards/HF-001.md", "role", "退休党员" * 300)
set_key("stewards/HF-001.md", "honors", "2018-11 " + "月度服务之星" * 400)
set_key("notices/2026-11-recruit.md", "title", ("关于楼道堆物清理的通知" * 500)[:5000])
notice = root / "notices/2026-11-recruit.md"
notice.write_text(notice.read_text(encoding="utf-8") + "\n" + "招募" * 3000 + "\n", encoding="utf-8")
set_key("communities/tianping.md", "name", "天平巷社区" * 200)
set_key("events/tianping-knock.md", "title", "周二敲门日" * 400)
set_key("events/tianping-knock.md", "location", "天平巷社区各楼道" * 300)
set_key("duties/6442.md", "title", "红管家职责" * 400)
set_key("duties/6442.md", "name", "六大员" * 400)
duty = root / "duties/6442.md"
duty.write_text(duty.read_text(encoding="utf-8").replace('"宣传员"', '"%s"' % ("宣传员" * 800), 1), encoding="utf-8")
buildings = root / "buildings.csv"
s = buildings.read_text(encoding="utf-8-sig")
assert "dpb-03,德平坝小区3幢," in s
buildings.write_text(s.replace("dpb-03,德平坝小区3幢,", "dpb-03," + "德平坝小区3幢" * 300 + ",", 1), encoding="utf-8")
issues = root / "issues.csv"
rows = list(csv.reader(io.StringIO(issues.read_text(encoding="utf-8-sig"))))
recent = max((r for r in rows[1:] if r[3] == "dpb-03" and r[9]), key=lambda r: r[9])
recent[1], recent[12] = "楼道堆放旧家具" * 700, "联系住户清运" * 700
out = io.StringIO()
csv.writer(out, lineterminator="\n").writerows(rows)
issues.write_text(out.getvalue(), encoding="utf-8")
PY
# The bundle's clock (2026-11-20) before the screen's, so dated items are shown.
SOURCE_DATE_EPOCH=1795132800 "$HGJ" bundle --content "$tmp/content" --out "$tmp/kiosk" > /dev/null 2> "$tmp/bundle.err" ||
  { cat "$tmp/bundle.err"; fail "hgj bundle failed"; }
grep -q "$(printf '王建华%.0s' $(seq 1 200))" "$tmp/kiosk/bundle.json" || fail "the long name is not in the bundle"

# Without the burn-in shift, so every box is where kiosk/layout.cpp puts it.
printf '[behaviour]\nburn_in_pixels = 0\n' > "$tmp/still.toml"
shots=()
shot() {  # name, then kiosk arguments
  local name=$1; shift
  local code=0
  "$HGJ_KIOSK" --screenshot "$tmp/$name.png" --state-dir "$tmp/state" --config "$tmp/still.toml" --at 2026-11-25T09:30 "$@" \
    2> "$tmp/$name.err" || code=$?
  [ "$code" -eq 0 ] || { cat "$tmp/$name.err"; fail "$name: exit $code"; }
  shots+=("$tmp/$name.png")
}
for size in 1080x1920 1920x1080; do
  # Every slide of the deck, however many pages the long lists take: the log of each
  # screenshot says which slide of how many it shows (past the end, the last one).
  shot "dpb-03-$size-1" --bundle "$tmp/kiosk" --building dpb-03 --size "$size" --slide 1
  slides=$(sed -n 's/.*screenshot: slide 1 of \([0-9]*\) .*/\1/p' "$tmp/dpb-03-$size-1.err")
  [ -n "$slides" ] || fail "dpb-03 $size: no slide count: $(cat "$tmp/dpb-03-$size-1.err")"
  kinds=
  for slide in $(seq "$slides"); do
    [ "$slide" = 1 ] || shot "dpb-03-$size-$slide" --bundle "$tmp/kiosk" --building dpb-03 --size "$size" --slide "$slide"
    kind=$(sed -n "s/.*screenshot: slide $slide of $slides (\([a-z]*\)).*/\1/p" "$tmp/dpb-03-$size-$slide.err")
    [ -n "$kind" ] || fail "dpb-03 $size slide $slide: $(cat "$tmp/dpb-03-$size-$slide.err")"
    kinds="$kinds $kind"
  done
  for kind in steward events duties resolved notices honours; do
    case " $kinds " in *" $kind "*) ;; *) fail "dpb-03 $size: no $kind slide among:$kinds" ;; esac
  done
  shot "picker-$size" --bundle "$tmp/kiosk" --building no-such-building --size "$size"
done

# Plain background (themes/default/kiosk.toml colors.background) where no box reaches:
# the outer margin, and the gaps above and below the content (kiosk/layout.cpp at 1080
# design pixels on the short side: margin 30, gap 24, header 190|150, buttons 130|96,
# status 2 × 62|44 in portrait|landscape: the data is 5 days old, and upright
# 「已 N 天未能同步…」 gets a row of its own).
python3 - "${shots[@]}" <<'PY'
import struct, sys, zlib
def read_png(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path + ": not a PNG"
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
        rows.append(line)
        prev = line
    return w, h, bpp, rows
background = bytes([0xFB, 0xF4, 0xE6])
failed = False
for path in sys.argv[1:]:
    w, h, bpp, rows = read_png(path)
    portrait = h > w
    header, buttons, status = (190, 130, 2 * 62) if portrait else (150, 96, 44)
    margin, gap = 30, 24
    status_y = h - margin - buttons - gap // 2 - status
    bands = {"top margin": (0, margin), "bottom margin": (h - margin, h),
             "gap under the header": (margin + header + 2, margin + header + gap - 2),
             "gap over the status line": (status_y - gap // 2 + 2, status_y - 1)}
    for name, (y0, y1) in bands.items():
        for y in range(y0, y1):
            row = rows[y]
            if any(row[x * bpp:x * bpp + 3] != background for x in range(w)):
                print(f"FAIL: {path}: something drawn in the {name} (row {y})")
                failed = True
                break
    for y in range(h):
        row = rows[y]
        if any(row[x * bpp:x * bpp + 3] != background for x in list(range(margin)) + list(range(w - margin, w))):
            print(f"FAIL: {path}: something drawn in the side margin (row {y})")
            failed = True
            break
sys.exit(1 if failed else 0)
PY
echo "${#shots[@]} screens with long text drawn inside their boxes"
