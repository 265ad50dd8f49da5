#!/usr/bin/env bash
# `hgj print` on the demo and the extreme fixture (six stewards with 40-character
# names, 30 duties, no photos), A3 and A4, checked with poppler-utils and zbar the way
# a print shop would see the files: page sizes, embedded fonts, searchable names and
# phones, QR codes that scan to the building's page, every word inside the page and
# no two words on top of each other; plus byte-identical reruns.
set -uo pipefail
: "${HGJ:?HGJ must point at the hgj binary}" "${HGJ_SOURCE_DIR:?}"
for tool in pdfinfo pdffonts pdftotext pdftoppm zbarimg python3; do
  command -v "$tool" > /dev/null || { echo "FAIL: $tool not found (apt-get install poppler-utils zbar-tools python3)"; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1795518000  # 2026-11-24 11:00 UTC
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

declare -A size=([A3]="841.89 1190.55" [A4]="595.28 841.89")

# Every page of $1 is exactly paper $2.
check_pages() {
  local pdf=$1 paper=$2 pages
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  [ "${pages:-0}" -ge 1 ] || { fail "$pdf has no pages"; return; }
  local bad
  # "Page    1 size: 595.276 x 841.89 pts (A4)", compared to 0.01 pt.
  bad=$(pdfinfo -f 1 -l "$pages" "$pdf" | awk -v want="${size[$paper]}" '
    /^Page.*size:/ { split(want, w, " ");
      if ($4 - w[1] > 0.01 || w[1] - $4 > 0.01 || $6 - w[2] > 0.01 || w[2] - $6 > 0.01) print }')
  [ -z "$bad" ] || fail "$pdf: pages not $paper: $bad"
}

# Every font of $1 is embedded (pdffonts' emb column).
check_fonts() {
  local rows
  rows=$(pdffonts "$1" | tail -n +3)
  [ -n "$rows" ] || { fail "$1 has no fonts (text drawn as paths?)"; return; }
  if echo "$rows" | awk '{print $(NF-4)}' | grep -vqx yes; then fail "$1: a font is not embedded: $rows"; fi
}

# The text of $1 holds name $2 (wrapped or not) and phone $3 on one line.
check_text() {
  local text
  text=$(pdftotext -enc UTF-8 "$1" -)
  if ! tr -d ' \n' <<< "$text" | grep -F "$(tr -d ' ' <<< "$2")" >/dev/null; then fail "$1: name $2 not found"; fi
  grep -qF "$3" <<< "$text" || fail "$1: phone \"$3\" not found on one line"
}

# A QR code on page 1 of $1, rendered at $3 dpi, scans to URL $2.
check_qr() {
  pdftoppm -png -r "$3" -f 1 -l 1 "$1" "$work/qr"
  local png
  png=$(ls "$work"/qr*.png | head -1)
  zbarimg -q --raw "$png" 2> /dev/null | grep -xF "$2" >/dev/null || fail "$1: no QR code scanning to $2"
  rm -f "$work"/qr*.png
}

# Page 1 of card sheet $1 holds ten cards: ten QR codes scanning to $2, and each
# NAME=COUNT of $3… on COUNT of them.
check_card_sheet() {
  local file=$1 url=$2
  shift 2
  pdftoppm -png -r 150 -f 1 -l 1 "$file" "$work/sheet"
  local png scans
  png=$(ls "$work"/sheet*.png | head -1)
  scans=$(zbarimg -q --raw "$png" 2> /dev/null | grep -cxF "$url")
  [ "$scans" -eq 10 ] || fail "$file: $scans QR codes scan to $url, not 10"
  rm -f "$work"/sheet*.png
  local text pair
  text=$(pdftotext -enc UTF-8 -f 1 -l 1 "$file" -)
  for pair in "$@"; do
    [ "$(grep -o "${pair%=*}" <<< "$text" | wc -l)" -eq "${pair#*=}" ] || fail "$file: ${pair%=*} not on ${pair#*=} cards"
  done
}

# The cards of sheet set $1 in reading order, one line per sheet: the names $2… found,
# placed by where they are on the page (pdftotext -bbox), runs of one name counted, as
# "张桂兰×8 刘国平×2".
card_runs() {
  pdftotext -enc UTF-8 -bbox "$1" "$work/cards.html"
  shift
  python3 - "$work/cards.html" "$@" <<'EOF'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
names = sys.argv[2:]
for page in re.findall(r'<page (.*?)</page>', html, re.S):
    found = []
    for x, y, word in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)<', page):
        if word in names:
            # Card rows are 54 mm (153 pt) apart: the row first, then left to right.
            found.append((int(float(y) // 153), float(x), word))
    found.sort()
    runs = []
    for _, _, name in found:
        if runs and runs[-1][0] == name:
            runs[-1][1] += 1
        else:
            runs.append([name, 1])
    print(" ".join(f"{n}×{c}" for n, c in runs))
EOF
}

# Words inside the page box and not overlapping one another (pdftotext -bbox).
check_boxes() {
  pdftotext -bbox "$1" "$work/bbox.html"
  python3 - "$1" "$work/bbox.html" <<'EOF' || fail "$1: words outside the page or on top of each other"
import re, sys
html = open(sys.argv[2], encoding="utf-8").read()
ok = True
for n, page in enumerate(re.findall(r'<page (.*?)</page>', html, re.S), 1):
    w, h = (float(v) for v in re.search(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
    words = [(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in
             re.findall(r'xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<', page)]
    for x0, y0, x1, y1, t in words:
        if x0 < 0 or y0 < 0 or x1 > w + 0.01 or y1 > h + 0.01:
            print(f"{sys.argv[1]} page {n}: {t!r} at {x0},{y0}-{x1},{y1} outside {w}x{h}"); ok = False
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            # Glyph boxes of neighbouring lines touch; a real overlap covers half a line.
            dx = min(a[2], b[2]) - max(a[0], b[0])
            dy = min(a[3], b[3]) - max(a[1], b[1])
            if dx > 1 and dy > 0.5 * min(a[3] - a[1], b[3] - b[1]):
                print(f"{sys.argv[1]} page {n}: {a[4]!r} overlaps {b[4]!r}"); ok = False
sys.exit(0 if ok else 1)
EOF
}

pdf_pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }

# Community files hold exactly the pages of their buildings' files.
check_combined() {
  local out=$1 kind=$2 per=0 combined=0 f
  for f in "$out/$kind"/*.pdf; do per=$((per + $(pdf_pages "$f"))); done
  for f in "$out"/community/*-"$kind".pdf; do combined=$((combined + $(pdf_pages "$f"))); done
  [ "$per" -eq "$combined" ] || fail "$out: community $kind have $combined pages, buildings $per"
}

run_print() {  # content paper out
  "$HGJ" print --content "$1" --paper "$2" --out "$3" > "$work/stdout" 2> "$work/stderr"
  local code=$?
  [ "$code" -eq 0 ] || { fail "hgj print $1 $2: exit $code"; cat "$work/stderr"; }
}

demo=$HGJ_SOURCE_DIR/content
extreme=$HGJ_SOURCE_DIR/tests/fixtures/print_extreme/content
for paper in A3 A4; do
  out=$work/demo-$paper
  run_print "$demo" "$paper" "$out"
  for f in "$out"/boards/*.pdf; do
    check_pages "$f" "$paper"; check_fonts "$f"; check_boxes "$f"
    grep -qF "楼道红管家公示牌" <<< "$(pdftotext -enc UTF-8 "$f" -)" || fail "$f: no title"
  done
  for f in "$out"/cards/*.pdf; do check_pages "$f" A4; check_fonts "$f"; check_boxes "$f"; done
  check_pages "$out/community/tianping-boards.pdf" "$paper"
  check_combined "$out" boards
  check_combined "$out" cards
  check_text "$out/boards/dpb-03.pdf" 王建华 "138 0000 0001"
  check_text "$out/boards/dpb-03.pdf" 陈玉珍 "138 0000 0009"
  check_text "$out/cards/dpb-03.pdf" 王建华 "138 0000 0001"
  check_text "$out/community/tianping-boards.pdf" 王建华 "138 0000 0001"
  check_qr "$out/boards/dpb-03.pdf" "https://hgj.example.cn/building/dpb-03/" 100
  check_qr "$out/cards/dpb-03.pdf" "https://hgj.example.cn/building/dpb-03/" 150
  # dpb-03: 48 households in 4 units, 王建华 units 1–2, 陈玉珍 3–4: 24 cards each.
  check_card_sheet "$out/cards/dpb-03.pdf" "https://hgj.example.cn/building/dpb-03/" 王建华=10 陈玉珍=0
  [ "$(pdf_pages "$out/cards/dpb-03.pdf")" -eq 5 ] || fail "dpb-03: $(pdf_pages "$out/cards/dpb-03.pdf") card sheets, not 5"
  check_qr "$out/boards/fkxc-01.pdf" "https://hgj.example.cn/building/fkxc-01/" 100

  out=$work/extreme-$paper
  run_print "$extreme" "$paper" "$out"
  for f in "$out"/boards/*.pdf; do check_pages "$f" "$paper"; check_fonts "$f"; check_boxes "$f"; done
  for f in "$out"/cards/*.pdf; do check_pages "$f" A4; check_fonts "$f"; check_boxes "$f"; done
  [ "$(pdf_pages "$out/boards/ext-01.pdf")" -le 2 ] || fail "extreme $paper board longer than two pages"
  while IFS=$'\t' read -r building name phone; do
    check_text "$out/boards/$building.pdf" "$name" "$phone"
    check_text "$out/cards/$building.pdf" "$name" "$phone"
  done < "$HGJ_SOURCE_DIR/tests/fixtures/print_extreme/expected_text.tsv"
  check_qr "$out/boards/ext-01.pdf" "https://print-test.example.cn/building/ext-01/" 100
  check_combined "$out" boards
done

# Cards follow the households: two-01 has 45 households in 5 units, 张桂兰 serves units
# 1–2 (18 households), 刘国平 3–5 (27): 45 cards, one steward's together, on 5 sheets.
crowded=$HGJ_SOURCE_DIR/tests/fixtures/print_crowded/content
out=$work/crowded-A3
run_print "$crowded" A3 "$out"
for f in "$out"/cards/*.pdf; do check_pages "$f" A4; check_fonts "$f"; check_boxes "$f"; done
runs=$(card_runs "$out/cards/two-01.pdf" 张桂兰 刘国平)
want=$'张桂兰×10\n张桂兰×8 刘国平×2\n刘国平×10\n刘国平×10\n刘国平×5'
[ "$runs" = "$want" ] || fail "two-01 cards, sheet by sheet:"$'\n'"$runs"$'\n'"want:"$'\n'"$want"
# six-01: 72 households, one steward a unit: 12 cards each, 8 sheets.
[ "$(pdf_pages "$out/cards/six-01.pdf")" -eq 8 ] || fail "six-01: $(pdf_pages "$out/cards/six-01.pdf") card sheets, not 8"
runs=$(card_runs "$out/cards/six-01.pdf" 陈秀英 杨建军 赵淑芬 黄志明 周玉梅 吴德胜 | head -2)
want=$'陈秀英×10\n陈秀英×2 杨建军×8'
[ "$runs" = "$want" ] || fail "six-01 cards, first two sheets:"$'\n'"$runs"

# Six and eight stewards (photo, WeChat QR, hours, honours) fit one A3 sheet with
# compact cards: every name, phone and honour on it. On A4 the body text stays at
# 12 pt, so they truly cannot: two pages, and a warning that says so.
for f in "$out"/boards/*.pdf; do
  check_pages "$f" A3; check_fonts "$f"; check_boxes "$f"
  [ "$(pdf_pages "$f")" -eq 1 ] || fail "$f: $(pdf_pages "$f") pages on A3, not 1"
done
while IFS=, read -r id name phone _ _ _ _ buildings _ honours _; do
  [ "$id" = id ] && continue
  board=$out/boards/${buildings%%:*}.pdf
  check_text "$board" "$name" "$phone"
  [ -z "$honours" ] || tr -d ' \n' <<< "$(pdftotext -enc UTF-8 "$board" -)" | grep -F "$(tr -d ' ' <<< "$honours")" >/dev/null ||
    fail "$board: $name's honours not found"
done < "$crowded/stewards.csv"
out=$work/crowded-A4
# Chinese, the default, whatever the test's locale.
env -u LC_ALL -u LC_MESSAGES -u LANG "$HGJ" print --content "$crowded" --paper A4 --out "$out" \
  > "$work/stdout" 2> "$work/stderr" || fail "hgj print crowded A4: exit $?"
want="$crowded/buildings.csv:3: 警告：楼栋 和平里小区6幢 的公示牌在 A4 纸上一页放不下，印成了 2 页：可改用 A3 纸，或精简职责、荣誉等内容
$crowded/buildings.csv:4: 警告：楼栋 和平里小区8幢 的公示牌在 A4 纸上一页放不下，印成了 2 页：可改用 A3 纸，或精简职责、荣誉等内容"
[ "$(sort "$work/stderr")" = "$want" ] || fail "crowded A4 warnings:"$'\n'"$(cat "$work/stderr")"
[ "$(pdf_pages "$out/boards/two-01.pdf")" -eq 1 ] || fail "two-01 A4 board not one page"
for f in "$out"/boards/*.pdf; do check_pages "$f" A4; check_boxes "$f"; done
while IFS=, read -r id name phone _ _ _ _ buildings _; do
  [ "$id" = id ] || check_text "$out/boards/${buildings%%:*}.pdf" "$name" "$phone"
done < "$crowded/stewards.csv"

# The same input twice, one thread and two: byte-identical files, dated by SOURCE_DATE_EPOCH.
"$HGJ" print --content "$demo" --out "$work/again" -j 1 > /dev/null 2>&1
"$HGJ" print --content "$demo" --out "$work/again2" -j 2 > /dev/null 2>&1
diff -r "$work/again" "$work/again2" > /dev/null || fail "two runs differ"
diff -r "$work/again" "$work/demo-A3" > /dev/null || fail "the run with -j 1 differs from the first"
pdfinfo "$work/again/boards/dpb-03.pdf" | grep "^CreationDate:.*2026" >/dev/null || fail "CreationDate not from SOURCE_DATE_EPOCH"

echo "$failures failed"
[ "$failures" -eq 0 ]
