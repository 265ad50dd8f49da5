#!/usr/bin/env bash
# The print-ready HTML view of each 公示牌 (print/boards/<building>.html): one per demo
# building from `hgj build`, with every steward's name and phone, @page rules for the
# paper, nothing loaded from outside (pictures beside it), content escaped, a well-formed
# SVG QR code that zbar scans to the building's page; A4 from `hgj print --paper A4`, where
# ten events make six lines and "另有4项活动" (HTML and PDF, still one page);
# a theme that overrides the template; and building pages that link their board (unless
# the build has no print/).
set -uo pipefail
: "${HGJ:?HGJ must point at the hgj binary}" "${HGJ_SOURCE_DIR:?}"
for tool in python3 zbarimg pdftotext pdfinfo; do
  command -v "$tool" > /dev/null || { echo "FAIL: $tool not found (apt-get install python3 zbar-tools poppler-utils)"; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1795518000
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

"$HGJ" build --content "$HGJ_SOURCE_DIR/content" --out "$work/site" --no-kiosk > /dev/null 2> "$work/err" ||
  { cat "$work/err"; fail "hgj build"; }

# Every building of buildings.json has a view holding its stewards (stewards.json).
python3 - "$work/site" A3 <<'EOF' || fail "HTML views of the demo"
import json, os, re, sys, xml.etree.ElementTree as ET
site, paper = sys.argv[1], sys.argv[2]
buildings = json.load(open(os.path.join(site, "buildings.json"), encoding="utf-8"))
stewards = {s["id"]: s for s in json.load(open(os.path.join(site, "stewards.json"), encoding="utf-8"))}
ok = True
def bad(message):
    global ok
    print(message); ok = False
for b in buildings:
    path = os.path.join(site, "print", "boards", b["id"] + ".html")
    if not os.path.isfile(path):
        bad(f"no {path}"); continue
    html = open(path, encoding="utf-8").read()
    for sid in b["stewards"]:
        s = stewards[sid]
        if s["name"] not in html: bad(f"{path}: steward {s['name']} missing")
        if s.get("phone") and s["phone"] not in html: bad(f"{path}: phone {s['phone']} missing")
    if b["name"] not in html: bad(f"{path}: building name missing")
    if not re.search(r"@page[^{]*\{[^}]*size:\s*" + paper, html): bad(f"{path}: no @page size {paper}")
    if f'class="paper-{paper.lower()}"' not in html: bad(f"{path}: not laid out for {paper}")
    # A phone shows the whole sheet (297 or 210 mm at 96 px an inch), not a strip of it.
    width = {"A3": 1123, "A4": 794}[paper]
    if f'<meta name="viewport" content="width={width}">' not in html: bad(f"{path}: no viewport {width} px wide")
    # Nothing from outside: no links, scripts, imports; pictures from img/ beside the page.
    for m in re.finditer(r'\b(src|href)\s*=\s*"([^"]*)"', html):
        url = m.group(2)
        if not re.fullmatch(r"img/[A-Za-z0-9._-]+", url): bad(f"{path}: loads {url[:60]}")
        elif not os.path.isfile(os.path.join(os.path.dirname(path), url)): bad(f"{path}: no {url}")
    for needle in ("<link", "<script", "@import", "url("):
        if needle in html: bad(f"{path}: has {needle}")
    qr = f'img/qr-{b["id"]}.svg'
    if html.count(f'<img class="qr" src="{qr}"') != 1: bad(f"{path}: no QR code"); continue
    try:
        root = ET.parse(os.path.join(os.path.dirname(path), qr)).getroot()
        if root.tag != "{http://www.w3.org/2000/svg}svg": bad(f"{qr}: not an SVG")
    except (OSError, ET.ParseError) as e:
        bad(f"{path}: the QR SVG is not well-formed: {e}")
sys.exit(0 if ok else 1)
EOF

# Each building's page (and its 长辈模式 copy) links its board's view and PDF, which exist;
# a build without print/ links neither.
python3 - "$work/site" <<'EOF' || fail "building pages link their boards"
import json, os, sys
site = sys.argv[1]
ok = True
for b in json.load(open(os.path.join(site, "buildings.json"), encoding="utf-8")):
    for page, up in ((f"building/{b['id']}/index.html", "../../"), (f"elder/building/{b['id']}/index.html", "../../../")):
        html = open(os.path.join(site, page), encoding="utf-8").read()
        for kind in ("html", "pdf"):
            link = f'href="{up}print/boards/{b["id"]}.{kind}"'
            if link not in html:
                print(f"{page}: no {link}"); ok = False
            elif not os.path.isfile(os.path.join(site, "print", "boards", f"{b['id']}.{kind}")):
                print(f"{page}: links a missing board {kind}"); ok = False
sys.exit(0 if ok else 1)
EOF
"$HGJ" build --content "$HGJ_SOURCE_DIR/content" --out "$work/site-no-print" --no-print --no-kiosk > /dev/null 2>&1 ||
  fail "hgj build --no-print"
! grep -rl "print/boards/" "$work/site-no-print" --include=index.html > /dev/null ||
  fail "a --no-print build links boards: $(grep -rl "print/boards/" "$work/site-no-print" --include=index.html | head -3)"

# The QR code: its runs drawn into a PGM (4 px a module) that zbar must read as the URL.
qr_url() {
  python3 - "$1" "$work/qr.pgm" <<'EOF'
import re, sys
svg = open(sys.argv[1], encoding="utf-8").read()
side = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))
scale = 4
px = [[255] * (side * scale) for _ in range(side * scale)]
for x, y, w in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", re.search(r' d="([^"]*)"', svg).group(1)):
    x, y, w = int(x), int(y), int(w)
    for row in range(y * scale, (y + 1) * scale):
        for col in range(x * scale, (x + w) * scale):
            px[row][col] = 0
with open(sys.argv[2], "wb") as f:
    f.write(b"P5 %d %d 255\n" % (side * scale, side * scale))
    f.write(bytes(v for row in px for v in row))
EOF
  zbarimg -q --raw "$work/qr.pgm" 2> /dev/null
}
for id in dpb-03 fkxc-01; do
  got=$(qr_url "$work/site/print/boards/img/qr-$id.svg")
  [ "$got" = "https://hgj.example.cn/building/$id/" ] || fail "$id: the QR code reads \"$got\""
done

# A4 from hgj print; content is escaped (a role with markup in a copy of the demo).
cp -r "$HGJ_SOURCE_DIR/content" "$work/content"
sed -i 's|^role = "退休党员"|role = "<script>alert(1)</script> \& 退休"|' "$work/content/stewards/HF-001.md"
# Eight more street-wide meetings: a board lists six events and says how many more there are.
for i in 1 2 3 4 5 6 7 8; do
  printf '+++\ntitle = "街道例会%s"\nkind = "活动"\nrule = "monthly:%s"\n+++\n' "$i" "$i" > "$work/content/events/street-$i.md"
done
"$HGJ" print --content "$work/content" --paper A4 --out "$work/a4" > /dev/null 2> "$work/err" ||
  { cat "$work/err"; fail "hgj print --paper A4"; }
html=$work/a4/boards/dpb-03.html
grep -q '<p class="more">另有4项活动，网站「活动」页上都有</p>' "$html" || fail "the view does not count the events left off"
[ "$(grep -c 'class="event"' "$html")" = 6 ] || fail "the view lists $(grep -c 'class="event"' "$html") events, not 6"
pdftotext "$work/a4/boards/dpb-03.pdf" - | tr -d ' \n' | grep '另有4项活动' >/dev/null || fail "the PDF board does not count the events left off"
[ "$(pdfinfo "$work/a4/boards/dpb-03.pdf" | sed -n 's/^Pages: *//p')" = 1 ] || fail "ten events made the board longer than one page"
grep -q 'class="paper-a4"' "$html" || fail "A4 view is not laid out for A4"
grep -q '<meta name="viewport" content="width=794">' "$html" || fail "A4 view is not 794 px wide on a phone"
grep -q '@page board-a4 { size: A4 portrait' "$html" || fail "A4 view has no A4 @page rule"
grep -qF '&lt;script&gt;alert(1)&lt;/script&gt; &amp; 退休' "$html" || fail "the role is not escaped"
! grep -q '<script' "$html" || fail "markup from the content reached the page"

# A theme overrides the template (and falls back to the default's stylesheet).
mkdir -p "$work/themes/mine/templates"
printf '<p>OVERRIDE {{building_name}}</p><style>{{{stylesheet}}}</style>\n' > "$work/themes/mine/templates/print_board.mustache"
"$HGJ" print --content "$HGJ_SOURCE_DIR/content" --theme "$work/themes/mine" --building dpb-03 --out "$work/mine" \
  > /dev/null 2> "$work/err" || { cat "$work/err"; fail "hgj print --theme"; }
grep -q '<p>OVERRIDE 德平坝小区3幢</p>' "$work/mine/boards/dpb-03.html" || fail "the theme's template is not used"
grep -q '@page board-a3' "$work/mine/boards/dpb-03.html" || fail "the default stylesheet is not used"

echo "$failures failed"
[ "$failures" -eq 0 ]
